import { Queue, Worker } from 'bullmq';
import { admissionPath } from '@apps/api/seed/admission-path';
import { DataSource } from 'typeorm';
import { queueConnection, REMINDER_QUEUE, reminderJobId, sendReminder, type ReminderJob } from '@libs/reminders';
import {
  advance,
  bearer,
  committeeReportOf2024,
  createDossier,
  dossierBefore,
  expectStatus,
  START,
  stepOf,
  topState,
  type DossierBody,
} from './support/dossier-helpers';
import { pathActors, type ActorTokens } from './support/path-driver';
import { startTestApp, type TestApp } from './support/test-app';
import { TEST_TODAY } from './support/test-clock';
import { eventually } from './support/waiting';

interface Deadline {
  id: string;
  kind: string;
  dueOn: string;
  status: string;
}

/**
 * VOID_LAST_EVENT (the procedure, second edition, point 10): a specialist or an admin voids the last recorded step
 * with a reason; the dossier returns to the snapshot before it, its deadlines and reminders follow, the history keeps
 * both steps, and reports and documents no longer count the voided one.
 */
describe('VOID_LAST_EVENT', () => {
  let t: TestApp;
  let tokens: ActorTokens;
  let admin: string;
  let db: DataSource;
  let queue: Queue<ReminderJob>;

  beforeAll(async () => {
    t = await startTestApp('void-last-event');
    tokens = await pathActors(t);
    admin = await t.token('admin');
    db = t.app.get(DataSource);
    queue = new Queue(REMINDER_QUEUE, { connection: queueConnection(t.config.redisUrl), prefix: t.config.queuePrefix });
  });
  afterAll(async () => {
    await queue.close();
    await t.close();
  });

  const send = (token: string, id: string, event: Record<string, unknown>) =>
    t.http().post(`/api/dossiers/${id}/events`).set('Authorization', bearer(token)).send(event);
  const voiding = (reason = 'Ghi nhầm số phiếu') => ({ type: 'VOID_LAST_EVENT', occurredOn: TEST_TODAY, reason });
  const view = async (id: string): Promise<DossierBody> =>
    expectStatus(await t.http().get(`/api/dossiers/${id}`).set('Authorization', bearer(tokens.specialist)), 200).body;
  const history = async (id: string) =>
    expectStatus(await t.http().get(`/api/dossiers/${id}/history`).set('Authorization', bearer(tokens.specialist)), 200)
      .body as {
      seq: number;
      type: string;
      payload: Record<string, unknown>;
      voidedBySeq: number | null;
      actor: { username: string };
      orgId: string;
    }[];
  const deadlinesOf = (id: string): Promise<Deadline[]> =>
    db.query(`SELECT id, kind, due_on AS "dueOn", status FROM deadlines WHERE dossier_id = $1 ORDER BY created_at`, [
      id,
    ]);
  /** The job of a deadline's escalation the working day after its due date. */
  const overdueOf = (deadline: Deadline): ReminderJob => ({
    deadlineId: deadline.id,
    kind: 'overdue',
    dueOn: deadline.dueOn,
  });
  const admittedIn2024 = async () => (await committeeReportOf2024(t, tokens.specialist)).totals.admitted as number;
  /** A grassroots cell of the committee, created for one test: an organisation that can close or merge. */
  const newGrassrootsCell = async (name: string): Promise<string> => {
    const created = await t
      .http()
      .post('/api/organizations')
      .set('Authorization', bearer(admin))
      .send({ name, kind: 'grassrootsCell', parentId: t.tree.committee });
    return expectStatus(created, 201).body.id;
  };
  const documentCodes = async (id: string) =>
    expectStatus(
      await t.http().get(`/api/dossiers/${id}/documents`).set('Authorization', bearer(tokens.specialist)),
      200,
    ).body.map((document: { code: string }) => document.code) as string[];

  it('undoes a grassroots vote typed 5/9 instead of 9/9: back from rejected, the decision deadline reopened', async () => {
    const dossier = await dossierBefore(t, tokens, 'RECORD_GRASSROOTS_VOTE');
    const vote = stepOf('RECORD_GRASSROOTS_VOTE').event;
    const before = await deadlinesOf(dossier.id);
    const typo = expectStatus(await send(tokens.grassroots, dossier.id, { ...vote, inFavour: 5, against: 4 }), 200);
    expect(typo.body.state).toBe('rejected');
    expect((await deadlinesOf(dossier.id)).every((deadline) => deadline.status !== 'open')).toBe(true);

    const voided = expectStatus(await send(tokens.specialist, dossier.id, voiding()), 200).body;
    expect(voided.state).toBe('grassrootsReview');
    expect(voided.version).toBe(typo.body.version + 1);
    expect(voided.votes).toEqual(dossier.votes);
    // The rows the vote closed are open again, the same rows with the same dates; none is added.
    expect(await deadlinesOf(dossier.id)).toEqual(before);
    expect(voided.allowedEvents.map((e: { type: string }) => e.type)).toContain('RECORD_GRASSROOTS_VOTE');

    const entries = await history(dossier.id);
    const [wrong, correction] = entries.slice(-2);
    expect(wrong).toMatchObject({ type: 'RECORD_GRASSROOTS_VOTE', voidedBySeq: correction.seq });
    expect(wrong.payload).toMatchObject({ inFavour: 5, passed: false });
    expect(correction).toMatchObject({
      type: 'VOID_LAST_EVENT',
      voidedBySeq: null,
      payload: { reason: 'Ghi nhầm số phiếu', voidsSeq: wrong.seq, voidedType: 'RECORD_GRASSROOTS_VOTE' },
      actor: { username: 'chuyenvien' },
    });
    expect(entries.slice(0, -2).every((entry) => entry.voidedBySeq === null)).toBe(true);

    const corrected = expectStatus(await send(tokens.grassroots, dossier.id, vote), 200).body;
    expect(corrected.state).toBe('committeeDecision');
  });

  it('restores exactly the dossier before each step of the whole path, then takes the step again', async () => {
    const dossier = await createDossier(t, tokens.cell);
    const rows = (id: string) =>
      db.query(
        `SELECT id, kind, anchor_on AS "anchorOn", due_on AS "dueOn", status, closed_on AS "closedOn", late
         FROM deadlines WHERE dossier_id = $1 ORDER BY id`,
        [id],
      );
    const comparable = ({ version: _v, updatedAt: _u, deadlines: _d, ...rest }: DossierBody) => rest;
    for (const step of admissionPath(START)) {
      const before = await view(dossier.id);
      const rowsBefore: Deadline[] = await rows(dossier.id);
      const done = expectStatus(await send(tokens[step.actor], dossier.id, step.event), 200).body;
      const opened = (await rows(dossier.id)).filter((row: Deadline) => !rowsBefore.some((old) => old.id === row.id));
      const voided = expectStatus(
        await send(tokens.specialist, dossier.id, voiding(`Hủy ${step.event.type}`)),
        200,
      ).body;
      expect([step.event.type, comparable(voided)]).toEqual([step.event.type, comparable(before)]);
      // Rows that were there come back as they were; rows the step opened are cancelled, on the day of the void.
      expect(await rows(dossier.id)).toEqual(
        [...rowsBefore, ...opened.map((row: Deadline) => ({ ...row, status: 'cancelled', closedOn: TEST_TODAY }))].sort(
          (a, b) => (a.id < b.id ? -1 : 1),
        ),
      );
      const again = expectStatus(await send(tokens[step.actor], dossier.id, step.event), 200).body;
      expect(comparable(again)).toEqual(comparable(done));
    }
    expect((await view(dossier.id)).state).toBe('officialMember');
  });

  it('is for specialists and admins only, with a reason, and refuses when nothing is left to void', async () => {
    const dossier = await createDossier(t, tokens.cell);
    const nothing = expectStatus(await send(tokens.specialist, dossier.id, voiding()), 422).body;
    expect(nothing).toMatchObject({ code: 'RULE_VIOLATION', rule: 'void.nothingToVoid' });

    const certificate = stepOf('RECORD_AWARENESS_CERTIFICATE').event;
    const recorded = expectStatus(await send(tokens.cell, dossier.id, certificate), 200).body;
    for (const token of [tokens.cell, tokens.grassroots, tokens.member1])
      expect((await send(token, dossier.id, voiding())).status).toBe(403);
    for (const reason of ['', '   '])
      expect(expectStatus(await send(tokens.specialist, dossier.id, voiding(reason)), 400).body.code).toBe(
        'INVALID_EVENT',
      );
    const missing = await send(tokens.specialist, dossier.id, { type: 'VOID_LAST_EVENT', occurredOn: TEST_TODAY });
    expect(expectStatus(missing, 400).body.code).toBe('INVALID_EVENT');
    expect((await view(dossier.id)).version).toBe(recorded.version);

    const byAdmin = expectStatus(await send(admin, dossier.id, voiding('Nhập nhầm hồ sơ')), 200).body;
    expect(byAdmin.state).toEqual(dossier.state);
    expect((await history(dossier.id)).at(-1)!.actor.username).toBe('admin');
    expect(expectStatus(await send(tokens.specialist, dossier.id, voiding()), 422).body.rule).toBe(
      'void.nothingToVoid',
    );
  });

  it('cannot void a step recorded before snapshots were kept (a migrated v1 dossier)', async () => {
    const dossier = await createDossier(t, tokens.cell);
    const recorded = expectStatus(
      await send(tokens.cell, dossier.id, stepOf('RECORD_AWARENESS_CERTIFICATE').event),
      200,
    ).body;
    // Migration 1764800000002 leaves the events recorded before it without the snapshot they led to. The history is
    // append-only: the test steps around its trigger, as a migration does.
    await db.transaction(async (manager) => {
      await manager.query('SET LOCAL session_replication_role = replica');
      await manager.query('UPDATE dossier_events SET snapshot = NULL WHERE dossier_id = $1 AND seq = 1', [dossier.id]);
    });
    const refused = expectStatus(await send(tokens.specialist, dossier.id, voiding()), 422).body;
    expect(refused).toMatchObject({ code: 'RULE_VIOLATION', rule: 'void.unavailable' });
    expect((await view(dossier.id)).version).toBe(recorded.version);
  });

  it('walks back one step per void, never voiding a void', async () => {
    const dossier = await createDossier(t, tokens.cell);
    const steps = [stepOf('RECORD_AWARENESS_CERTIFICATE'), stepOf('SUBMIT_APPLICATION')];
    const afterCertificate = await advance(t, tokens, dossier.id, steps.slice(0, 1));
    await advance(t, tokens, dossier.id, steps.slice(1));
    expect(expectStatus(await send(tokens.specialist, dossier.id, voiding()), 200).body.state).toEqual(
      afterCertificate.state,
    );
    expect(expectStatus(await send(tokens.specialist, dossier.id, voiding()), 200).body.state).toEqual(dossier.state);
    const entries = await history(dossier.id);
    expect(entries.map((entry) => [entry.type, entry.voidedBySeq])).toEqual([
      ['CREATE_DOSSIER', null],
      ['RECORD_AWARENESS_CERTIFICATE', 5],
      ['SUBMIT_APPLICATION', 4],
      ['VOID_LAST_EVENT', null],
      ['VOID_LAST_EVENT', null],
    ]);
  });

  it('voids a decision: the ceremony deadline and its reminders go, the decision deadline and its reminders return', async () => {
    const dossier = await dossierBefore(t, tokens, 'ISSUE_DECISION');
    const decisionDeadline = (await deadlinesOf(dossier.id)).find((deadline) => deadline.kind === 'admissionDecision')!;
    expect(decisionDeadline.status).toBe('open');
    expect(await documentCodes(dossier.id)).not.toContain('9-KNĐ');

    const decided = expectStatus(await send(tokens.specialist, dossier.id, stepOf('ISSUE_DECISION').event), 200).body;
    expect(decided.state).toBe('awaitingCeremony');
    expect(await documentCodes(dossier.id)).toContain('9-KNĐ');
    const ceremony = (await deadlinesOf(dossier.id)).find((deadline) => deadline.kind === 'ceremony')!;
    expect(await queue.getJob(reminderJobId(ceremony.id, 'overdue', ceremony.dueOn))).toBeDefined();
    // The closed deadline's job may still wait in Redis: when it runs, it sends nothing. Here it has run, so that
    // the void below must clear its id for the reopened deadline's job to be queued again.
    const decisionJobId = reminderJobId(decisionDeadline.id, 'overdue', decisionDeadline.dueOn);
    expect(await sendReminder(db, overdueOf(decisionDeadline), t.config.clock)).toEqual({ status: 'stale' });
    const worker = new Worker(REMINDER_QUEUE, async () => ({ status: 'stale' }), {
      connection: queueConnection(t.config.redisUrl),
      prefix: t.config.queuePrefix,
    });
    await eventually(async () => (await queue.getJobState(decisionJobId)) === 'completed');
    await worker.close();

    const voided = expectStatus(
      await send(tokens.specialist, dossier.id, voiding('Quyết định ghi nhầm hồ sơ')),
      200,
    ).body;
    expect(voided.state).toBe('committeeDecision');
    expect(voided.dates.decisionOn ?? null).toBeNull();
    const after = await deadlinesOf(dossier.id);
    expect(after.find((deadline) => deadline.kind === 'ceremony')).toMatchObject({ status: 'cancelled' });
    expect(after.find((deadline) => deadline.kind === 'admissionDecision')).toEqual(decisionDeadline);
    expect(await sendReminder(db, overdueOf(ceremony), t.config.clock)).toEqual({ status: 'stale' });
    expect(await queue.getJobState(decisionJobId)).toBe('waiting');
    expect(await documentCodes(dossier.id)).not.toContain('9-KNĐ');
  });

  it('voids a ceremony: the admission no longer counts in the report', async () => {
    const counted = await admittedIn2024();
    const dossier = await dossierBefore(t, tokens, 'HOLD_CEREMONY');
    const admitted = expectStatus(await send(tokens.cell, dossier.id, stepOf('HOLD_CEREMONY').event), 200).body;
    expect(topState(admitted.state)).toBe('probation');
    expect(admitted.dates.admittedOn).toBe(stepOf('HOLD_CEREMONY').event.occurredOn);
    expect(await admittedIn2024()).toBe(counted + 1);

    const voided = expectStatus(
      await send(tokens.specialist, dossier.id, voiding('Lễ kết nạp chưa tổ chức')),
      200,
    ).body;
    expect(voided.state).toBe('awaitingCeremony');
    expect(voided.dates.admittedOn ?? null).toBeNull();
    expect(await admittedIn2024()).toBe(counted);
    expect((await deadlinesOf(dossier.id)).find((deadline) => deadline.kind === 'ceremony')).toMatchObject({
      status: 'open',
    });
  });

  it('voids a transfer: the dossier returns to the cell it left, which held it all along', async () => {
    await t.createUser('bithu-khac', ['cellSecretary'], t.tree.otherCell);
    const otherSecretary = await t.token('bithu-khac');
    const dossier = await dossierBefore(t, tokens, 'HOLD_CEREMONY');
    const transfer = { type: 'TRANSFER', occurredOn: TEST_TODAY, toCellId: t.tree.otherCell, reason: 'Nhầm chi bộ' };
    expect(expectStatus(await send(tokens.specialist, dossier.id, transfer), 200).body.cellId).toBe(t.tree.otherCell);
    expect((await t.http().get(`/api/dossiers/${dossier.id}`).set('Authorization', bearer(tokens.cell))).status).toBe(
      404,
    );

    const voided = expectStatus(await send(tokens.specialist, dossier.id, voiding('Chuyển nhầm chi bộ')), 200).body;
    expect(voided.cellId).toBe(t.tree.cell);
    expect(voided.state).toEqual(dossier.state);
    expect((await t.http().get(`/api/dossiers/${dossier.id}`).set('Authorization', bearer(tokens.cell))).status).toBe(
      200,
    );
    expect(
      (await t.http().get(`/api/dossiers/${dossier.id}`).set('Authorization', bearer(otherSecretary))).status,
    ).toBe(404);
    expect(
      await db.query(`SELECT org_id AS "orgId", during::text FROM dossier_holdings WHERE dossier_id = $1`, [
        dossier.id,
      ]),
    ).toEqual([{ orgId: t.tree.cell, during: '(,)' }]);
    const entries = await history(dossier.id);
    expect(entries.slice(-2).map((entry) => [entry.type, entry.orgId])).toEqual([
      ['TRANSFER', t.tree.cell],
      ['VOID_LAST_EVENT', t.tree.otherCell],
    ]);
    expect(entries.at(-2)!.voidedBySeq).toBe(entries.at(-1)!.seq);
  });

  it('refuses to void a transfer back into a cell that has closed since', async () => {
    const temporary = await newGrassrootsCell('Chi bộ cơ sở tạm');
    const dossier = await createDossier(t, tokens.specialist, { cellId: temporary });
    await send(tokens.specialist, dossier.id, {
      type: 'TRANSFER',
      occurredOn: '2026-11-02',
      toCellId: t.tree.otherCell,
      reason: 'Chi bộ tạm giải thể',
    }).expect(200);
    await t
      .http()
      .post(`/api/organizations/${temporary}/close`)
      .set('Authorization', bearer(admin))
      .send({ effectiveFrom: '2026-11-03' })
      .expect(200);
    const refused = expectStatus(await send(tokens.specialist, dossier.id, voiding('Chuyển nhầm')), 422).body;
    expect(refused.rule).toBe('void.transferBack');
    expect((await view(dossier.id)).cellId).toBe(t.tree.otherCell);
  });

  it('refuses to void a transfer into a cell that has merged since', async () => {
    const merging = await newGrassrootsCell('Chi bộ cơ sở sáp nhập');
    const dossier = await createDossier(t, tokens.cell);
    const transfer = { type: 'TRANSFER', occurredOn: '2026-11-02', toCellId: merging, reason: 'Chuyển công tác' };
    expectStatus(await send(tokens.specialist, dossier.id, transfer), 200);
    expectStatus(
      await t
        .http()
        .post(`/api/organizations/${merging}/merge`)
        .set('Authorization', bearer(admin))
        .send({ intoId: t.tree.otherCell, effectiveFrom: '2026-11-03' }),
      200,
    );
    const refused = expectStatus(await send(tokens.specialist, dossier.id, voiding('Chuyển nhầm')), 422).body;
    expect(refused.rule).toBe('void.transferBack');
    expect((await view(dossier.id)).cellId).toBe(t.tree.otherCell);
  });
});

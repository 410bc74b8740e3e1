import { DataSource } from 'typeorm';
import { admissionPath, type PathStep } from '@apps/api/seed/admission-path';
import { sendReminder } from '@libs/reminders';
import { advance, bearer, createDossier, expectStatus, START, topState, type Tokens } from './support/dossier-helpers';
import { textOf } from './support/docx-text';
import { startTestApp, type TestApp } from './support/test-app';
import { binaryBody } from './support/waiting';

/**
 * Grassroots cells (chi bộ cơ sở, Charter art. 21) through the API: created under a committee, with or without a
 * Youth Union; their dossiers go from the cell vote straight to the committee's decision, their secretary verifies,
 * and the verification reminders reach the cell.
 */
describe('grassroots cells', () => {
  let t: TestApp;
  let admin: string;
  let grassrootsCell: string;
  let tokens: Tokens;
  let db: DataSource;

  /** The demo path as a grassroots cell walks it: no grassroots votes, its secretary verifies, a trade union. */
  const grassrootsCellPath = (start = START): PathStep[] =>
    admissionPath(start)
      .filter((step) => !['RECORD_GRASSROOTS_VOTE', 'RECORD_RECOGNITION_GRASSROOTS_VOTE'].includes(step.event.type))
      .map((step) => ({ ...step, actor: step.actor === 'grassroots' ? 'cell' : step.actor }))
      .map((step) =>
        step.event.type === 'RECORD_UNION_INTRODUCTION'
          ? { ...step, event: { ...step.event, union: 'trade', resolutionNo: '03-NQ/CĐ' } }
          : step,
      );
  const stepsUpTo = (type: string, start = START) => {
    const steps = grassrootsCellPath(start);
    return steps.slice(0, steps.findIndex((step) => step.event.type === type) + 1);
  };

  beforeAll(async () => {
    t = await startTestApp('grassroots-cells');
    db = t.app.get(DataSource);
    admin = await t.token('admin');
    const created = await t.http().post('/api/organizations').set('Authorization', bearer(admin)).send({
      name: 'Chi bộ cơ sở Trường Tiểu học Sông Cầu',
      kind: 'grassrootsCell',
      parentId: t.tree.committee,
      youthUnionPresent: false,
    });
    grassrootsCell = expectStatus(created, 201).body.id;
    expect(created.body).toMatchObject({
      kind: 'grassrootsCell',
      parentId: t.tree.committee,
      youthUnionPresent: false,
    });

    await t.createUser('bithu-cbcs', ['cellSecretary'], grassrootsCell);
    await t.createUser('capuy-cbcs', ['grassrootsOfficer'], grassrootsCell);
    await t.createUser('bithu-thuong', ['cellSecretary'], t.tree.cell);
    await t.createUser('dangu-thuong', ['grassrootsOfficer'], t.tree.grassroots);
    await t.createUser('chuyenvien', ['specialist'], t.tree.committee);
    for (const n of [1, 2, 3]) await t.createUser(`uyvien${n}`, ['committeeMember'], t.tree.committee);
    tokens = {
      cell: await t.token('bithu-cbcs'),
      grassroots: await t.token('capuy-cbcs'),
      specialist: await t.token('chuyenvien'),
      member1: await t.token('uyvien1'),
      member2: await t.token('uyvien2'),
      member3: await t.token('uyvien3'),
    };
  });
  afterAll(() => t.close());

  const send = (token: string, id: string, event: Record<string, unknown>) =>
    t.http().post(`/api/dossiers/${id}/events`).set('Authorization', bearer(token)).send(event);

  it('is created only under a committee, and only cells say whether a Youth Union exists', async () => {
    const underGrassroots = await t
      .http()
      .post('/api/organizations')
      .set('Authorization', bearer(admin))
      .send({ name: 'Chi bộ cơ sở lạc chỗ', kind: 'grassrootsCell', parentId: t.tree.grassroots });
    expect(expectStatus(underGrassroots, 422).body.code).toBe('INVALID_HIERARCHY');
    // The kinds by their Vietnamese names, as an administrator knows them.
    expect(underGrassroots.body.message).toMatch(/^Chi bộ cơ sở không thể trực thuộc đảng bộ cơ sở \//);
    const youthOnCommittee = await t
      .http()
      .post('/api/organizations')
      .set('Authorization', bearer(admin))
      .send({ name: 'Đảng ủy phường', kind: 'committee', parentId: t.tree.committee, youthUnionPresent: true });
    expect(expectStatus(youthOnCommittee, 422).body.code).toBe('INVALID_HIERARCHY');
    const patchCommittee = await t
      .http()
      .patch(`/api/organizations/${t.tree.committee}`)
      .set('Authorization', bearer(admin))
      .send({ youthUnionPresent: false, effectiveFrom: '2026-01-01' });
    expect(expectStatus(patchCommittee, 422).body.code).toBe('INVALID_HIERARCHY');

    const tree = await t.http().get('/api/organizations').set('Authorization', bearer(admin)).expect(200);
    const committee = tree.body.find((node: { id: string }) => node.id === t.tree.committee);
    const node = committee.children.find((child: { id: string }) => child.id === grassrootsCell);
    expect(node).toMatchObject({ kind: 'grassrootsCell', youthUnionPresent: false, children: [] });
    expect(committee.youthUnionPresent).toBeNull();
    const cell = committee.children
      .flatMap((child: { children: unknown[] }) => child.children)
      .find((child: { id: string }) => child.id === t.tree.cell);
    expect(cell.youthUnionPresent).toBe(true);
  });

  it('walks from the cell vote straight to the decision, and from the recognition vote straight to recognition', async () => {
    const dossier = await createDossier(t, tokens.cell, { cellId: grassrootsCell });
    const steps = grassrootsCellPath();
    const afterVote = await advance(t, tokens, dossier.id, stepsUpTo('RECORD_CELL_VOTE'));
    expect(afterVote.state).toBe('committeeDecision');
    expect(afterVote.approvals).toEqual({ inFavour: 0, objections: 0, required: 3, members: 5 });
    const grassrootsVote = await send(tokens.specialist, dossier.id, {
      type: 'RECORD_GRASSROOTS_VOTE',
      occurredOn: '2024-08-12',
      committeeMembers: 9,
      inFavour: 9,
      against: 0,
    });
    expect(expectStatus(grassrootsVote, 409).body.code).toBe('EVENT_NOT_ALLOWED');

    const beforeRecognition = steps.findIndex((step) => step.event.type === 'RECORD_RECOGNITION_CELL_VOTE');
    const afterDecision = await advance(
      t,
      tokens,
      dossier.id,
      steps.slice(stepsUpTo('RECORD_CELL_VOTE').length, beforeRecognition + 1),
    );
    expect(afterDecision.state).toBe('recognitionDecision');
    const official = await advance(t, tokens, dossier.id, steps.slice(beforeRecognition + 1));
    expect(official.state).toBe('officialMember');
    expect((official.votes as { kind: string }[]).map((vote) => vote.kind)).toEqual(['cell', 'recognitionCell']);

    // Its documents: no grassroots resolutions; each decision answers the cell's own resolution.
    const listed = expectStatus(
      await t.http().get(`/api/dossiers/${dossier.id}/documents`).set('Authorization', bearer(tokens.specialist)),
      200,
    ).body as { code: string; event: string }[];
    expect(listed.map((entry) => [entry.code, entry.event])).toEqual([
      ['6-KNĐ', 'RECORD_CELL_VOTE'],
      ['9-KNĐ', 'ISSUE_DECISION'],
      ['13-KNĐ', 'RECORD_RECOGNITION_CELL_VOTE'],
      ['16-KNĐ', 'ISSUE_RECOGNITION'],
    ]);
    const textOfDocument = async (code: string) =>
      textOf(
        expectStatus(
          await t
            .http()
            .get(`/api/dossiers/${dossier.id}/documents/${encodeURIComponent(code)}`)
            .set('Authorization', bearer(tokens.specialist))
            .buffer(true)
            .parse(binaryBody),
          200,
        ),
      );
    const cellVoteOn = steps.find((step) => step.event.type === 'RECORD_CELL_VOTE')!.event.occurredOn as string;
    const [year, month, day] = cellVoteOn.split('-').map(Number);
    const admission = await textOfDocument('9-KNĐ');
    // Days under 10 (and months 1 and 2) are written with a leading zero in party documents.
    expect(admission).toMatch(
      new RegExp(
        `Xét đề nghị của Chi bộ cơ sở Trường Tiểu học Sông Cầu \\(nghị quyết ngày 0?${day} tháng 0?${month} năm ${year}\\)`,
      ),
    );
    expect(admission).toContain('Chi bộ cơ sở Trường Tiểu học Sông Cầu và đồng chí');
    expect(admission).not.toContain('Chi bộ cơ sở Trường Tiểu học Sông Cầu, Chi bộ cơ sở Trường Tiểu học Sông Cầu');
    const resolution = await textOfDocument('6-KNĐ');
    expect(resolution).toMatch(/đề nghị Ban Thường vụ .+ xem xét, kết nạp quần chúng/);
    expect(await textOfDocument('16-KNĐ')).toContain('là đảng viên chính thức kể từ');
  });

  it('its secretary and its own committee verify; a secretary of an ordinary cell does not', async () => {
    const steps = stepsUpTo('SUBMIT_PERSONAL_HISTORY');
    const atCell = await createDossier(t, tokens.cell, { cellId: grassrootsCell });
    await advance(t, tokens, atCell.id, steps);
    const started = await send(tokens.cell, atCell.id, { type: 'START_VERIFICATION', occurredOn: '2024-06-18' });
    expectStatus(started, 200);
    const answered = await send(tokens.grassroots, atCell.id, {
      type: 'RECORD_VERIFICATION_ANSWER',
      occurredOn: '2024-06-28',
      subject: 'candidate',
      adverse: false,
    });
    expectStatus(answered, 200);

    const ordinarySecretary = await t.token('bithu-thuong');
    const ordinary = await createDossier(t, ordinarySecretary, { cellId: t.tree.cell });
    await advance(t, { ...tokens, cell: ordinarySecretary }, ordinary.id, steps);
    const refused = await send(ordinarySecretary, ordinary.id, {
      type: 'START_VERIFICATION',
      occurredOn: '2024-06-18',
    });
    expectStatus(refused, 403);
  });

  it('sends the verification reminders to the grassroots cell, and the overdue one to the committee too', async () => {
    const dossier = await createDossier(t, tokens.cell, { cellId: grassrootsCell });
    await advance(t, tokens, dossier.id, stepsUpTo('START_VERIFICATION'));
    const [deadline] = await db.query(
      `SELECT id, due_on AS "dueOn" FROM deadlines WHERE dossier_id = $1 AND kind = 'verificationAnswer'`,
      [dossier.id],
    );
    expect(deadline).toBeDefined();
    const recipients = async (kind: 'due' | 'overdue') => {
      await sendReminder(db, { deadlineId: deadline.id, kind, dueOn: deadline.dueOn }, t.config.clock);
      const rows: { username: string }[] = await db.query(
        `SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id
         WHERE n.deadline_id = $1 AND n.kind = $2 ORDER BY u.username`,
        [deadline.id, kind],
      );
      return rows.map((row) => row.username);
    };
    expect(await recipients('due')).toEqual(['bithu-cbcs', 'capuy-cbcs']);
    expect(await recipients('overdue')).toEqual([
      'bithu-cbcs',
      'capuy-cbcs',
      'chuyenvien',
      'uyvien1',
      'uyvien2',
      'uyvien3',
    ]);
  });

  it('takes youthUnionPresent from its effective date: each introduction is judged by the unit as it was', async () => {
    const patched = await t
      .http()
      .patch(`/api/organizations/${grassrootsCell}`)
      .set('Authorization', bearer(admin))
      .send({ youthUnionPresent: true, effectiveFrom: '2026-01-01' });
    expect(expectStatus(patched, 200).body).toMatchObject({ id: grassrootsCell, youthUnionPresent: true });
    const changes = await t
      .http()
      .get(`/api/organizations/${grassrootsCell}/changes`)
      .set('Authorization', bearer(admin))
      .expect(200);
    expect(changes.body.at(-1)).toMatchObject({
      kind: 'update',
      effectiveFrom: '2026-01-01',
      changes: { youthUnionPresent: { from: false, to: true } },
      actor: { username: 'admin' },
    });
    const nodeOn = async (asOf: string) => {
      const tree = await t
        .http()
        .get(`/api/organizations?asOf=${asOf}`)
        .set('Authorization', bearer(admin))
        .expect(200);
      const committee = tree.body.find((node: { id: string }) => node.id === t.tree.committee);
      return committee.children.find((child: { id: string }) => child.id === grassrootsCell);
    };
    expect((await nodeOn('2025-12-31')).youthUnionPresent).toBe(false);
    expect((await nodeOn('2026-01-01')).youthUnionPresent).toBe(true);

    // A Youth Union member of 26 in 2024: a trade-union introduction then, when the unit had no Youth Union, holds.
    const before = await createDossier(t, tokens.cell, { cellId: grassrootsCell });
    const beforeVote = await advance(t, tokens, before.id, stepsUpTo('RECORD_CELL_VOTE'));
    expect(beforeVote.state).toBe('committeeDecision');

    // The same candidate from 2026 on, where the unit now has a Youth Union: the Youth Union must introduce.
    const after = await createDossier(t, tokens.cell, { cellId: grassrootsCell, occurredOn: '2026-02-02' });
    const tradeUnion = stepsUpTo('RECORD_UNION_INTRODUCTION', '2026-02-02').at(-1)!;
    const refused = await send(tokens.cell, after.id, tradeUnion.event);
    expect(expectStatus(refused, 422).body.rule).toBe('introduction.youthRoute');
    const youth = await send(tokens.cell, after.id, { ...tradeUnion.event, union: 'youth', resolutionNo: '7-NQ/ĐTN' });
    expect(topState(expectStatus(youth, 200).body.state)).toBe('assembly');
  });

  it('counts as a grassroots organisation in the admissions report, in both trees', async () => {
    for (const tree of ['historical', 'current']) {
      const response = await t
        .http()
        .get(`/api/reports/admissions?orgId=${t.tree.committee}&from=2024-01-01&to=2024-12-31&tree=${tree}`)
        .set('Authorization', bearer(tokens.specialist));
      const report = expectStatus(response, 200).body;
      // The Education and Police grassroots organisations and the grassroots cell; the cell's member was admitted.
      expect([tree, report.totals.admitted, report.grassroots]).toEqual([
        tree,
        1,
        { total: 3, withAdmission: 1, share: 1 / 3 },
      ]);
    }
  });
});

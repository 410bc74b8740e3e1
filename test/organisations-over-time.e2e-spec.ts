import { DataSource } from 'typeorm';
import { WorkingDayCalendar } from '@libs/calendar';
import { sendReminder } from '@libs/reminders';
import { addDays } from '@workflows/common/local-date';
import { bearer, createDossier, dossierBefore, expectStatus, topState } from './support/dossier-helpers';
import { driveTo, pathActors, type ActorTokens } from './support/path-driver';
import { startTestApp, type TestApp } from './support/test-app';
import { TEST_TODAY } from './support/test-clock';

const calendar = new WorkingDayCalendar();
const today = TEST_TODAY;

interface Node {
  id: string;
  name: string;
  parentId: string | null;
  closedOn: string | null;
  mergedInto: { id: string; name: string } | null;
  children: Node[];
}

const flatten = (nodes: Node[]): Node[] => nodes.flatMap((node) => [node, ...flatten(node.children)]);

describe('organisations over time: changes with an effective date, merges, moves and transfers', () => {
  let t: TestApp;
  let tokens: ActorTokens;
  let admin: string;
  let db: DataSource;

  const get = (path: string, token: string) => t.http().get(path).set('Authorization', bearer(token));
  const send = (method: 'post' | 'patch', path: string, token: string, body: object) =>
    t.http()[method](path).set('Authorization', bearer(token)).send(body);
  const event = (id: string, token: string, body: object) => send('post', `/api/dossiers/${id}/events`, token, body);
  const tree = async (token: string, asOf?: string) =>
    flatten(expectStatus(await get(`/api/organizations${asOf ? `?asOf=${asOf}` : ''}`, token), 200).body);
  const createOrg = async (body: object) =>
    expectStatus(await send('post', '/api/organizations', admin, body), 201).body.id as string;
  const history = async (id: string, token = tokens.specialist) =>
    expectStatus(await get(`/api/dossiers/${id}/history`, token), 200).body as { type: string; orgId: string }[];

  beforeAll(async () => {
    t = await startTestApp('organisations');
    tokens = await pathActors(t);
    admin = await t.token('admin');
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  describe('an event entered after a change is judged by the tree of its date', () => {
    const resize = async (committeeSize: number) =>
      expectStatus(
        await send('patch', `/api/organizations/${t.tree.committee}`, admin, { committeeSize, effectiveFrom: today }),
        200,
      );
    afterAll(() => resize(5));

    it("counts a decision's approvals against the committee of the day it was signed", async () => {
      // Three of five approved; from today the standing committee has fifteen members.
      const signedYesterday = await dossierBefore(t, tokens, 'ISSUE_DECISION');
      const signedToday = await dossierBefore(t, tokens, 'ISSUE_DECISION');
      await resize(15);
      const decision = (occurredOn: string) => ({ type: 'ISSUE_DECISION', occurredOn, decisionNo: '77-QĐ/TU' });
      expectStatus(await event(signedYesterday.id, tokens.specialist, decision(addDays(today, -1))), 200);
      const refused = await event(signedToday.id, tokens.specialist, decision(today));
      expect([refused.status, refused.body.rule]).toEqual([422, 'decision.majority']);
    });
  });

  describe('TRANSFER: a dossier moves to another cell in the middle of a deadline', () => {
    let dossier: { id: string; deadlines: { kind: string; dueOn: string }[] };
    let newSecretary: string;

    beforeAll(async () => {
      await t.createUser('bithu.moi', ['cellSecretary'], t.tree.otherCell);
      newSecretary = await t.token('bithu.moi');
      // The decision was issued 27 working days ago: the ceremony is due in 3, inside the lead time of its reminder.
      dossier = await driveTo(t, tokens, 'ISSUE_DECISION', calendar.subtractWorkingDays(today, 27), 'Hà Thị Chuyển');
    });

    it('is refused to a cell secretary, out of scope, to a non-cell and to the same cell', async () => {
      const body = { type: 'TRANSFER', occurredOn: today, reason: 'Chuyển nơi cư trú' };
      expect((await event(dossier.id, tokens.cell, { ...body, toCellId: t.tree.otherCell })).status).toBe(403);
      expect((await event(dossier.id, tokens.specialist, { ...body, toCellId: t.tree.foreignCell })).status).toBe(404);
      const toGrassroots = await event(dossier.id, tokens.specialist, { ...body, toCellId: t.tree.grassroots });
      expect([toGrassroots.status, toGrassroots.body.code]).toEqual([422, 'NOT_A_CELL']);
      const same = await event(dossier.id, tokens.specialist, { ...body, toCellId: t.tree.cell });
      expect([same.status, same.body.rule]).toEqual([422, 'transfer.sameCell']);
      const future = await event(dossier.id, tokens.specialist, {
        ...body,
        occurredOn: addDays(today, 1),
        toCellId: t.tree.otherCell,
      });
      expect([future.status, future.body.rule]).toEqual([422, 'date.notFuture']);
    });

    it('keeps the state and the deadlines, and only the new cell sees the dossier', async () => {
      const before = expectStatus(await get(`/api/dossiers/${dossier.id}`, tokens.specialist), 200).body;
      const moved = expectStatus(
        await event(dossier.id, tokens.specialist, {
          type: 'TRANSFER',
          occurredOn: today,
          toCellId: t.tree.otherCell,
          reason: 'Chuyển công tác sang Phòng Tổ chức',
        }),
        200,
      ).body;
      expect(moved.cellId).toBe(t.tree.otherCell);
      expect(moved.state).toEqual(before.state);
      expect(moved.deadlines).toEqual(before.deadlines);
      expect((await get(`/api/dossiers/${dossier.id}`, tokens.cell)).status).toBe(404);
      expect((await get(`/api/dossiers/${dossier.id}`, newSecretary)).status).toBe(200);
      const listed = expectStatus(await get('/api/dossiers?limit=100', tokens.cell), 200).body.items;
      expect(listed.map((item: { id: string }) => item.id)).not.toContain(dossier.id);
    });

    it("sends the ceremony's reminders to the new cell's secretary from then on", async () => {
      const ceremony = dossier.deadlines.find((deadline) => deadline.kind === 'ceremony')!;
      const [row] = await db.query(`SELECT id FROM deadlines WHERE dossier_id = $1 AND kind = 'ceremony'`, [
        dossier.id,
      ]);
      expect(
        await sendReminder(db, { deadlineId: row.id, kind: 'lead', dueOn: ceremony.dueOn }, t.config.clock),
      ).toMatchObject({
        status: 'sent',
      });
      const recipients = await db.query(
        `SELECT u.username FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.deadline_id = $1`,
        [row.id],
      );
      expect(recipients.map((r: { username: string }) => r.username)).toEqual(['bithu.moi']);
      const inbox = expectStatus(await get('/api/notifications', newSecretary), 200).body;
      expect(inbox.map((n: { dossierId: string }) => n.dossierId)).toContain(dossier.id);
    });

    it('keeps in the history who held the dossier at each event', async () => {
      const ceremony = expectStatus(
        await event(dossier.id, newSecretary, { type: 'HOLD_CEREMONY', occurredOn: today, helperName: 'Lò Văn Dũng' }),
        200,
      ).body;
      expect(topState(ceremony.state)).toBe('probation');
      const entries = await history(dossier.id);
      const transfer = entries.findIndex((entry) => entry.type === 'TRANSFER');
      expect(entries.slice(0, transfer + 1).every((entry) => entry.orgId === t.tree.cell)).toBe(true);
      expect(entries.slice(transfer + 1).map((entry) => [entry.type, entry.orgId])).toEqual([
        ['HOLD_CEREMONY', t.tree.otherCell],
      ]);
    });

    it('is not offered once the dossier is closed', async () => {
      const official = await driveTo(t, tokens, 'ISSUE_RECOGNITION', addDays(today, -40), 'Lý Văn Chính');
      // Only the corrections remain offered on a closed dossier.
      expect(official.allowedEvents.map((e: { type: string }) => e.type)).toEqual([
        'AMEND_CANDIDATE',
        'VOID_LAST_EVENT',
      ]);
      const refused = await event(official.id, tokens.specialist, {
        type: 'TRANSFER',
        occurredOn: today,
        toCellId: t.tree.otherCell,
        reason: 'Chuyển nơi cư trú',
      });
      expect([refused.status, refused.body.code]).toEqual([409, 'EVENT_NOT_ALLOWED']);
    });
  });

  describe('merges and moves with dossiers in every state', () => {
    const mergedOn = addDays(today, -6);
    const cellMergedOn = addDays(today, -4);
    const STAGES: [string, string][] = [
      ['SUBMIT_APPLICATION', 'assembly'],
      ['RECORD_COMMENTS', 'cellReview'],
      ['RECORD_CELL_VOTE', 'grassrootsReview'],
      ['APPROVE_DECISION', 'committeeDecision'],
      ['ISSUE_DECISION', 'awaitingCeremony'],
      ['HOLD_CEREMONY', 'probation'],
      ['SUBMIT_SELF_REVIEW', 'recognitionReview'],
      ['RECORD_RECOGNITION_CELL_VOTE', 'recognitionGrassrootsReview'],
      ['RECORD_RECOGNITION_GRASSROOTS_VOTE', 'recognitionDecision'],
      ['ISSUE_RECOGNITION', 'officialMember'],
    ];
    let dossiers: { id: string; state: string }[] = [];
    let newGrassroots: string;
    let officerBefore: string;
    let specialistOfNew: string;

    beforeAll(async () => {
      for (const [lastType, state] of STAGES) {
        const created = await driveTo(t, tokens, lastType, addDays(today, -30), `Nông Thị ${state}`);
        dossiers.push({ id: created.id, state });
      }
      const withdrawn = await driveTo(t, tokens, 'SUBMIT_APPLICATION', addDays(today, -30), 'Ma Văn Rút');
      expectStatus(
        await event(withdrawn.id, tokens.cell, { type: 'WITHDRAW', occurredOn: addDays(today, -20), reason: 'Rút' }),
        200,
      );
      dossiers.push({ id: withdrawn.id, state: 'withdrawn' });
      const refused = await driveTo(t, tokens, 'APPROVE_DECISION', addDays(today, -30), 'Lò Văn Từ');
      expectStatus(
        await event(refused.id, tokens.specialist, {
          type: 'REFUSE_ADMISSION',
          occurredOn: addDays(today, -20),
          reason: 'Không đủ tiêu chuẩn',
        }),
        200,
      );
      dossiers.push({ id: refused.id, state: 'rejected' });
      dossiers.push({ id: (await createDossier(t, tokens.cell)).id, state: 'candidate' });
      dossiers = dossiers.map((d) => ({ ...d }));
      // A token issued before the merge: the scope it names must follow the merge.
      officerBefore = tokens.grassroots;
      newGrassroots = await createOrg({
        name: 'Đảng bộ Sở Giáo dục (mới)',
        kind: 'grassroots',
        parentId: t.tree.committee,
        committeeSize: 11,
        openedOn: mergedOn,
      });
      await t.createUser('chuyenvien.moi', ['grassrootsOfficer'], newGrassroots);
      specialistOfNew = await t.token('chuyenvien.moi');
      expectStatus(
        await t
          .http()
          .put(`/api/quotas/${t.tree.grassroots}/${today.slice(0, 4)}`)
          .set('Authorization', bearer(admin))
          .send({ target: 10 }),
        200,
      );
    });

    it('refuses a merge dated in the future, into itself or across levels', async () => {
      const future = await send('post', `/api/organizations/${t.tree.grassroots}/merge`, admin, {
        intoId: newGrassroots,
        effectiveFrom: addDays(today, 1),
      });
      expect([future.status, future.body.rule]).toEqual([422, 'organization.futureDate']);
      const itself = await send('post', `/api/organizations/${t.tree.grassroots}/merge`, admin, {
        intoId: t.tree.cell,
        effectiveFrom: mergedOn,
      });
      expect([itself.status, itself.body.rule]).toEqual([422, 'organization.mergeTarget']);
      const byRole = await send('post', `/api/organizations/${t.tree.grassroots}/merge`, tokens.specialist, {
        intoId: newGrassroots,
        effectiveFrom: mergedOn,
      });
      expect(byRole.status).toBe(403);
    });

    it('merges a grassroots organisation: its cells, dossiers, users and quotas follow; it stays readable', async () => {
      const [hook] = await db.query(
        `INSERT INTO webhooks (org_id, url, secret) VALUES ($1, 'https://example.invalid/hook', 's') RETURNING id`,
        [t.tree.grassroots],
      );
      const merged = expectStatus(
        await send('post', `/api/organizations/${t.tree.grassroots}/merge`, admin, {
          intoId: newGrassroots,
          effectiveFrom: mergedOn,
        }),
        200,
      ).body;
      const into = { id: newGrassroots, name: 'Đảng bộ Sở Giáo dục (mới)' };
      expect(merged).toMatchObject({ closedOn: mergedOn, parentId: newGrassroots, mergedInto: into });
      const [{ orgId: hookOrg }] = await db.query('SELECT org_id AS "orgId" FROM webhooks WHERE id = $1', [hook.id]);
      expect(hookOrg).toBe(newGrassroots);

      for (const d of dossiers) {
        const view = expectStatus(await get(`/api/dossiers/${d.id}`, specialistOfNew), 200).body;
        expect([d.id, topState(view.state), view.cellId]).toEqual([d.id, d.state, t.tree.cell]);
        expect((await get(`/api/dossiers/${d.id}`, officerBefore)).status).toBe(200);
      }
      const today_ = await tree(admin);
      expect(today_.find((node) => node.id === t.tree.grassroots)).toBeUndefined();
      expect(today_.find((node) => node.id === t.tree.cell)!.parentId).toBe(newGrassroots);
      const before = await tree(admin, addDays(mergedOn, -1));
      expect(before.find((node) => node.id === t.tree.cell)!.parentId).toBe(t.tree.grassroots);
      expect(before.find((node) => node.id === newGrassroots)).toBeUndefined();
      // The tree of the day before tells a merged organisation from a dissolved one: it names where it went.
      expect(before.find((node) => node.id === t.tree.grassroots)).toMatchObject({
        closedOn: mergedOn,
        mergedInto: into,
      });
      expect(before.find((node) => node.id === t.tree.committee)!.mergedInto).toBeNull();
      // The officer of the merged organisation now works in the new one, and reads the old one's past.
      const officerTree = await tree(officerBefore);
      expect(officerTree[0].id).toBe(newGrassroots);
      const officerPast = await tree(officerBefore, addDays(mergedOn, -1));
      expect(officerPast.map((node) => node.id)).toEqual(expect.arrayContaining([t.tree.grassroots, t.tree.cell]));
      const changes = expectStatus(
        await get(`/api/organizations/${t.tree.grassroots}/changes`, officerBefore),
        200,
      ).body;
      expect(changes).toEqual([
        expect.objectContaining({
          kind: 'merge',
          effectiveFrom: mergedOn,
          relatedOrgId: newGrassroots,
          actor: expect.objectContaining({ username: 'admin' }),
          recordedAt: expect.any(String),
        }),
      ]);
      const quotas = expectStatus(await get(`/api/quotas?orgId=${newGrassroots}`, admin), 200).body;
      expect(quotas).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ orgId: newGrassroots, year: Number(today.slice(0, 4)), target: 10 }),
        ]),
      );
    });

    it('merges a cell into another: its dossiers pass to the target from the merge date', async () => {
      expectStatus(
        await send('post', `/api/organizations/${t.tree.cell}/merge`, admin, {
          intoId: t.tree.otherCell,
          effectiveFrom: cellMergedOn,
        }),
        200,
      );
      for (const d of dossiers) {
        const view = expectStatus(await get(`/api/dossiers/${d.id}`, tokens.cell), 200).body;
        expect([topState(view.state), view.cellId]).toEqual([d.state, t.tree.otherCell]);
      }
      const probation = dossiers.find((d) => d.state === 'probation')!;
      expectStatus(
        await event(probation.id, tokens.cell, { type: 'REPLACE_HELPER', occurredOn: today, helperName: 'Lò Thị Ba' }),
        200,
      );
      const entries = await history(probation.id);
      expect(entries.at(-1)).toMatchObject({ type: 'REPLACE_HELPER', orgId: t.tree.otherCell });
      expect(entries.at(-2)!.orgId).toBe(t.tree.cell);
      const holdings = await db.query(
        `SELECT org_id AS "orgId", lower(during)::text AS "from", upper(during)::text AS "to" FROM dossier_holdings
         WHERE dossier_id = $1 ORDER BY lower(during) NULLS FIRST`,
        [probation.id],
      );
      expect(holdings).toEqual([
        { orgId: t.tree.cell, from: null, to: cellMergedOn },
        { orgId: t.tree.otherCell, from: cellMergedOn, to: null },
      ]);
    });

    it('moves a cell under another parent, and refuses changes out of date order', async () => {
      const late = await send('patch', `/api/organizations/${t.tree.otherCell}`, admin, {
        name: 'Chi bộ Phòng Tổ chức – Cán bộ',
        effectiveFrom: addDays(mergedOn, -1),
      });
      expect([late.status, late.body.rule]).toEqual([422, 'organization.changeOrder']);
      const moved = expectStatus(
        await send('patch', `/api/organizations/${t.tree.otherCell}`, admin, {
          parentId: t.tree.delegatedGrassroots,
          name: 'Chi bộ Phòng Tổ chức – Cán bộ',
          effectiveFrom: today,
        }),
        200,
      ).body;
      expect(moved).toMatchObject({ parentId: t.tree.delegatedGrassroots, name: 'Chi bộ Phòng Tổ chức – Cán bộ' });
      expect((await get(`/api/dossiers/${dossiers[0].id}`, specialistOfNew)).status).toBe(404);
      expect((await get(`/api/dossiers/${dossiers[0].id}`, tokens.specialist)).status).toBe(200);
      const yesterday = await tree(admin, addDays(today, -1));
      expect(yesterday.find((node) => node.id === t.tree.otherCell)).toMatchObject({
        parentId: newGrassroots,
        name: 'Chi bộ Phòng Tổ chức',
      });
      // A merged cell names its target as the target was named on the day of the merge, not as renamed since.
      const beforeCellMerge = await tree(admin, addDays(cellMergedOn, -1));
      expect(beforeCellMerge.find((node) => node.id === t.tree.cell)!.mergedInto).toEqual({
        id: t.tree.otherCell,
        name: 'Chi bộ Phòng Tổ chức',
      });
      const bad = await send('patch', `/api/organizations/${t.tree.otherCell}`, admin, {
        parentId: t.tree.committee,
        effectiveFrom: today,
      });
      expect([bad.status, bad.body.code]).toEqual([422, 'INVALID_HIERARCHY']);
      const changes = expectStatus(await get(`/api/organizations/${t.tree.otherCell}/changes`, admin), 200).body;
      expect(changes.at(-1)).toMatchObject({
        kind: 'update',
        effectiveFrom: today,
        changes: {
          parentId: { from: newGrassroots, to: t.tree.delegatedGrassroots },
          name: { from: 'Chi bộ Phòng Tổ chức', to: 'Chi bộ Phòng Tổ chức – Cán bộ' },
        },
      });
    });

    it('closes only an empty organisation; a closed cell takes no new dossier', async () => {
      const busy = await send('post', `/api/organizations/${t.tree.otherCell}/close`, admin, { effectiveFrom: today });
      expect([busy.status, busy.body.rule]).toEqual([422, 'organization.notEmpty']);
      const empty = await createOrg({
        name: 'Chi bộ Tổ dân phố 9',
        kind: 'cell',
        parentId: t.tree.delegatedGrassroots,
      });
      const closed = expectStatus(
        await send('post', `/api/organizations/${empty}/close`, admin, { effectiveFrom: today }),
        200,
      ).body;
      expect(closed).toMatchObject({ closedOn: today, mergedInto: null });
      expect((await tree(admin)).find((node) => node.id === empty)).toBeUndefined();
      // Dissolved, not merged: the tree of the day before has its closing date and no target.
      expect((await tree(admin, addDays(today, -1))).find((node) => node.id === empty)).toMatchObject({
        closedOn: today,
        mergedInto: null,
      });
      const refused = await send('post', '/api/dossiers', tokens.specialist, {
        cellId: empty,
        occurredOn: today,
        candidate: { fullName: 'X' },
      });
      expect([refused.status, refused.body.rule]).toEqual([422, 'organization.closed']);
      expect((await send('post', `/api/organizations/${empty}/close`, admin, { effectiveFrom: today })).status).toBe(
        422,
      );
    });
  });
});

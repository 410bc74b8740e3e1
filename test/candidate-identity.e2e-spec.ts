import { DataSource } from 'typeorm';
import { DEMO_CANDIDATE } from '@apps/api/seed/admission-path';
import { bearer, createDossier, expectStatus, pathActors, START, type Tokens } from './support/dossier-helpers';
import { nextNationalId } from './support/national-ids';
import { startTestApp, type TestApp } from './support/test-app';

describe('one dossier per person (nationalId) and search without diacritics', () => {
  let t: TestApp;
  let tokens: Tokens;
  let foreignSecretary: string;

  beforeAll(async () => {
    t = await startTestApp('identity');
    tokens = await pathActors(t);
    await t.createUser('bithu-nakhao', ['cellSecretary'], t.tree.foreignCell);
    foreignSecretary = await t.token('bithu-nakhao');
  });
  afterAll(() => t.close());

  const create = (token: string, candidate: Record<string, unknown>, cellId = t.tree.cell) =>
    t.http().post('/api/dossiers').set('Authorization', bearer(token)).send({ cellId, candidate, occurredOn: START });

  describe('nationalId on a new dossier', () => {
    it.each([
      ['missing', undefined],
      ['11 digits', '00119800123'],
      ['13 digits', '0011980012345'],
      ['with a letter', '00119800123A'],
      ['with spaces', '001 19800 1234'],
      ['a number', 1198001234],
    ])('%s answers 400 naming candidate.nationalId', async (_label, nationalId) => {
      const response = await create(tokens.cell, { ...DEMO_CANDIDATE, nationalId });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('INVALID_EVENT');
      expect(response.body.details.map((d: { path: string }) => d.path)).toContain('candidate.nationalId');
    });

    it('is kept on the dossier', async () => {
      const nationalId = nextNationalId();
      const dossier = await createDossier(t, tokens.cell, { candidate: { ...DEMO_CANDIDATE, nationalId } });
      expect(dossier.candidate).toMatchObject({ nationalId, fullName: DEMO_CANDIDATE.fullName });
    });
  });

  describe('a second open dossier for the same number', () => {
    it('answers 409 DUPLICATE_CANDIDATE with the open dossier when the caller may see it', async () => {
      const nationalId = nextNationalId();
      const first = await createDossier(t, tokens.cell, { candidate: { ...DEMO_CANDIDATE, nationalId } });
      const again = await create(tokens.specialist, { ...DEMO_CANDIDATE, fullName: 'Tên khác', nationalId });
      expect(again.status).toBe(409);
      expect(again.body).toEqual({ code: 'DUPLICATE_CANDIDATE', message: expect.any(String), dossierId: first.id });
      const elsewhere = await create(tokens.cell, { ...DEMO_CANDIDATE, nationalId }, t.tree.otherCell);
      expect(elsewhere.status).toBe(404); // the secretary's own cell only: scope is checked first
    });

    it('answers 409 without the dossier id when the open dossier is outside the caller scope', async () => {
      const nationalId = nextNationalId();
      await createDossier(t, tokens.cell, { candidate: { ...DEMO_CANDIDATE, nationalId } });
      const response = await create(foreignSecretary, { ...DEMO_CANDIDATE, nationalId }, t.tree.foreignCell);
      expect(response.status).toBe(409);
      expect(response.body).toEqual({ code: 'DUPLICATE_CANDIDATE', message: expect.any(String) });
    });

    it('is allowed once the first dossier is closed (withdrawn)', async () => {
      const nationalId = nextNationalId();
      const first = await createDossier(t, tokens.cell, { candidate: { ...DEMO_CANDIDATE, nationalId } });
      expectStatus(
        await t
          .http()
          .post(`/api/dossiers/${first.id}/events`)
          .set('Authorization', bearer(tokens.cell))
          .send({ type: 'WITHDRAW', occurredOn: START, reason: 'Chuyển công tác' }),
        200,
      );
      const second = await create(tokens.cell, { ...DEMO_CANDIDATE, nationalId });
      expect(second.status).toBe(201);
    });

    it('lets exactly one of many simultaneous requests through, and the database holds one open dossier', async () => {
      const nationalId = nextNationalId();
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => create(tokens.cell, { ...DEMO_CANDIDATE, nationalId })),
      );
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
      const winner = answers.find((answer) => answer.status === 201)!.body.id;
      for (const answer of answers.filter((a) => a.status === 409))
        expect(answer.body).toMatchObject({ code: 'DUPLICATE_CANDIDATE', dossierId: winner });
      const [{ open }] = await t.app
        .get(DataSource)
        .query('SELECT count(*)::int AS open FROM dossiers WHERE national_id = $1 AND closed_on IS NULL', [nationalId]);
      expect(open).toBe(1);
    });

    it('is refused by the database itself, whatever the application checks', async () => {
      const nationalId = nextNationalId();
      const first = await createDossier(t, tokens.cell, { candidate: { ...DEMO_CANDIDATE, nationalId } });
      const copy = t.app.get(DataSource).query(
        `INSERT INTO dossiers (workflow_name, workflow_version, cell_id, org_path, state, state_value, snapshot, version,
             candidate, full_name, national_id)
           SELECT workflow_name, workflow_version, cell_id, org_path, state, state_value, snapshot, 1, candidate,
             full_name, national_id FROM dossiers WHERE id = $1`,
        [first.id],
      );
      await expect(copy).rejects.toMatchObject({ driverError: { code: '23505' } });
    });
  });

  describe('AMEND_CANDIDATE to a number another dossier holds', () => {
    const amend = (token: string, id: string, nationalId: string) =>
      t
        .http()
        .post(`/api/dossiers/${id}/events`)
        .set('Authorization', bearer(token))
        .send({ type: 'AMEND_CANDIDATE', occurredOn: START, changes: { nationalId }, reason: 'Sai số định danh' });
    const viewOf = async (token: string, id: string) => {
      const dossier = expectStatus(
        await t.http().get(`/api/dossiers/${id}`).set('Authorization', bearer(token)),
        200,
      ).body;
      const history = expectStatus(
        await t.http().get(`/api/dossiers/${id}/history`).set('Authorization', bearer(token)),
        200,
      ).body;
      return { dossier, history };
    };

    it('answers 409 DUPLICATE_CANDIDATE naming the open dossier, and changes nothing', async () => {
      const held = nextNationalId();
      const first = await createDossier(t, tokens.cell, { candidate: { ...DEMO_CANDIDATE, nationalId: held } });
      const second = await createDossier(t, tokens.cell);
      const before = await viewOf(tokens.specialist, second.id);
      const refused = await amend(tokens.specialist, second.id, held);
      expect(refused.status).toBe(409);
      expect(refused.body).toEqual({ code: 'DUPLICATE_CANDIDATE', message: expect.any(String), dossierId: first.id });
      expect(await viewOf(tokens.specialist, second.id)).toEqual(before);
      const found = expectStatus(
        await t.http().get('/api/dossiers').query({ q: held }).set('Authorization', bearer(tokens.specialist)),
        200,
      ).body.items.map((item: { id: string }) => item.id);
      expect(found).toEqual([first.id]);
    });

    it('does not name a dossier the caller may not see', async () => {
      const held = nextNationalId();
      await createDossier(t, tokens.cell, { candidate: { ...DEMO_CANDIDATE, nationalId: held } });
      const foreign = await createDossier(t, foreignSecretary, { cellId: t.tree.foreignCell });
      const refused = await amend(foreignSecretary, foreign.id, held);
      expect(refused.status).toBe(409);
      expect(refused.body).toEqual({ code: 'DUPLICATE_CANDIDATE', message: expect.any(String) });
    });

    it('takes a number whose dossier is closed, and keeps the replaced one in the history', async () => {
      const freed = nextNationalId();
      const closed = await createDossier(t, tokens.cell, { candidate: { ...DEMO_CANDIDATE, nationalId: freed } });
      expectStatus(
        await t
          .http()
          .post(`/api/dossiers/${closed.id}/events`)
          .set('Authorization', bearer(tokens.cell))
          .send({ type: 'WITHDRAW', occurredOn: START, reason: 'Nhập trùng' }),
        200,
      );
      const dossier = await createDossier(t, tokens.cell);
      const amended = expectStatus(await amend(tokens.cell, dossier.id, freed), 200).body;
      expect(amended.candidate.nationalId).toBe(freed);
      const { history } = await viewOf(tokens.cell, dossier.id);
      expect(history.at(-1)).toMatchObject({
        type: 'AMEND_CANDIDATE',
        payload: {
          changes: { nationalId: freed },
          previous: { nationalId: (dossier.candidate as { nationalId: string }).nationalId },
        },
      });
    });
  });

  describe('GET /api/dossiers?q=', () => {
    const names = ['Nguyễn Văn A', 'Đinh Thị Phượng', 'Trần Đức Bình'.normalize('NFD')];
    const ids = new Map<string, string>();
    const nationalIds = new Map<string, string>();

    beforeAll(async () => {
      for (const fullName of names) {
        const nationalId = nextNationalId();
        const dossier = await createDossier(t, tokens.cell, { candidate: { ...DEMO_CANDIDATE, fullName, nationalId } });
        ids.set(fullName, dossier.id);
        nationalIds.set(fullName, nationalId);
      }
    });

    const search = async (q: string) => {
      const response = await t
        .http()
        .get('/api/dossiers')
        .query({ q, limit: 100 })
        .set('Authorization', bearer(tokens.specialist));
      return (expectStatus(response, 200).body.items as { id: string }[]).map((item) => item.id);
    };

    it.each([
      ['nguyen van a', 'Nguyễn Văn A'],
      ['NGUYEN VAN A', 'Nguyễn Văn A'],
      ['Nguyễn Văn A'.normalize('NFD'), 'Nguyễn Văn A'],
      ['van  a', 'Nguyễn Văn A'],
      ['dinh thi', 'Đinh Thị Phượng'],
      ['ĐINH', 'Đinh Thị Phượng'],
      ['phuong', 'Đinh Thị Phượng'],
      ['tran duc binh', 'Trần Đức Bình'.normalize('NFD')],
      ['Trần Đức', 'Trần Đức Bình'.normalize('NFD')],
    ])('q=%s finds %s and only it', async (q, name) => {
      expect(await search(q)).toEqual([ids.get(name)]);
    });

    it('matches the personal number, whole or its beginning', async () => {
      const nationalId = nationalIds.get('Đinh Thị Phượng')!;
      expect(await search(nationalId)).toEqual([ids.get('Đinh Thị Phượng')]);
      expect(await search(nationalId.slice(0, 11))).toContain(ids.get('Đinh Thị Phượng'));
    });

    it('treats % and _ as plain characters', async () => {
      expect(await search('%')).toEqual([]);
      expect(await search('_')).toEqual([]);
    });
  });

  describe('imported members', () => {
    const header =
      'fullName,nationalId,dateOfBirth,gender,ethnicity,religion,educationLevel,generalEducation,occupation,youthUnionMember,cellId,decisionOn,admittedOn,officialFrom';
    const line = (fullName: string, nationalId: string) =>
      `${fullName},${nationalId},1990-01-01,male,Tày,Không,university,upperSecondary,teacher,false,${t.tree.cell},2023-01-05,2023-01-20,`;

    it('may come without a number; a number already open on another dossier is a rejected line', async () => {
      const open = nextNationalId();
      await createDossier(t, tokens.cell, { candidate: { ...DEMO_CANDIDATE, nationalId: open } });
      const response = await t
        .http()
        .post('/api/members/import')
        .set('Authorization', bearer(tokens.specialist))
        .set('Content-Type', 'text/csv')
        .send(
          [header, line('Hà Văn Một', ''), line('Hà Văn Hai', nextNationalId()), line('Hà Văn Ba', open)].join('\n'),
        );
      expect(response.status).toBe(200);
      expect(response.body.imported).toBe(2);
      expect(response.body.rejected).toEqual([{ line: 4, message: expect.stringContaining('DUPLICATE_CANDIDATE') }]);
    });
  });
});

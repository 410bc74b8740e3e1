import { bearer, createDossier } from './support/dossier-helpers';
import { PASSWORD, startTestApp, type TestApp } from './support/test-app';

/** An admin with a scope acts only inside its subtree; what concerns everyone belongs to the admin of everything. */
describe('admins with a scope', () => {
  let t: TestApp;
  let cityAdmin: string;
  let admin: string;
  const user = (username: string, roles: string[], scopeOrgId: string | null) => ({
    username,
    password: PASSWORD,
    roles,
    scopeOrgId,
  });

  beforeAll(async () => {
    t = await startTestApp('adminscope');
    await t.createUser('quantri.thanhuy', ['admin'], t.tree.committee);
    await t.createUser('bithu.huyen', ['cellSecretary'], t.tree.foreignCell);
    await t.createUser('bithu.so', ['cellSecretary'], t.tree.cell);
    cityAdmin = await t.token('quantri.thanhuy');
    admin = await t.token('admin');
  });
  afterAll(() => t.close());

  const as = (token: string) => ({
    post: (path: string, body: object) => t.http().post(path).set('Authorization', bearer(token)).send(body),
    patch: (path: string, body: object) => t.http().patch(path).set('Authorization', bearer(token)).send(body),
    put: (path: string, body: object) => t.http().put(path).set('Authorization', bearer(token)).send(body),
    get: (path: string) => t.http().get(path).set('Authorization', bearer(token)),
    delete: (path: string) => t.http().delete(path).set('Authorization', bearer(token)),
  });

  it('creates users only inside its subtree, and never an unscoped one', async () => {
    const city = as(cityAdmin);
    expect((await city.post('/api/users', user('qt.toanquoc', ['admin'], null))).status).toBe(403);
    expect((await city.post('/api/users', user('cv.huyen', ['specialist'], t.tree.otherCommittee))).status).toBe(404);
    expect((await city.post('/api/users', user('cv.thanhuy', ['specialist'], t.tree.grassroots))).status).toBe(201);
    expect((await as(admin).post('/api/users', user('qt.toanquoc', ['admin'], null))).status).toBe(201);
  });

  it('lists, changes and deletes only the users of its subtree', async () => {
    const city = as(cityAdmin);
    const listed = (await city.get('/api/users').expect(200)).body.map((u: { username: string }) => u.username);
    expect(listed).toContain('bithu.so');
    expect(listed).not.toContain('bithu.huyen');
    expect(listed).not.toContain('admin');
    const all = (await as(admin).get('/api/users').expect(200)).body;
    const outside = all.find((u: { username: string }) => u.username === 'bithu.huyen');
    const unscoped = all.find((u: { username: string }) => u.username === 'admin');
    const inside = all.find((u: { username: string }) => u.username === 'bithu.so');
    expect((await city.patch(`/api/users/${outside.id}`, { disabled: true })).status).toBe(404);
    expect((await city.patch(`/api/users/${unscoped.id}`, { disabled: true })).status).toBe(404);
    expect((await city.delete(`/api/users/${outside.id}`)).status).toBe(404);
    expect((await city.patch(`/api/users/${inside.id}`, { scopeOrgId: t.tree.foreignCell })).status).toBe(404);
    expect((await city.patch(`/api/users/${inside.id}`, { roles: ['admin'], scopeOrgId: null })).status).toBe(403);
    expect((await city.patch(`/api/users/${inside.id}`, { scopeOrgId: t.tree.otherCell })).status).toBe(200);
    // The refused changes changed nothing: the secretary of the other district is still active.
    await t.http().post('/api/auth/login').send({ username: 'bithu.huyen', password: PASSWORD }).expect(200);
  });

  it('creates organisations only under its subtree, never at the top', async () => {
    const city = as(cityAdmin);
    expect(
      (await city.post('/api/organizations', { name: 'Chi bộ mới', kind: 'cell', parentId: t.tree.grassroots })).status,
    ).toBe(201);
    const foreignParent = (await as(admin).get('/api/organizations').expect(200)).body.find(
      (org: { id: string }) => org.id === t.tree.otherCommittee,
    ).children[0].id;
    expect(
      (await city.post('/api/organizations', { name: 'Chi bộ lạ', kind: 'cell', parentId: foreignParent })).status,
    ).toBe(404);
    expect((await city.post('/api/organizations', { name: 'Tỉnh ủy', kind: 'committee' })).status).toBe(403);
    expect((await as(admin).post('/api/organizations', { name: 'Tỉnh ủy', kind: 'committee' })).status).toBe(201);
  });

  it('lists sister organisations by name, as Vietnamese sorts them', async () => {
    const city = as(cityAdmin);
    const parent = (
      await city.post('/api/organizations', {
        name: 'Đảng bộ Phường Đông',
        kind: 'grassroots',
        parentId: t.tree.committee,
      })
    ).body.id;
    for (const name of ['Chi bộ Tổ 10', 'Chi bộ Ấp Bắc', 'Chi bộ Tổ 2', 'Chi bộ Đồng Tâm'])
      expect((await city.post('/api/organizations', { name, kind: 'cell', parentId: parent })).status).toBe(201);
    const tree = (await city.get('/api/organizations').expect(200)).body;
    const committee = tree.find((org: { id: string }) => org.id === t.tree.committee);
    const ward = committee.children.find((org: { id: string }) => org.id === parent);
    expect(ward.children.map((org: { name: string }) => org.name)).toEqual([
      'Chi bộ Ấp Bắc',
      'Chi bộ Đồng Tâm',
      'Chi bộ Tổ 2',
      'Chi bộ Tổ 10',
    ]);
    const names = committee.children.map((org: { name: string }) => org.name);
    expect(names).toEqual([...names].sort(new Intl.Collator('vi', { numeric: true }).compare));
  });

  it('leaves national policy versions to the admin of everything', async () => {
    const policy = { effectiveFrom: '2100-01-01', parameters: { ceremonyWorkingDays: 45 }, citation: 'Quy định mới' };
    const refused = await as(cityAdmin).post('/api/policies', policy);
    expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
    expect((await as(admin).post('/api/policies', policy)).status).toBe(201);
  });

  it('leaves the national calendar to the admin of everything', async () => {
    const body = { kind: 'dayOff', note: 'Nghỉ bù' };
    expect((await as(cityAdmin).put('/api/calendar/overrides/2026-09-04', body)).status).toBe(403);
    expect((await as(cityAdmin).delete('/api/calendar/overrides/2026-09-04')).status).toBe(403);
    expect((await as(admin).put('/api/calendar/overrides/2026-09-04', body)).status).toBe(200);
    expect((await as(cityAdmin).delete('/api/calendar/overrides/2026-09-04')).status).toBe(403);
    // The year's list tells the day the admin entered from the days of the built-in table.
    const { holidays } = (await as(cityAdmin).get('/api/calendar/2026').expect(200)).body;
    const sourceOf = (date: string) => holidays.find((day: { date: string }) => day.date === date)?.source;
    expect(['2026-09-04', '2026-09-01', '2026-09-02'].map(sourceOf)).toEqual(['override', 'builtIn', 'library']);
  });

  it('sets quotas and webhooks only inside its subtree', async () => {
    const city = as(cityAdmin);
    expect((await city.put(`/api/quotas/${t.tree.otherCommittee}/2026`, { target: 5 })).status).toBe(404);
    expect((await city.put(`/api/quotas/${t.tree.grassroots}/2026`, { target: 5 })).status).toBe(200);
    const webhook = { url: 'https://hooks.example.vn/nhac-viec', secret: 's'.repeat(32) };
    expect((await city.post('/api/webhooks', { ...webhook, orgId: t.tree.otherCommittee })).status).toBe(404);
    expect((await as(admin).post('/api/webhooks', { ...webhook, orgId: t.tree.otherCommittee })).status).toBe(201);
    expect((await city.post('/api/webhooks', { ...webhook, orgId: t.tree.committee })).status).toBe(201);
    const listed = (await city.get('/api/webhooks').expect(200)).body;
    expect(listed.map((w: { orgId: string }) => w.orgId)).toEqual([t.tree.committee]);
    const foreign = (await as(admin).get('/api/webhooks').expect(200)).body.find(
      (w: { orgId: string }) => w.orgId === t.tree.otherCommittee,
    );
    expect((await city.get(`/api/webhooks/${foreign.id}/deliveries`)).status).toBe(404);
  });
});

describe('training classes gathering several organisations', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('classscope');
  });
  afterAll(() => t.close());

  it('show each user only the participants whose dossier they may see, and count only those', async () => {
    await t.createUser('chuyenvien', ['specialist'], t.tree.committee);
    await t.createUser('danguy.so', ['grassrootsOfficer'], t.tree.grassroots);
    const specialist = await t.token('chuyenvien');
    const officer = await t.token('danguy.so');
    const own = await createDossier(t, specialist, { cellId: t.tree.cell });
    const foreign = await createDossier(t, specialist, { cellId: t.tree.delegatedCell });
    const created = await t
      .http()
      .post('/api/classes')
      .set('Authorization', bearer(specialist))
      .send({
        kind: 'awareness',
        name: 'Lớp nhận thức về Đảng khóa 1',
        organizerOrgId: t.tree.grassroots,
        startsOn: '2024-05-06',
        endsOn: '2024-05-10',
        issuer: 'Trung tâm Chính trị',
      })
      .expect(201);
    for (const participant of [{ dossierId: own.id }, { dossierId: foreign.id }, { fullName: 'Khách mời' }])
      await t
        .http()
        .post(`/api/classes/${created.body.id}/participants`)
        .set('Authorization', bearer(specialist))
        .send(participant)
        .expect(200);

    const seen = async (token: string) => {
      const one = await t.http().get(`/api/classes/${created.body.id}`).set('Authorization', bearer(token)).expect(200);
      const list = await t.http().get('/api/classes').set('Authorization', bearer(token)).expect(200);
      return {
        dossiers: one.body.participants.map((p: { dossierId: string | null }) => p.dossierId),
        count: list.body.find((c: { id: string }) => c.id === created.body.id).participants,
      };
    };
    expect(await seen(specialist)).toEqual({ dossiers: [own.id, foreign.id, null], count: 3 });
    expect(await seen(officer)).toEqual({ dossiers: [own.id, null], count: 2 });
  });
});

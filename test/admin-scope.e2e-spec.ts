import { bearer } from './support/dossier-helpers';
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

  it('leaves the national calendar to the admin of everything', async () => {
    const body = { kind: 'dayOff', note: 'Nghỉ bù' };
    expect((await as(cityAdmin).put('/api/calendar/overrides/2026-09-04', body)).status).toBe(403);
    expect((await as(cityAdmin).delete('/api/calendar/overrides/2026-09-04')).status).toBe(403);
    expect((await as(admin).put('/api/calendar/overrides/2026-09-04', body)).status).toBe(200);
    expect((await as(cityAdmin).delete('/api/calendar/overrides/2026-09-04')).status).toBe(403);
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

import { startTestApp, type TestApp } from './support/test-app';

describe('the BullMQ dashboard', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('dashboard');
    await t.createUser('chuyenvien', ['specialist'], t.tree.committee);
    await t.createUser('quantri.thanhuy', ['admin'], t.tree.committee);
  });
  afterAll(() => t.close());

  it('is closed without a token, to every role but admin, and to admins with a scope', async () => {
    await t.http().get('/api/admin/queues').expect(401);
    await t.http().get('/api/admin/queues').set('Authorization', 'Bearer not-a-token').expect(401);
    const specialist = await t.token('chuyenvien');
    await t.http().get('/api/admin/queues').set('Authorization', `Bearer ${specialist}`).expect(403);
    await t.http().get(`/api/admin/queues/api/queues`).set('Authorization', `Bearer ${specialist}`).expect(403);
    const scopedAdmin = await t.token('quantri.thanhuy');
    await t.http().get('/api/admin/queues').set('Authorization', `Bearer ${scopedAdmin}`).expect(403);
    await t.http().post('/api/admin/queues-session').set('Authorization', `Bearer ${scopedAdmin}`).expect(403);
  });

  it('never takes the token from the URL', async () => {
    const admin = await t.token('admin');
    const page = await t.http().get(`/api/admin/queues?token=${admin}`).expect(401);
    expect(page.headers['set-cookie']).toBeUndefined();
  });

  it('exchanges the token for an HttpOnly, SameSite=Strict cookie limited to the dashboard', async () => {
    const admin = await t.token('admin');
    const session = await t
      .http()
      .post('/api/admin/queues-session')
      .set('Authorization', `Bearer ${admin}`)
      .expect(204);
    const cookie: string = session.headers['set-cookie'][0];
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toContain('Path=/api/admin/queues');
    expect(cookie).not.toMatch(/Secure/i);
    const page = await t.http().get('/api/admin/queues').set('Cookie', cookie.split(';')[0]).expect(200);
    expect(page.text).toContain('<html');
    const queues = await t.http().get('/api/admin/queues/api/queues').set('Cookie', cookie.split(';')[0]).expect(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([
      'maintenance',
      'reminders',
      'webhooks',
    ]);
  });

  it('marks the cookie Secure behind a trusted TLS proxy', async () => {
    const proxied = await startTestApp('dashboard-tls', { trustProxy: 'loopback' });
    try {
      const admin = await proxied.token('admin');
      const session = await proxied
        .http()
        .post('/api/admin/queues-session')
        .set('Authorization', `Bearer ${admin}`)
        .set('X-Forwarded-Proto', 'https')
        .expect(204);
      expect(session.headers['set-cookie'][0]).toMatch(/; Secure/i);
    } finally {
      await proxied.close();
    }
  });
});

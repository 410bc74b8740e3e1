import { startTestApp, type TestApp } from './support/test-app';

describe('the BullMQ dashboard', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('dashboard');
    await t.createUser('chuyenvien', ['specialist'], t.tree.committee);
  });
  afterAll(() => t.close());

  it('is closed without a token and to every role but admin', async () => {
    await t.http().get('/api/admin/queues').expect(401);
    await t.http().get('/api/admin/queues').set('Authorization', 'Bearer not-a-token').expect(401);
    const specialist = await t.token('chuyenvien');
    await t.http().get('/api/admin/queues').set('Authorization', `Bearer ${specialist}`).expect(403);
    await t.http().get(`/api/admin/queues/api/queues`).set('Authorization', `Bearer ${specialist}`).expect(403);
  });

  it('shows the queues to an admin, and keeps a browser signed in through a path-limited cookie', async () => {
    const admin = await t.token('admin');
    const page = await t.http().get(`/api/admin/queues?token=${admin}`).expect(200);
    expect(page.text).toContain('<html');
    const cookie = page.headers['set-cookie'][0];
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toContain('Path=/api/admin/queues');
    const queues = await t.http().get('/api/admin/queues/api/queues').set('Cookie', cookie.split(';')[0]).expect(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([
      'maintenance',
      'reminders',
      'webhooks',
    ]);
  });
});

import type { Queue } from 'bullmq';
import { QUEUES } from '@apps/api/app.module';
import { OwnRedis } from './support/own-redis';
import { bearer, createDossier, pathActors, stepOf, type Tokens } from './support/dossier-helpers';
import { PASSWORD, startTestApp, type TestApp } from './support/test-app';
import { eventually } from './support/waiting';

/** With the suite's own Redis stopped: what needs Redis answers 503 QUEUE_UNAVAILABLE at once, the rest goes on. */
describe('Redis away', () => {
  let redis: OwnRedis;
  let t: TestApp;
  let tokens: Tokens;
  let admin: string;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    t = await startTestApp('queue-down', { redisUrl: redis.url });
    tokens = await pathActors(t, 'qd');
    admin = await t.token('admin');
    // Each failed reconnection is an 'error' event, printed when nothing listens: expected here.
    for (const queue of t.app.get<Queue[]>(QUEUES)) queue.on('error', () => undefined);
    await redis.stop();
  });
  afterAll(async () => {
    await t.close();
    await redis.stop();
  });

  const dashboardQueues = () =>
    t.http().get('/api/admin/queues/api/queues').set('Authorization', bearer(admin)).timeout(5000);

  it('the queue dashboard’s data answers 503 QUEUE_UNAVAILABLE instead of waiting for Redis', async () => {
    const answer = await dashboardQueues();
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({ code: 'QUEUE_UNAVAILABLE', message: expect.stringMatching(/^Hàng đợi/) });
    expect(answer.headers['retry-after']).toBe('5');
    // The refusals that do not depend on Redis come first.
    await t.http().get('/api/admin/queues/api/queues').timeout(5000).expect(401);
  });

  it('logging in, recording an event and reading go on; health and metrics say Redis is down', async () => {
    await t.http().post('/api/auth/login').send({ username: 'admin', password: PASSWORD }).timeout(5000).expect(200);
    const dossier = await createDossier(t, tokens.cell);
    const first = stepOf('RECORD_AWARENESS_CERTIFICATE');
    await t
      .http()
      .post(`/api/dossiers/${dossier.id}/events`)
      .set('Authorization', bearer(tokens[first.actor]))
      .send(first.event)
      .timeout(5000)
      .expect(200);
    await t.http().get('/api/dossiers').set('Authorization', bearer(tokens.cell)).timeout(5000).expect(200);
    const health = await t.http().get('/health').timeout(5000).expect(503);
    expect(health.body).toMatchObject({ status: 'error', postgres: 'up', redis: 'down' });
    const metrics = await t.http().get('/metrics').set('Authorization', bearer(admin)).timeout(5000).expect(200);
    expect(metrics.text).not.toContain('queue_jobs{');
  });

  it('the dashboard answers again once Redis is back', async () => {
    await redis.restart();
    await eventually(async () => (await dashboardQueues()).status === 200);
  });
});

import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { createWorker } from '@apps/worker/worker.factory';
import { dataKeyOf, isSealed, seal, unseal, type DataKeys } from '@libs/persistence';
import { queueConnection, resealWebhookSecrets, SIGNATURE_HEADER, signBody, WEBHOOK_QUEUE } from '@libs/reminders';
import { bearer, dossierBefore, pathActors } from './support/dossier-helpers';
import { startTestApp, type TestApp } from './support/test-app';
import { eventually } from './support/waiting';

const SECRET = 'khoa-ky-cua-dang-bo-0123456789';

/** Webhooks reach only where they should, stop when made inactive, and keep their secrets sealed at rest. */
describe('webhook security', () => {
  let t: TestApp;
  let admin: string;
  let db: DataSource;
  let server: Server;
  let receiverUrl: string;
  const received: { path: string; signature: string; body: string }[] = [];

  beforeAll(async () => {
    t = await startTestApp('webhooksec');
    admin = await t.token('admin');
    db = t.app.get(DataSource);
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push({ path: request.url ?? '', signature: String(request.headers[SIGNATURE_HEADER]), body });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.close();
    await t.close();
  });

  const create = (app: TestApp, token: string, url: string) =>
    app
      .http()
      .post('/api/webhooks')
      .set('Authorization', bearer(token))
      .send({ orgId: app.tree.committee, url, secret: SECRET });

  it('refuses loopback, link-local, private and credentialed targets', async () => {
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://127.0.0.1:8080/',
      'http://127.1.2.3/',
      'http://0.0.0.0/',
      'http://10.0.0.5/',
      'http://172.16.4.4/',
      'http://192.168.1.10/',
      'http://100.64.0.1/',
      'http://[::1]/',
      'http://[fe80::1]/',
      'http://[fd00::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://localhost:3000/',
      'http://api.localhost/',
      'https://user:pass@hooks.example.vn/',
    ]) {
      const response = await create(t, admin, url);
      expect([url, response.status, response.body.code]).toEqual([url, 422, 'WEBHOOK_TARGET_REFUSED']);
    }
    expect((await create(t, admin, 'https://hooks.example.vn/nhac-viec')).status).toBe(201);
    expect((await create(t, admin, 'http://203.113.131.1/nhac-viec')).status).toBe(201);
    const changed = await t
      .http()
      .patch(`/api/webhooks/${(await create(t, admin, 'https://hooks.example.vn/2')).body.id}`)
      .set('Authorization', bearer(admin))
      .send({ url: 'http://169.254.169.254/' });
    expect(changed.status).toBe(422);
  });

  it('reaches internal targets only when WEBHOOK_ALLOWED_TARGETS names them', async () => {
    const allowing = await startTestApp('webhooksec-allow', { webhookAllowedTargets: ['127.0.0.0/8', 'localhost'] });
    try {
      const token = await allowing.token('admin');
      expect((await create(allowing, token, `${receiverUrl}/a`)).status).toBe(201);
      expect((await create(allowing, token, 'http://localhost:9/')).status).toBe(201);
      expect((await create(allowing, token, 'http://169.254.169.254/')).status).toBe(422);
    } finally {
      await allowing.close();
    }
  });

  describe('deliveries by the worker', () => {
    let worker: INestApplicationContext;
    let queue: Queue;
    let deadlineId: string;

    beforeAll(async () => {
      worker = await createWorker(t.config);
      queue = new Queue(WEBHOOK_QUEUE, {
        connection: queueConnection(t.config.redisUrl),
        prefix: t.config.queuePrefix,
      });
      const tokens = await pathActors(t);
      const dossier = await dossierBefore(t, tokens, 'ISSUE_DECISION');
      [{ id: deadlineId }] = await db.query('SELECT id FROM deadlines WHERE dossier_id = $1 LIMIT 1', [dossier.id]);
    });
    afterAll(async () => {
      await queue.close();
      await worker.close();
    });

    /** A webhook row as an older version stored it (no target check), and a delivery queued for it. */
    const queued = async (url: string, kind: string) => {
      const webhookId = randomUUID();
      await db.query(`INSERT INTO webhooks (id, org_id, url, secret) VALUES ($1, $2, $3, $4)`, [
        webhookId,
        t.tree.committee,
        url,
        seal(SECRET, t.config.dataKeys.current, webhookId),
      ]);
      const [{ id }] = await db.query(
        `INSERT INTO webhook_deliveries (webhook_id, deadline_id, kind, due_on, body, status)
         VALUES ($1, $2, $3, '2026-01-05', '{"event":"reminder"}', 'pending') RETURNING id`,
        [webhookId, deadlineId, kind],
      );
      await queue.add('deliver', { deliveryId: id }, { jobId: `webhook-${id}`, attempts: 3, backoff: 10 });
      return { webhookId, deliveryId: id as string };
    };
    const statusOf = (id: string) =>
      eventually(async () => {
        const [row] = await db.query('SELECT status, last_error AS "lastError" FROM webhook_deliveries WHERE id = $1', [
          id,
        ]);
        return row.status !== 'pending' && row;
      });

    it('does not connect to an internal address, given as an address or as a name', async () => {
      for (const url of [`${receiverUrl}/literal`, receiverUrl.replace('127.0.0.1', 'localhost') + '/name']) {
        const { deliveryId } = await queued(url, url.endsWith('name') ? 'due' : 'lead');
        expect(await statusOf(deliveryId)).toMatchObject({
          status: 'failed',
          lastError: expect.stringMatching(/nội bộ/),
        });
      }
      expect(received).toEqual([]);
    });

    it('stops what was queued for a webhook made inactive', async () => {
      const allowedWorker = await createWorker({ ...t.config, webhookAllowedTargets: ['127.0.0.1'] });
      await worker.close();
      worker = allowedWorker;
      const sent = await queued(`${receiverUrl}/active`, 'overdue');
      expect(await statusOf(sent.deliveryId)).toMatchObject({ status: 'delivered' });
      expect(received.map((r) => r.path)).toEqual(['/active']);
      expect(received[0].signature).toBe(signBody(received[0].body, SECRET));

      await queue.pause();
      const stopped = await queued(`${receiverUrl}/inactive`, 'lead');
      await t
        .http()
        .patch(`/api/webhooks/${stopped.webhookId}`)
        .set('Authorization', bearer(admin))
        .send({ active: false })
        .expect(200);
      await queue.resume();
      expect(await statusOf(stopped.deliveryId)).toMatchObject({ status: 'cancelled' });
      expect(received.map((r) => r.path)).toEqual(['/active']);
    });
  });

  it('stores signing secrets sealed with DATA_KEY, never shows them, and reseals them with a new key', async () => {
    const created = await create(t, admin, 'https://hooks.example.vn/sealed');
    expect(created.body).not.toHaveProperty('secret');
    const [{ secret }] = await db.query('SELECT secret FROM webhooks WHERE id = $1', [created.body.id]);
    expect(isSealed(secret)).toBe(true);
    expect(secret).not.toContain(SECRET);
    expect(unseal(secret, t.config.dataKeys, created.body.id)).toBe(SECRET);
    // Bound to its row: the same sealed value does not open as another webhook's secret.
    expect(() => unseal(secret, t.config.dataKeys, t.tree.committee)).toThrow();

    const rotated: DataKeys = {
      current: dataKeyOf(Buffer.alloc(32, 7)),
      previous: t.config.dataKeys.current,
      development: false,
    };
    const result = await resealWebhookSecrets(db, rotated);
    expect(result.resealed).toBe(result.webhooks);
    const [{ secret: resealed }] = await db.query('SELECT secret FROM webhooks WHERE id = $1', [created.body.id]);
    expect(resealed.split('.')[1]).toBe(rotated.current.id);
    expect(unseal(resealed, { ...rotated, previous: null }, created.body.id)).toBe(SECRET);
    expect((await resealWebhookSecrets(db, rotated)).resealed).toBe(0);
  });
});

import type { INestApplicationContext } from '@nestjs/common';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue, Worker } from 'bullmq';
import { DataSource } from 'typeorm';
import { createWorker } from '@apps/worker/worker.factory';
import { WorkingDayCalendar } from '@libs/calendar';
import {
  DELIVERY_HEADER,
  queueConnection,
  REMINDER_QUEUE,
  reminderDayJobId,
  reminderJobId,
  reminderMessage,
  sendReminders,
  SIGNATURE_HEADER,
  signBody,
} from '@libs/reminders';
import { driveTo, pathActors, type ActorTokens } from './support/path-driver';
import { OwnRedis } from './support/own-redis';
import { startTestApp, type TestApp } from './support/test-app';
import { eventually } from './support/waiting';
import { TEST_TODAY } from './support/test-clock';

const calendar = new WorkingDayCalendar();
const today = TEST_TODAY;

describe('deadlines and reminders on the real Redis and PostgreSQL', () => {
  let redis: OwnRedis;
  let t: TestApp;
  let tokens: ActorTokens;
  let db: DataSource;
  let queue: Queue;
  const workers: INestApplicationContext[] = [];

  const startWorker = async () => {
    const worker = await createWorker(t.config);
    workers.push(worker);
    return worker;
  };
  const stopWorkers = async () => {
    while (workers.length) await workers.pop()!.close();
  };
  const deadlineOf = async (dossierId: string, kind: string) =>
    (
      await db.query(`SELECT id, due_on AS "dueOn", status FROM deadlines WHERE dossier_id = $1 AND kind = $2`, [
        dossierId,
        kind,
      ])
    )[0];
  const notificationsOf = (deadlineId: string) =>
    db.query(
      `SELECT n.user_id AS "userId", u.username, n.kind FROM notifications n JOIN users u ON u.id = n.user_id
              WHERE n.deadline_id = $1 ORDER BY n.kind, u.username`,
      [deadlineId],
    );

  beforeAll(async () => {
    // This suite flushes Redis: it gets a redis-server of its own. The webhook receiver of these tests listens on
    // this host, which only the allow-list lets webhooks reach.
    redis = await OwnRedis.start();
    t = await startTestApp('reminders', { redisUrl: redis.url, webhookAllowedTargets: ['127.0.0.1'] });
    tokens = await pathActors(t);
    db = t.app.get(DataSource);
    queue = new Queue(REMINDER_QUEUE, { connection: queueConnection(t.config.redisUrl), prefix: t.config.queuePrefix });
  });
  afterAll(async () => {
    await stopWorkers();
    await queue.close();
    await t.close();
    await redis.stop();
  });
  afterEach(stopWorkers);

  /** The day comes: its wake-up call runs now, as it would at 07:00 that day, and is done. */
  const wakeUp = async (day: string) => {
    const job = (await queue.getJob(reminderDayJobId(day)))!;
    expect(await job.isDelayed()).toBe(true);
    await job.promote();
    await eventually(async () => (await queue.getJobState(job.id!)) === 'completed');
    return (await queue.getJob(job.id!))!.returnvalue;
  };
  /** What a day's call did: reminders sent and their notifications, none stale, sent before or failed. */
  const sentOnly = (sent: number, notifications: number) => ({
    sent,
    notifications,
    stale: 0,
    duplicate: 0,
    failed: 0,
  });

  it('a backdated decision makes the ceremony reminders fire, and holding the ceremony stops the rest', async () => {
    await startWorker();
    // 28 working days after the decision, the ceremony (30 working days) is due in 2: the 5-day lead reminder is late.
    const decisionOn = calendar.subtractWorkingDays(today, 28);
    const dossier = await driveTo(t, tokens, 'ISSUE_DECISION', decisionOn);
    const ceremony = await deadlineOf(dossier.id, 'ceremony');
    expect(ceremony.dueOn).toBe(calendar.addWorkingDays(decisionOn, 30));

    const inbox = await eventually(async () => {
      const response = await t
        .http()
        .get('/api/notifications?unread=true')
        .set('Authorization', `Bearer ${tokens.cell}`);
      const found = response.body.filter((n: { dossierId: string }) => n.dossierId === dossier.id);
      return found.length ? found : undefined;
    });
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({
      kind: 'lead',
      dossierId: dossier.id,
      dueOn: ceremony.dueOn,
      readAt: null,
      outdated: false,
    });
    expect(inbox[0].message).toContain('lễ kết nạp');
    // The two reminders ahead wait for their days' wake-up calls, not in jobs of their own.
    const overdueOn = calendar.addWorkingDays(ceremony.dueOn, 1);
    for (const day of [ceremony.dueOn, overdueOn])
      expect(await (await queue.getJob(reminderDayJobId(day)))?.isDelayed()).toBe(true);
    expect(await queue.getJob(reminderJobId(ceremony.id, 'due', ceremony.dueOn))).toBeUndefined();

    const read = await t
      .http()
      .post(`/api/notifications/${inbox[0].id}/read`)
      .set('Authorization', `Bearer ${tokens.cell}`)
      .expect(200);
    expect(read.body.readAt).toEqual(expect.any(String));

    await t
      .http()
      .post(`/api/dossiers/${dossier.id}/events`)
      .set('Authorization', `Bearer ${tokens.cell}`)
      .send({ type: 'HOLD_CEREMONY', occurredOn: today, helperName: 'Hoàng Văn Minh' })
      .expect(200);
    expect((await deadlineOf(dossier.id, 'ceremony')).status).toBe('done');
    // The reminder stays in the inbox, marked as no longer current: its step is done.
    const after = await t.http().get('/api/notifications').set('Authorization', `Bearer ${tokens.cell}`).expect(200);
    expect(after.body.find((n: { id: string }) => n.id === inbox[0].id)).toMatchObject({ outdated: true });
    const current = await t
      .http()
      .get('/api/notifications?current=true')
      .set('Authorization', `Bearer ${tokens.cell}`)
      .expect(200);
    expect(current.body.map((n: { id: string }) => n.id)).not.toContain(inbox[0].id);
    // Its days come: the ceremony is held, nothing more is sent.
    await wakeUp(ceremony.dueOn);
    await wakeUp(overdueOn);
    expect(await notificationsOf(ceremony.id)).toHaveLength(1);
  });

  it("a day's wake-up call sends the reminders of that day once each, read from PostgreSQL when it runs", async () => {
    await startWorker();
    // Decided 20 working days ago: the ceremonies are due in 10, their 5-day lead reminders fire in 5, the same day.
    const decisionOn = calendar.subtractWorkingDays(today, 20);
    const [held, waiting, moved] = await Promise.all(
      ['Đinh Thị Mai', 'Lương Văn Tâm', 'Hà Thị Yến'].map(async (name) => {
        const dossier = await driveTo(t, tokens, 'ISSUE_DECISION', decisionOn, name);
        return { dossier, ceremony: await deadlineOf(dossier.id, 'ceremony') };
      }),
    );
    const leadOn = calendar.subtractWorkingDays(waiting.ceremony.dueOn, 5);
    expect(leadOn > today).toBe(true);
    await t
      .http()
      .post(`/api/dossiers/${held.dossier.id}/events`)
      .set('Authorization', `Bearer ${tokens.cell}`)
      .send({ type: 'HOLD_CEREMONY', occurredOn: today, helperName: 'Hoàng Văn Minh' })
      .expect(200);
    // A due date moved after the day was planned (as a corrected decision date would): its reminder moves with it.
    const movedTo = calendar.addWorkingDays(moved.ceremony.dueOn, 3);
    await db.query(`UPDATE deadlines SET due_on = $2 WHERE id = $1`, [moved.ceremony.id, movedTo]);

    expect(await wakeUp(leadOn)).toEqual(sentOnly(1, 1));
    expect(await notificationsOf(waiting.ceremony.id)).toEqual([
      { userId: expect.any(String), username: 'bithu', kind: 'lead' },
    ]);
    expect(await notificationsOf(held.ceremony.id)).toEqual([]);
    expect(await notificationsOf(moved.ceremony.id)).toEqual([]);

    // The same day woken again (a retried or re-created wake-up call) finds the reminder sent and skips it.
    const again = await queue.add('day', { fireOn: leadOn }, { jobId: `again-${leadOn}` });
    await eventually(async () => (await queue.getJobState(again.id!)) === 'completed');
    expect((await queue.getJob(again.id!))?.returnvalue).toEqual({
      sent: 0,
      notifications: 0,
      stale: 0,
      duplicate: 0,
      failed: 0,
    });
    expect(await notificationsOf(waiting.ceremony.id)).toHaveLength(1);

    // The moved deadline's lead reminder, on the day it falls on now (whose call the move would have planned).
    const movedLeadOn = calendar.subtractWorkingDays(movedTo, 5);
    await queue.add('day', { fireOn: movedLeadOn }, { jobId: reminderDayJobId(movedLeadOn), delay: 3_600_000 });
    expect(await wakeUp(movedLeadOn)).toEqual(sentOnly(1, 1));
    expect(await notificationsOf(moved.ceremony.id)).toEqual([
      { userId: expect.any(String), username: 'bithu', kind: 'lead' },
    ]);

    // The due day, then the working day after it: the due reminder, then the escalation to the grassroots committee.
    expect(await wakeUp(waiting.ceremony.dueOn)).toEqual(sentOnly(1, 1));
    expect(await wakeUp(calendar.addWorkingDays(waiting.ceremony.dueOn, 1))).toEqual(sentOnly(1, 2));
    expect(await notificationsOf(waiting.ceremony.id)).toEqual([
      { userId: expect.any(String), username: 'bithu', kind: 'due' },
      { userId: expect.any(String), username: 'bithu', kind: 'lead' },
      { userId: expect.any(String), username: 'bithu', kind: 'overdue' },
      { userId: expect.any(String), username: 'dangu', kind: 'overdue' },
    ]);
    expect(await notificationsOf(held.ceremony.id)).toEqual([]);
  });

  it("the job of a reminder well ahead, left by a version before the days' calls, gives way to its day's call", async () => {
    const dossier = await driveTo(t, tokens, 'ISSUE_DECISION', calendar.subtractWorkingDays(today, 20), 'Tô Văn Bình');
    const ceremony = await deadlineOf(dossier.id, 'ceremony');
    const leadOn = calendar.subtractWorkingDays(ceremony.dueOn, 5);
    const jobId = reminderJobId(ceremony.id, 'lead', ceremony.dueOn);
    await queue.add(
      'lead',
      { deadlineId: ceremony.id, kind: 'lead', dueOn: ceremony.dueOn },
      { jobId, delay: new Date(`${leadOn}T00:00:00Z`).getTime() - t.config.clock.now().getTime() },
    );
    await startWorker();
    await eventually(async () => (await queue.getJob(jobId)) === undefined);
    expect(await (await queue.getJob(reminderDayJobId(leadOn)))?.isDelayed()).toBe(true);
  });

  it('after FLUSHALL the reconciler re-creates the jobs and each reminder still arrives once', async () => {
    // No worker runs while the API schedules: the jobs wait in Redis, then Redis loses everything.
    const decisionOn = calendar.subtractWorkingDays(today, 30);
    const dossier = await driveTo(t, tokens, 'ISSUE_DECISION', decisionOn, 'Phạm Văn Đức');
    const ceremony = await deadlineOf(dossier.id, 'ceremony');
    expect(await queue.getJob(reminderJobId(ceremony.id, 'due', ceremony.dueOn))).toBeDefined();
    await redis.flush();
    expect(await queue.getJob(reminderJobId(ceremony.id, 'due', ceremony.dueOn))).toBeUndefined();

    await startWorker();
    const sent = await eventually(async () => {
      const rows = await notificationsOf(ceremony.id);
      return rows.length ? rows : undefined;
    });
    expect(sent).toEqual([{ userId: expect.any(String), username: 'bithu', kind: 'due' }]);

    // A second start and a scheduled run find the reminder sent and send nothing more.
    await stopWorkers();
    await startWorker();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await notificationsOf(ceremony.id)).toEqual(sent);
  });

  it('a reminder whose job failed every attempt is sent again by the reconciler', async () => {
    const decisionOn = calendar.subtractWorkingDays(today, 30);
    const dossier = await driveTo(t, tokens, 'ISSUE_DECISION', decisionOn, 'Lý Thị Hoa');
    const ceremony = await deadlineOf(dossier.id, 'ceremony');
    const jobId = reminderJobId(ceremony.id, 'due', ceremony.dueOn);
    // What a long PostgreSQL outage leaves behind: the job ran out of attempts and stays in Redis, failed, under the
    // id the reconciler would use.
    const job = (await queue.getJob(jobId))!;
    await job.remove();
    await queue.add('due', job.data, { jobId, attempts: 1 });
    const failing = new Worker(
      REMINDER_QUEUE,
      async () => {
        throw new Error('PostgreSQL is away');
      },
      { connection: queueConnection(t.config.redisUrl), prefix: t.config.queuePrefix },
    );
    await eventually(async () => (await queue.getJobState(jobId)) === 'failed');
    // Later failures of other reminders: the reconciler must look past the newest finished jobs.
    for (const other of ['other-1', 'other-2', 'other-3']) {
      await queue.add('due', job.data, { jobId: other, attempts: 1 });
      await eventually(async () => (await queue.getJobState(other)) === 'failed');
    }
    await failing.close();
    expect(await notificationsOf(ceremony.id)).toEqual([]);

    await startWorker();
    const sent = await eventually(async () => {
      const rows = await notificationsOf(ceremony.id);
      return rows.some((row: { kind: string }) => row.kind === 'due') ? rows : undefined;
    });
    expect(sent.filter((row: { kind: string }) => row.kind === 'due')).toEqual([
      { userId: expect.any(String), username: 'bithu', kind: 'due' },
    ]);
  });

  it('two workers at once send each reminder once, even when the same reminder is queued twice', async () => {
    const dossiers = [];
    for (const name of ['Vũ Thị Lan', 'Đỗ Văn Hùng', 'Bùi Thị Thu'])
      dossiers.push(await driveTo(t, tokens, 'ISSUE_DECISION', calendar.subtractWorkingDays(today, 31), name));
    const deadlines = await Promise.all(dossiers.map((d) => deadlineOf(d.id, 'ceremony')));
    // The same reminder under other job ids: only PostgreSQL can stop the copies.
    for (const deadline of deadlines)
      for (const copy of [1, 2, 3])
        await queue.add(
          'overdue',
          { deadlineId: deadline.id, kind: 'overdue', dueOn: deadline.dueOn },
          { jobId: `copy-${copy}-${deadline.id}` },
        );
    await Promise.all([startWorker(), startWorker()]);

    for (const deadline of deadlines) {
      const rows = await eventually(async () => {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed');
        const found = await notificationsOf(deadline.id);
        return counts.waiting + counts.active === 0 && found.length ? found : undefined;
      });
      // Overdue ceremony: the cell secretary who must hold it, and the grassroots committee above, once each.
      expect(rows).toEqual([
        { userId: expect.any(String), username: 'bithu', kind: 'overdue' },
        { userId: expect.any(String), username: 'dangu', kind: 'overdue' },
      ]);
      const [{ count }] = await db.query(
        `SELECT count(*)::int AS count FROM deadline_reminders WHERE deadline_id = $1 AND kind = 'overdue'`,
        [deadline.id],
      );
      expect(count).toBe(1);
    }
  });

  it('reminders sent in one batch have the outcomes and the texts they have when sent one by one', async () => {
    // A secretary of the same cell whose account is disabled hears nothing and is not counted.
    const disabled = await t.createUser('bithu.dakhoa', ['cellSecretary'], t.tree.cell);
    await db.query('UPDATE users SET disabled_at = now() WHERE id = $1', [disabled]);
    const dossiers = [];
    for (const name of ['Trịnh Văn Ba', 'Mai Thị Tư'])
      dossiers.push(await driveTo(t, tokens, 'ISSUE_DECISION', calendar.subtractWorkingDays(today, 31), name));
    const [first, second] = await Promise.all(dossiers.map((d) => deadlineOf(d.id, 'ceremony')));
    // A label with characters that templates treat specially is written as it is.
    const label = 'Tổ chức 100% lễ kết nạp %1$s %s %%';
    await db.query('UPDATE deadlines SET label = $2 WHERE id = $1', [first.id, label]);
    const job = { deadlineId: first.id, kind: 'overdue' as const, dueOn: first.dueOn };
    const batch = [
      job,
      { ...job },
      { deadlineId: second.id, kind: 'lead' as const, dueOn: second.dueOn },
      { deadlineId: second.id, kind: 'due' as const, dueOn: '2001-01-01' },
    ];

    expect(await sendReminders(db, batch, t.config.clock)).toEqual([
      { status: 'sent', notifications: 2, deliveries: [] },
      { status: 'duplicate' },
      { status: 'sent', notifications: 1, deliveries: [] },
      { status: 'stale' },
    ]);
    expect((await sendReminders(db, batch, t.config.clock)).map((outcome) => outcome.status)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
      'stale',
    ]);
    const inbox = await db.query(
      `SELECT n.message, u.username FROM notifications n JOIN users u ON u.id = n.user_id
       WHERE n.deadline_id = $1 ORDER BY u.username`,
      [first.id],
    );
    const message = reminderMessage('overdue', label, first.dueOn, 'Trịnh Văn Ba');
    expect(inbox).toEqual([
      { message, username: 'bithu' },
      { message, username: 'dangu' },
    ]);
    const claims = await db.query(
      `SELECT deadline_id AS "deadlineId", kind, recipients FROM deadline_reminders
       WHERE deadline_id = ANY($1::uuid[]) ORDER BY kind`,
      [[first.id, second.id]],
    );
    expect(claims).toEqual([
      { deadlineId: second.id, kind: 'lead', recipients: 1 },
      { deadlineId: first.id, kind: 'overdue', recipients: 2 },
    ]);
  });

  it('an overdue committee decision reminds the specialist and the standing committee; the cell hears nothing', async () => {
    await startWorker();
    // The grassroots vote 70 working days ago: the decision (60 working days) is overdue.
    const dossier = await driveTo(
      t,
      tokens,
      'RECORD_GRASSROOTS_VOTE',
      calendar.subtractWorkingDays(today, 70),
      'Lý Thị Quyết',
    );
    const decision = await deadlineOf(dossier.id, 'admissionDecision');
    const rows = await eventually(async () => {
      const found = await notificationsOf(decision.id);
      return found.length === 4 ? found : undefined;
    });
    expect(rows.map((row: { username: string; kind: string }) => [row.username, row.kind])).toEqual([
      ['chuyenvien', 'overdue'],
      ['uyvien1', 'overdue'],
      ['uyvien2', 'overdue'],
      ['uyvien3', 'overdue'],
    ]);
  });

  it('a webhook receiver that fails twice then succeeds gets the reminder once', async () => {
    const received: { deliveryId: string; signatureValid: boolean; status: number; body: string }[] = [];
    const secret = 'bí-mật-của-đảng-bộ-0123456789';
    const server: Server = createServer((request: IncomingMessage, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const deliveryId = String(request.headers[DELIVERY_HEADER]);
        const status = received.filter((r) => r.deliveryId === deliveryId).length < 2 ? 500 : 200;
        received.push({
          deliveryId,
          signatureValid: request.headers[SIGNATURE_HEADER] === signBody(body, secret),
          status,
          body,
        });
        response.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const admin = await t.token('admin');
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/nhac-viec`;
      const webhook = await t
        .http()
        .post('/api/webhooks')
        .set('Authorization', `Bearer ${admin}`)
        .send({ orgId: t.tree.grassroots, url, secret })
        .expect(201);
      await startWorker();
      const dossier = await driveTo(
        t,
        tokens,
        'ISSUE_DECISION',
        calendar.subtractWorkingDays(today, 30),
        'Trịnh Văn Sơn',
      );
      const ceremony = await deadlineOf(dossier.id, 'ceremony');

      const delivery = await eventually(async () => {
        const log = await t
          .http()
          .get(`/api/webhooks/${webhook.body.id}/deliveries`)
          .set('Authorization', `Bearer ${admin}`);
        return log.body.find(
          (d: { deadlineId: string; status: string }) => d.deadlineId === ceremony.id && d.status === 'delivered',
        );
      }, 30_000);
      expect(delivery).toMatchObject({ kind: 'due', attempts: 3, lastStatusCode: 200 });
      const forThis = received.filter((r) => r.deliveryId === delivery.id);
      expect(forThis.map((r) => r.status)).toEqual([500, 500, 200]);
      expect(forThis.every((r) => r.signatureValid)).toBe(true);
      const [{ label }] = await db.query('SELECT label FROM deadlines WHERE id = $1', [ceremony.id]);
      expect(JSON.parse(forThis[2].body)).toEqual({
        event: 'reminder',
        kind: 'due',
        dossierId: dossier.id,
        deadlineId: ceremony.id,
        dueOn: ceremony.dueOn,
        label,
        message: reminderMessage('due', label, ceremony.dueOn, 'Trịnh Văn Sơn'),
      });

      // A delivery committed with its reminder whose job never reached Redis (away at that moment): the reconciler,
      // here the run at a worker's start, queues it again.
      const [{ id: lostId }] = await db.query(
        `INSERT INTO webhook_deliveries (webhook_id, deadline_id, kind, due_on, body, status, created_at)
         VALUES ($1, $2, 'overdue', $3, '{"event":"reminder"}', 'pending', now() - interval '2 minutes') RETURNING id`,
        [webhook.body.id, ceremony.id, ceremony.dueOn],
      );
      await stopWorkers();
      await startWorker();
      const requeued = await eventually(async () => {
        const [row] = await db.query(`SELECT status, attempts FROM webhook_deliveries WHERE id = $1`, [lostId]);
        return row.status === 'delivered' && row;
      }, 30_000);
      expect(requeued).toEqual({ status: 'delivered', attempts: 3 });
      expect(received.filter((r) => r.deliveryId === lostId).map((r) => r.status)).toEqual([500, 500, 200]);
    } finally {
      server.close();
    }
  }, 60_000);
});

import type { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createWorker } from '@apps/worker/worker.factory';
import { WorkingDayCalendar } from '@libs/calendar';
import {
  MAINTENANCE_QUEUE,
  planReminders,
  wakeUpJobId,
  queueConnection,
  RECONCILE_SCHEDULER,
  REMINDER_QUEUE,
} from '@libs/reminders';
import { drivePath, LoadTally } from './support/load';
import { OwnRedis } from './support/own-redis';
import { pathActors, type ActorTokens } from './support/path-driver';
import { startTestApp, type TestApp } from './support/test-app';
import { TEST_TODAY } from './support/test-clock';
import { eventually } from './support/waiting';

/**
 * Fault cases (c) and (d) of RELIABILITY.md, on loopback only: a steady load of transitions while Redis stops or
 * is flushed, and while PostgreSQL drops the service's connections. The bounds (10 s down, a minute to recover)
 * are the cases' own; each case prints its figures.
 */
const CLIENTS = 4;
const calendar = new WorkingDayCalendar();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('faults under a steady load of transitions', () => {
  let redis: OwnRedis;
  let t: TestApp;
  let tokens: ActorTokens;
  let db: DataSource;
  let worker: INestApplicationContext;
  let reminders: Queue;
  let maintenance: Queue;
  let paths = 0;

  /** `CLIENTS` clients recording backdated paths (their deadlines overdue at once) until `during()` says stop. */
  async function steadyLoad(tally: LoadTally, during: () => Promise<void>) {
    let running = true;
    const client = async () => {
      while (running) {
        paths += 1;
        await drivePath(t, tokens, tally, {
          lastType: paths % 2 ? 'ISSUE_DECISION' : 'RECORD_GRASSROOTS_VOTE',
          lastOn: calendar.subtractWorkingDays(TEST_TODAY, 20 + (paths % 50)),
          fullName: `Khách Hàng ${paths}`,
          until: Date.now() + 30_000,
        });
      }
    };
    const clients = Array.from({ length: CLIENTS }, client);
    try {
      await during();
    } finally {
      running = false;
      await Promise.all(clients);
    }
  }

  /** What the last check found missing, printed when a case fails. */
  let lastMissing = '';

  /** The reminders of open deadlines: each sent (once: a primary key), or to be sent by a job in Redis. */
  async function reminderPlans(settledOnly: boolean) {
    // Under load, a deadline is committed a moment before its jobs reach Redis (after the commit, by design): the
    // check during the load leaves out deadlines changed in the last 10 s, the check after it leaves out none.
    const open: { id: string; dueOn: string; leadWorkingDays: number }[] = await db.query(
      `SELECT id, due_on AS "dueOn", lead_working_days AS "leadWorkingDays" FROM deadlines
       WHERE status = 'open' AND (NOT $1 OR updated_at < now() - interval '10 seconds')`,
      [settledOnly],
    );
    const claimed: { key: string }[] = await db.query(
      `SELECT deadline_id || '/' || kind || '/' || due_on AS key FROM deadline_reminders`,
    );
    const sent = new Set(claimed.map((row) => row.key));
    const unsent = open.flatMap((deadline) =>
      planReminders(deadline, calendar, TEST_TODAY).filter(
        (plan) => !sent.has(`${deadline.id}/${plan.kind}/${deadline.dueOn}`),
      ),
    );
    return { sent: sent.size, unsent };
  }

  /**
   * Every reminder not sent yet has a job in Redis that will run (not one that finished without sending: its own
   * when its time has come, its day's wake-up call otherwise), and the reconciler's schedule is back. Under load new
   * reminders keep coming due, so "sent" is checked once it stops.
   */
  async function everyReminderScheduled(settledOnly = true): Promise<{ sent: number; waiting: number } | undefined> {
    const { sent, unsent } = await reminderPlans(settledOnly);
    const now = t.config.clock.now();
    for (const plan of unsent) {
      const jobId = wakeUpJobId(plan, now);
      const state = await reminders.getJobState(jobId);
      if (!['waiting', 'delayed', 'active', 'prioritized'].includes(state)) {
        lastMissing = `${jobId}: ${state}`;
        return undefined;
      }
    }
    if (!(await maintenance.getJobScheduler(RECONCILE_SCHEDULER))) {
      lastMissing = 'the reconciler schedule';
      return undefined;
    }
    return { sent, waiting: unsent.filter((plan) => plan.fireOn > TEST_TODAY).length };
  }

  /** Once the load stopped: every reminder due by today was sent, the later ones still scheduled. */
  async function everyDueReminderSent() {
    const scheduled = await everyReminderScheduled(false);
    const { unsent } = await reminderPlans(false);
    return scheduled && unsent.every((plan) => plan.fireOn > TEST_TODAY) ? scheduled : undefined;
  }

  const health = () => t.http().get('/health');

  beforeAll(async () => {
    redis = await OwnRedis.start();
    t = await startTestApp('faults', { redisUrl: redis.url });
    tokens = await pathActors(t);
    db = t.app.get(DataSource);
    worker = await createWorker(t.config);
    const connection = queueConnection(redis.url);
    reminders = new Queue(REMINDER_QUEUE, { connection, prefix: t.config.queuePrefix });
    maintenance = new Queue(MAINTENANCE_QUEUE, { connection, prefix: t.config.queuePrefix });
    // While Redis is away its clients report every failed reconnection; the suite looks at outcomes instead.
    for (const queue of [reminders, maintenance]) queue.on('error', () => undefined);
  });
  afterAll(async () => {
    await worker.close();
    await reminders.close();
    await maintenance.close();
    await t.close();
    await redis.stop();
  });

  it.each([
    ['stopped for 10 s', 'stop'],
    ['flushed', 'flush'],
  ])(
    '(c) Redis %s: transitions are recorded, /health names Redis, every reminder is scheduled once within a minute',
    async (_, fault) => {
      const tally = new LoadTally();
      const healthWhileDown: { status: number; redis: string }[] = [];
      let recoveredInS = 0;
      await steadyLoad(tally, async () => {
        await pause(3_000);
        if (fault === 'stop') {
          await redis.stop();
          const back = Date.now() + 10_000;
          while (Date.now() < back) {
            const { status, body } = await health();
            healthWhileDown.push({ status, redis: body.redis });
            await pause(1_000);
          }
          await redis.restart();
        } else {
          await redis.flush();
        }
        const returned = Date.now();
        await eventually(() => everyReminderScheduled(), 60_000).catch((error: Error) => {
          throw new Error(`${error.message}: ${lastMissing}`);
        });
        recoveredInS = Math.round((Date.now() - returned) / 1000);
      });
      const { lost, duplicated } = await tally.audit(db);
      const scheduled = await eventually(everyDueReminderSent, 60_000).catch((error: Error) => {
        throw new Error(`${error.message}: ${lastMissing}`);
      });
      const [{ copies }] = await db.query(
        `SELECT count(*)::int AS copies FROM (SELECT 1 FROM notifications GROUP BY deadline_id, kind, due_on, user_id
         HAVING count(*) > 1) c`,
      );
      console.log(
        `Fault (c), Redis ${fault}:`,
        JSON.stringify(tally.figures({ lost, duplicated, ...scheduled, copies, recoveredInS })),
      );

      expect(tally.serverErrors).toEqual([]);
      // Recording an event does not need Redis: every request was acknowledged.
      expect(tally.acknowledged).toBe(tally.requests);
      expect(lost).toBe(0);
      expect(duplicated).toBe(0);
      expect(copies).toBe(0);
      if (fault === 'stop') {
        expect(healthWhileDown.length).toBeGreaterThan(0);
        expect(healthWhileDown.every((h) => h.status === 503 && h.redis === 'down')).toBe(true);
      }
      expect((await health()).status).toBe(200);
    },
    150_000,
  );

  it('(d) PostgreSQL drops the service connections: 503 DATABASE_UNAVAILABLE, never 500, and the pool recovers', async () => {
    const tally = new LoadTally();
    const name = new URL(t.config.databaseUrl).pathname.slice(1);
    const admin = new Client({ connectionString: t.config.databaseUrl.replace(`/${name}`, '/postgres') });
    await admin.connect();
    let terminated = 0;
    try {
      await steadyLoad(tally, async () => {
        for (let round = 0; round < 5; round++) {
          await pause(1_500);
          // Only this suite's database: the backends of the API's and the worker's pools.
          const { rowCount } = await admin.query(
            'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
            [name],
          );
          terminated += rowCount ?? 0;
        }
        await pause(2_000);
      });
    } finally {
      await admin.end();
    }
    const { lost, duplicated } = await tally.audit(db);
    console.log('Fault (d), connections terminated:', JSON.stringify(tally.figures({ terminated, lost, duplicated })));

    expect(terminated).toBeGreaterThan(0);
    expect(tally.serverErrors).toEqual([]);
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
    // The same pools answer again, without a restart.
    expect((await health()).status).toBe(200);
    const after = new LoadTally();
    await drivePath(t, tokens, after, { lastType: 'SUBMIT_APPLICATION', lastOn: TEST_TODAY, fullName: 'Sau Sự Cố' });
    expect(after.acknowledged).toBe(after.requests);
  }, 150_000);
});

/**
 * Reminder scheduling and firing on the real Redis and PostgreSQL, each figure beside a bare-BullMQ baseline.
 *
 *   npx tsx bench/reminders/run.ts [--quick]        (npm run bench:reminders [-- --quick])
 *
 * BENCH_DEADLINES (100000 open deadlines), BENCH_PAGE (5000 deadlines per schedule() call, as the reconciler pages),
 * BENCH_BURST (10000 reminders due at once), BENCH_FIRE_LEAD_MS (3000: the burst's fire time, after the jobs are in),
 * BENCH_ARRIVALS (5000 reminders coming due one after the other), BENCH_ARRIVAL_RATE (500 per second),
 * BENCH_ROUNDS (4: scheduling and its baseline take turns),
 * BENCH_CPU_PROFILE (a .cpuprofile path: profiles the worker's thread while it sends the burst),
 * BENCH_DATABASE_SERVER (postgres://postgres@127.0.0.1:5432), REDIS_URL (redis://127.0.0.1:6379).
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Queue, Worker, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { PinnedClock } from '@libs/clock';
import { OfficeCalendar } from '@libs/calendar';
import { loadConfig, type AppConfig } from '@libs/config';
import { loadCalendarOverrides, openDatabase } from '@libs/persistence';
import {
  JOB_RETENTION,
  MAINTENANCE_QUEUE,
  queueConnection,
  REMINDER_CONCURRENCY,
  REMINDER_QUEUE,
  reminderDayJobId,
  ReminderScheduler,
  wakeUpJobs,
  type DeadlineToRemind,
  type ReminderJob,
  type ReminderKind,
  type ReminderQueueJob,
  type WakeUpJob,
} from '@libs/reminders';
import { DEADLINE_KINDS } from '@workflows/admission/deadlines';
import { todayInVietnam } from '@workflows/common/local-date';
import { addCpuSpent, cpuBetween, noCpuSpent, sampleCpu, type CpuSpent } from '../support/cpu';
import { dropDatabase, dropKeys, envInt, REDIS_URL, throwAwayDatabaseUrl, uniquePrefix } from '../support/database';
import { ms, summarise } from '../support/stats';
import { TsThread, type ThreadLoad } from '../support/thread';

/** `--quick`: a tenth of the deadlines, a fifth of the burst, 3 s of arrivals (under a minute). */
const QUICK = process.argv.includes('--quick');
const DEADLINES = envInt('BENCH_DEADLINES', QUICK ? 10_000 : 100_000);
const PAGE = envInt('BENCH_PAGE', 5_000);
const BURST = Math.min(envInt('BENCH_BURST', QUICK ? 2_000 : 10_000), DEADLINES);
/** Reminders coming due one after the other at ARRIVAL_RATE per second (at most the burst's deadlines). */
const ARRIVAL_RATE = envInt('BENCH_ARRIVAL_RATE', 500);
const ARRIVALS = Math.min(envInt('BENCH_ARRIVALS', QUICK ? 1_500 : 5_000), BURST);
const FIRE_LEAD_MS = envInt('BENCH_FIRE_LEAD_MS', 3_000);
/** The application's scheduling and the baseline take turns, each round a share of the pages. */
const ROUNDS = envInt('BENCH_ROUNDS', 4);
const PROFILE = process.env.BENCH_CPU_PROFILE;
/** The kinds the deadlines are spread over: one of each per dossier, for cell, grassroots and committee audiences. */
const KINDS = ['ceremony', 'verificationAnswer', 'admissionDecision', 'memberHistory'].map((kind) =>
  DEADLINE_KINDS.find((candidate) => candidate.kind === kind)!,
);

const connection = queueConnection(REDIS_URL);
const grouped = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 0 });

/** A committee, a grassroots committee and a cell, with someone to notify at each level, and the open deadlines. */
async function insertFixture(db: DataSource): Promise<void> {
  const committee = randomUUID();
  const grassroots = randomUUID();
  const cell = randomUUID();
  const cellPath = `/${committee}/${grassroots}/${cell}/`;
  await db.query(
    `INSERT INTO organizations (id, name, kind, parent_id, path, committee_size) VALUES
       ($1, 'Thành ủy (benchmark)', 'committee', NULL, $4, 5),
       ($2, 'Đảng bộ Sở (benchmark)', 'grassroots', $1, $5, 9),
       ($3, 'Chi bộ Văn phòng (benchmark)', 'cell', $2, $6, NULL)`,
    [committee, grassroots, cell, `/${committee}/`, `/${committee}/${grassroots}/`, cellPath],
  );
  await db.query(
    `INSERT INTO users (username, password_hash, roles, scope_org_id) VALUES
       ('bithu', 'x', '{cellSecretary}', $1), ('dangu', 'x', '{grassrootsOfficer}', $2),
       ('chuyenvien', 'x', '{specialist}', $3), ('uyvien1', 'x', '{committeeMember}', $3)`,
    [cell, grassroots, committee],
  );
  await db.query(
    `INSERT INTO dossiers (workflow_name, workflow_version, cell_id, org_path, state, state_value, snapshot, version,
       candidate, full_name)
     SELECT 'admission', 1, $1, $2, 'probation', '"probation"', '{}', 1, '{}', 'Nguyễn Thị Hoa ' || g
     FROM generate_series(1, $3) g`,
    [cell, cellPath, Math.ceil(DEADLINES / KINDS.length)],
  );
  // Due dates spread over the year ahead, so that every deadline gets its lead, due and overdue reminders.
  const today = todayInVietnam();
  await db.query(
    `INSERT INTO deadlines (dossier_id, kind, label, audience, anchor_on, due_on, lead_working_days, is_step, status)
     SELECT d.id, k.kind, k.label, k.audience, $1::date, $1::date + 30 + ((d.n * $2 + k.i) % 365)::int, 5, true, 'open'
     FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM dossiers) d
     CROSS JOIN unnest($3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS k(kind, label, audience, i)
     ORDER BY d.n, k.i LIMIT $6`,
    [
      today,
      KINDS.length,
      KINDS.map((kind) => kind.kind),
      KINDS.map((kind) => kind.label),
      KINDS.map((kind) => kind.audience),
      DEADLINES,
    ],
  );
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)![1]);
}

/** Bytes Redis holds for the keys under `prefix:`, by MEMORY USAGE (exact: SAMPLES 0), whatever else Redis holds. */
async function keyMemory(redis: Redis, prefix: string): Promise<{ keys: number; bytes: number }> {
  let cursor = '0';
  let keys = 0;
  let bytes = 0;
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 2000);
    cursor = next;
    if (batch.length === 0) continue;
    const pipeline = redis.pipeline();
    for (const key of batch) pipeline.call('MEMORY', 'USAGE', key, 'SAMPLES', '0');
    for (const [error, size] of (await pipeline.exec()) ?? []) if (!error) bytes += Number(size ?? 0);
    keys += batch.length;
  } while (cursor !== '0');
  return { keys, bytes };
}

/** One way of scheduling (the application's or the baseline), summed over the rounds, and weighed in Redis. */
class Scheduling {
  jobs = 0;
  seconds = 0;
  /** Growth of INFO used_memory over this side's own steps. */
  memoryDelta = 0;
  /** MEMORY USAGE of its keys at the end, and how many there are. */
  keyBytes = 0;
  keys = 0;
  readonly cpu: CpuSpent = noCpuSpent();
  readonly queue: Queue<ReminderQueueJob>;

  constructor(readonly prefix: string) {
    this.queue = new Queue<ReminderQueueJob>(REMINDER_QUEUE, { connection, prefix });
  }

  async step(redis: Redis, add: () => Promise<number>): Promise<void> {
    const before = await usedMemory(redis);
    const cpu = sampleCpu();
    const started = performance.now();
    this.jobs += await add();
    this.seconds += (performance.now() - started) / 1000;
    const spent = cpuBetween(cpu, sampleCpu());
    this.memoryDelta += (await usedMemory(redis)) - before;
    addCpuSpent(this.cpu, spent);
  }

  async weigh(redis: Redis): Promise<void> {
    ({ keys: this.keys, bytes: this.keyBytes } = await keyMemory(redis, this.prefix));
  }

  async close(): Promise<void> {
    await this.queue.close();
    await dropKeys(REDIS_URL, this.prefix);
  }
}

interface Firing {
  /** Reminders sent (jobs run, for the bare worker), and for the real worker the inbox rows they wrote. */
  count: number;
  inboxRows?: number;
  lateness: number[];
  seconds: number;
  cpu: CpuSpent;
  worker?: ThreadLoad;
}

/**
 * Reminders to fire, one per deadline, each at its own time: a burst (all at one instant: the real worker is woken
 * once, by the day's wake-up call, as in production where every reminder of a day fires at 07:00; the bare worker
 * runs a job for each) or arrivals at a steady rate (a job each on both sides, as reminders whose time has come when
 * they are planned). Each wave has a kind of its own, so that its claims and inbox rows are told apart.
 */
interface Wave {
  kind: ReminderKind;
  deadlines: DeadlineToRemind[];
  /** Milliseconds after the wave's start at which reminder `i` is due. */
  offset: (i: number) => number;
}

const burstWave = (deadlines: DeadlineToRemind[]): Wave => ({ kind: 'due', deadlines, offset: () => 0 });
const arrivalWave = (deadlines: DeadlineToRemind[]): Wave => ({
  kind: 'lead',
  deadlines,
  offset: (i) => (i * 1000) / ARRIVAL_RATE,
});

/** The wave's jobs, to fire from `start` (FIRE_LEAD_MS after queueing), under ids of their own. */
function waveJobs(
  wave: Wave,
  start: number,
): { jobs: { name: string; data: ReminderJob; opts: JobsOptions }[]; fireAt: Map<string, number> } {
  const now = Date.now();
  const fireAt = new Map(wave.deadlines.map((deadline, i) => [deadline.id, start + wave.offset(i)]));
  const jobs = wave.deadlines.map((deadline) => ({
    name: wave.kind,
    data: { deadlineId: deadline.id, kind: wave.kind, dueOn: deadline.dueOn },
    opts: {
      jobId: `${wave.kind}-${deadline.id}`,
      delay: Math.max(0, fireAt.get(deadline.id)! - now),
      ...JOB_RETENTION,
    },
  }));
  return { jobs, fireAt };
}

async function waitFor(probe: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/**
 * The real worker (createWorker, in a thread of its own) sends the waves one after the other; lateness is read from
 * the inbox rows: their created_at is the instant the transaction that wrote them read the clock, before its
 * statement ran (the rows are visible at its commit, a batch's statement later).
 */
async function fireWithWorker(db: DataSource, config: AppConfig, waves: Wave[]): Promise<Firing[]> {
  const thread = new TsThread(resolve(__dirname, 'worker-thread.ts'));
  const reminders = new Queue<ReminderQueueJob>(REMINDER_QUEUE, { connection, prefix: config.queuePrefix });
  const maintenance = new Queue(MAINTENANCE_QUEUE, { connection, prefix: config.queuePrefix });
  let started = false;
  try {
    await thread.call('start', config);
    started = true;
    // The worker reconciles at start (the open deadlines' own jobs, far ahead): the waves come after that run.
    await waitFor(
      async () => {
        const counts = await maintenance.getJobCounts('wait', 'active', 'prioritized');
        return counts.wait + counts.active + counts.prioritized === 0;
      },
      'the reconciler run at start',
      120_000,
    );
    const backends = async () =>
      (await db.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)).map(
        (row: { pid: number }) => row.pid,
      ) as number[];
    const firings: Firing[] = [];
    for (const wave of waves) {
      const pids = await backends();
      await thread.call('markLoop');
      const cpu = sampleCpu({ postgres: pids });
      const start = Date.now() + FIRE_LEAD_MS;
      const { jobs, fireAt } = waveJobs(wave, start);
      const profiled = PROFILE && wave === waves[0];
      if (profiled) await thread.call('startProfile');
      if (wave.kind === 'due') {
        // The day's wake-up call, which the reconciler planned, as it stands FIRE_LEAD_MS before the day.
        const day = await reminders.getJob(reminderDayJobId(wave.deadlines[0].dueOn));
        if (!day) throw new Error(`no wake-up call for ${wave.deadlines[0].dueOn}`);
        await day.changeDelay(start - Date.now());
      } else await reminders.addBulk(jobs);
      const sent = async () =>
        (await db.query(`SELECT count(*)::int AS n FROM deadline_reminders WHERE kind = $1`, [wave.kind]))[0]
          .n as number;
      await waitFor(async () => (await sent()) >= jobs.length, `the ${wave.kind} wave to be sent`, 300_000);
      const seconds = (Date.now() - start) / 1000;
      if (profiled) {
        await thread.call('stopProfile', resolve(PROFILE));
        console.log(`CPU profile of the worker's thread during the burst: ${resolve(PROFILE)}`);
      }
      const spent = cpuBetween(cpu, sampleCpu({ postgres: [...new Set([...pids, ...(await backends())])] }));
      const worker = await thread.call<ThreadLoad>('loopSinceMark');
      // A reminder's inbox rows (one per recipient) are written by one transaction and share its created_at.
      const rows: { deadlineId: string; at: number; rows: number }[] = await db.query(
        `SELECT deadline_id AS "deadlineId", extract(epoch FROM min(created_at)) * 1000 AS at, count(*)::int AS rows
         FROM notifications WHERE kind = $1 GROUP BY deadline_id`,
        [wave.kind],
      );
      firings.push({
        count: rows.length,
        inboxRows: rows.reduce((sum, row) => sum + row.rows, 0),
        lateness: rows.map((row) => Number(row.at) - fireAt.get(row.deadlineId)!),
        seconds,
        cpu: spent,
        worker,
      });
    }
    return firings;
  } finally {
    if (started) await thread.call('close').catch(() => undefined);
    await thread.stop();
    await reminders.close();
    await maintenance.close();
  }
}

/** The baseline: a BullMQ worker of the same concurrency that only notes when each job ran. */
async function fireWithBareWorker(prefix: string, waves: Wave[]): Promise<Firing[]> {
  const queue = new Queue<ReminderJob>(REMINDER_QUEUE, { connection, prefix });
  let ran: { deadlineId: string; at: number }[] = [];
  const worker = new Worker<ReminderJob>(
    REMINDER_QUEUE,
    async (job) => {
      ran.push({ deadlineId: job.data.deadlineId, at: Date.now() });
    },
    { connection, prefix, concurrency: REMINDER_CONCURRENCY },
  );
  try {
    await worker.waitUntilReady();
    const firings: Firing[] = [];
    for (const wave of waves) {
      ran = [];
      const cpu = sampleCpu();
      const start = Date.now() + FIRE_LEAD_MS;
      const { jobs, fireAt } = waveJobs(wave, start);
      await queue.addBulk(jobs);
      await waitFor(async () => ran.length >= jobs.length, `the bare worker's ${wave.kind} wave`, 300_000);
      const seconds = (Date.now() - start) / 1000;
      firings.push({
        count: ran.length,
        lateness: ran.map((job) => job.at - fireAt.get(job.deadlineId)!),
        seconds,
        cpu: cpuBetween(cpu, sampleCpu()),
      });
    }
    return firings;
  } finally {
    await worker.close();
    await queue.close();
  }
}

function report(scheduler: Scheduling, raw: Scheduling, waves: [Firing, Firing][], pages: number): void {
  const [[real, bare], [arrived, arrivedBare]] = waves;
  const row = (label: string, a: string, b: string, note = '') =>
    `  ${label.padEnd(40)} ${a.padStart(16)} ${b.padStart(18)}${note ? `   ${note}` : ''}`;
  const rate = (s: Scheduling) => s.jobs / s.seconds;
  const perJob = (bytes: number, s: Scheduling) => `${grouped(bytes / s.jobs)} B`;
  const cpuPer = (seconds: number | undefined, jobs: number) =>
    seconds === undefined ? '—' : `${((seconds * 1e6) / jobs).toFixed(0)} µs`;
  console.log('');
  console.log(
    `Scheduling: ${grouped(scheduler.jobs)} jobs (days' wake-up calls, reminders due at once) for ` +
      `${grouped(DEADLINES)} open deadlines, ` +
      `${pages} schedule() calls of ${grouped(PAGE)} deadlines`,
  );
  console.log(row('', 'ReminderScheduler', 'raw addBulk'));
  console.log(
    row('jobs/s', grouped(rate(scheduler)), grouped(rate(raw)), `ratio ${(rate(scheduler) / rate(raw)).toFixed(2)}`),
  );
  console.log(row('time', `${scheduler.seconds.toFixed(1)} s`, `${raw.seconds.toFixed(1)} s`));
  console.log(
    row('Redis memory per pending job (INFO)', perJob(scheduler.memoryDelta, scheduler), perJob(raw.memoryDelta, raw)),
  );
  console.log(
    row(
      'Redis memory per pending job (MEMORY USAGE)',
      perJob(scheduler.keyBytes, scheduler),
      perJob(raw.keyBytes, raw),
      `${grouped(scheduler.keys)} / ${grouped(raw.keys)} keys`,
    ),
  );
  console.log(
    row(
      'CPU per job: benchmark process',
      cpuPer(scheduler.cpu.byCommand.benchmark, scheduler.jobs),
      cpuPer(raw.cpu.byCommand.benchmark, raw.jobs),
    ),
  );
  console.log(
    row(
      'CPU per job: redis',
      cpuPer(scheduler.cpu.byCommand.redis, scheduler.jobs),
      cpuPer(raw.cpu.byCommand.redis, raw.jobs),
    ),
  );
  console.log(
    row(
      'other processes meanwhile',
      `${(scheduler.cpu.others / scheduler.cpu.seconds).toFixed(2)} cores`,
      `${(raw.cpu.others / raw.cpu.seconds).toFixed(2)} cores`,
    ),
  );

  const late = (firing: Firing) => summarise(firing.lateness);
  const [a, b] = [late(real), late(bare)];
  console.log('');
  console.log(
    `Firing: a burst of ${grouped(BURST)} reminders due at the same moment, ${FIRE_LEAD_MS} ms after queueing ` +
      `(real: the day's wake-up call; bare: a job each)`,
  );
  console.log(row('', 'real worker', 'bare BullMQ worker'));
  console.log(row('lateness p50 (inbox row created_at − due)', ms(a.p50), ms(b.p50)));
  console.log(row('lateness p99', ms(a.p99), ms(b.p99)));
  console.log(row('drain time (last − due time)', ms(a.max), ms(b.max)));
  console.log(
    row(
      'reminders/s while draining',
      grouped(real.count ? BURST / (a.max / 1000) : 0),
      grouped(bare.count ? BURST / (b.max / 1000) : 0),
    ),
  );
  console.log(
    row(
      'reminders sent / jobs run',
      grouped(real.count),
      grouped(bare.count),
      `${grouped(real.inboxRows ?? 0)} inbox rows`,
    ),
  );
  console.log(
    row(
      'CPU per reminder: worker thread',
      real.worker ? cpuPer(real.worker.cpu, BURST) : '—',
      cpuPer(bare.cpu.thread, BURST),
      'the bare worker runs on the benchmark thread',
    ),
  );
  console.log(row('CPU per reminder: postgres', cpuPer(real.cpu.byCommand.postgres, BURST), '—'));
  console.log(
    row('CPU per reminder: redis', cpuPer(real.cpu.byCommand.redis, BURST), cpuPer(bare.cpu.byCommand.redis, BURST)),
  );
  console.log(
    row(
      'other processes meanwhile',
      `${(real.cpu.others / real.cpu.seconds).toFixed(2)} cores`,
      `${(bare.cpu.others / bare.cpu.seconds).toFixed(2)} cores`,
    ),
  );
  if (real.worker)
    console.log(
      `  worker event loop busy ${(real.worker.utilization * 100).toFixed(0)}% while draining; the worker thread ` +
        `waited for a core ${cpuPer(real.worker.waiting, BURST)} per reminder`,
    );
  console.log(`  drain time, real / bare: ${(a.max / b.max).toFixed(2)}×   (target ≤ 2×)`);

  const [c, d] = [late(arrived), late(arrivedBare)];
  console.log('');
  console.log(
    `Arrivals: ${grouped(ARRIVALS)} reminders coming due at ${ARRIVAL_RATE}/s, one every ${ms(1000 / ARRIVAL_RATE)}`,
  );
  console.log(row('', 'real worker', 'bare BullMQ worker'));
  console.log(row('lateness p50', ms(c.p50), ms(d.p50)));
  console.log(row('lateness p99', ms(c.p99), ms(d.p99), '(target: real < 150 ms)'));
  console.log(row('lateness max', ms(c.max), ms(d.max)));
  console.log(row('reminders sent / jobs run', grouped(arrived.count), grouped(arrivedBare.count)));
  console.log(
    row(
      'CPU per reminder: worker thread',
      arrived.worker ? cpuPer(arrived.worker.cpu, ARRIVALS) : '—',
      cpuPer(arrivedBare.cpu.thread, ARRIVALS),
    ),
  );
  console.log(row('CPU per reminder: postgres', cpuPer(arrived.cpu.byCommand.postgres, ARRIVALS), '—'));
  console.log(
    row(
      'other processes meanwhile',
      `${(arrived.cpu.others / arrived.cpu.seconds).toFixed(2)} cores`,
      `${(arrivedBare.cpu.others / arrivedBare.cpu.seconds).toFixed(2)} cores`,
    ),
  );
}

async function main(): Promise<void> {
  const databaseUrl = throwAwayDatabaseUrl('reminders');
  const base = uniquePrefix('reminders');
  const prefixes = {
    warmup: `${base}-warmup`,
    scheduler: `${base}-scheduler`,
    raw: `${base}-addbulk`,
    worker: `${base}-worker`,
    bare: `${base}-bare`,
  };
  const config: AppConfig = { ...loadConfig({}), databaseUrl, redisUrl: REDIS_URL, queuePrefix: prefixes.worker };
  console.log(
    `reminders benchmark${QUICK ? ' (quick)' : ''}: ${grouped(DEADLINES)} deadlines, pages of ${grouped(PAGE)}, ` +
      `burst of ${grouped(BURST)}, ${grouped(ARRIVALS)} arrivals at ${ARRIVAL_RATE}/s, load average ` +
      `${loadavg()
        .map((value) => value.toFixed(2))
        .join(', ')}, ` +
      `database ${new URL(databaseUrl).pathname.slice(1)}, prefix ${base}`,
  );

  const redis = new Redis(REDIS_URL);
  let db: DataSource | undefined;
  const cleanUp = async () => {
    for (const prefix of Object.values(prefixes)) await dropKeys(REDIS_URL, prefix).catch(() => undefined);
    redis.disconnect();
    if (db?.isInitialized) await db.destroy();
    await dropDatabase(databaseUrl);
  };
  process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));

  try {
    const dataSource = await openDatabase(databaseUrl, 10);
    db = dataSource;
    const setupStarted = performance.now();
    await insertFixture(db);
    console.log(
      `setup: ${grouped(DEADLINES)} open deadlines in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`,
    );

    const deadlines: DeadlineToRemind[] = await db.query(
      `SELECT id, due_on AS "dueOn", lead_working_days AS "leadWorkingDays" FROM deadlines WHERE status = 'open'
       ORDER BY id`,
    );
    const pages = Array.from({ length: Math.ceil(deadlines.length / PAGE) }, (_, i) =>
      deadlines.slice(i * PAGE, (i + 1) * PAGE),
    );
    const calendar = await new OfficeCalendar(() => loadCalendarOverrides(dataSource)).reload();
    const now = new Date();
    const today = todayInVietnam(now);
    // The application's scheduler starts from the instant the baseline plans from.
    const clock = new PinnedClock(now);
    /** What ReminderScheduler.schedule adds for a page, computed beforehand. */
    const plan = (page: DeadlineToRemind[]): WakeUpJob[] => wakeUpJobs(page, calendar.calendar, today, now);

    // Both paths once on a page, into a prefix of their own, so that neither pays the JIT warm-up for the other.
    const warmup = new Scheduling(prefixes.warmup);
    await new ReminderScheduler(warmup.queue, () => calendar.calendar, clock).schedule(pages[0]);
    await warmup.queue.addBulk(plan(pages[pages.length - 1]));
    await warmup.close();

    // The application's path (plan each deadline's reminders on the office calendar, then addBulk them) and the
    // baseline (the very same jobs: ids, data, delays, retention, planned beforehand, straight into addBulk) take
    // turns, a share of the pages each, so that both meet the same background load.
    const scheduler = new Scheduling(prefixes.scheduler);
    const raw = new Scheduling(prefixes.raw);
    const reminders = new ReminderScheduler(scheduler.queue, () => calendar.calendar, clock);
    const planned = pages.map(plan);
    try {
      await scheduler.queue.waitUntilReady();
      await raw.queue.waitUntilReady();
      for (let round = 0; round < ROUNDS; round++) {
        const from = Math.floor((pages.length * round) / ROUNDS);
        const to = Math.floor((pages.length * (round + 1)) / ROUNDS);
        await scheduler.step(redis, async () => {
          let jobs = 0;
          for (const page of pages.slice(from, to)) jobs += await reminders.schedule(page);
          return jobs;
        });
        await raw.step(redis, async () => {
          let jobs = 0;
          for (const page of planned.slice(from, to)) {
            await raw.queue.addBulk(page);
            jobs += page.length;
          }
          return jobs;
        });
      }
      await scheduler.weigh(redis);
      await raw.weigh(redis);
    } finally {
      await scheduler.close();
      await raw.close();
    }

    // The burst: only its deadlines stay open, all due on a day of their own well ahead, so that the worker's
    // reconciler at start plans that day's wake-up call (and little else to do); the benchmark then moves the day up.
    const burstDay = calendar.calendar.addWorkingDays(today, 300);
    const burst = deadlines.slice(0, BURST).map((deadline) => ({ ...deadline, dueOn: burstDay }));
    const burstIds = burst.map((deadline) => deadline.id);
    await db.query(
      `UPDATE deadlines SET status = 'done', closed_on = $2 WHERE status = 'open' AND NOT (id = ANY($1::uuid[]))`,
      [burstIds, today],
    );
    await db.query(`UPDATE deadlines SET due_on = $2 WHERE id = ANY($1::uuid[])`, [burstIds, burstDay]);
    const waves = [burstWave(burst), arrivalWave(burst.slice(0, ARRIVALS))];
    const real = await fireWithWorker(db, config, waves);
    const bare = await fireWithBareWorker(prefixes.bare, waves);
    report(
      scheduler,
      raw,
      real.map((firing, i) => [firing, bare[i]]),
      pages.length,
    );
    console.log(
      `load average at the end (1, 5, 15 min): ${loadavg()
        .map((value) => value.toFixed(2))
        .join(', ')}`,
    );
  } finally {
    await cleanUp();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

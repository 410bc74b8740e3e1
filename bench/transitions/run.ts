/**
 * Transitions per second through the HTTP API, against the floor of the same SQL done with raw `pg`.
 *
 *   npx tsx bench/transitions/run.ts [--quick]        (npm run bench:transitions [-- --quick])
 *
 * BENCH_DOSSIERS (200), BENCH_CLIENTS (8), BENCH_WARMUP (16 dossiers), BENCH_ROUNDS (4: the API and the floor
 * take turns, a quarter of the dossiers each time), BENCH_PATH_START (2024-06-03),
 * BENCH_CPU_PROFILE (a .cpuprofile path: profiles the API thread during the measured phase),
 * BENCH_KEEP_DATABASE (1: leave the database for inspection instead of dropping it),
 * BENCH_API_THREADS or API_PROCESSES (1: instances of the API, each in a thread of its own, as the launcher's
 * API_PROCESSES would run processes; clients spread over them),
 * BENCH_SQL_PROFILE (1: PostgreSQL's CPU per kind of statement, API and floor),
 * BENCH_LATENCY_BY_STEP (1: the API's latency by kind of request, slowest p99 first: where the tail comes from),
 * BENCH_API_OWN_CORE (1: during the API's rounds each API thread has a core of its own, and the load generator and
 * the database's backends share the others; the floor's rounds keep the whole machine. Linux, with taskset),
 * BENCH_DATABASE_SERVER (postgres://postgres@127.0.0.1:5432), REDIS_URL (redis://127.0.0.1:6379).
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { Agent, request } from 'node:http';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Pool } from 'pg';
import { admissionPath, DEMO_CANDIDATE, demoNationalId, type StepActor } from '@apps/api/seed/admission-path';
import { loadConfig, type AppConfig } from '@libs/config';
import { DEADLINE_COLUMNS, DOSSIER_COLUMNS } from '@libs/engine';
import { addDays } from '@workflows/common/local-date';
import { coresOfTheirOwn } from '../support/affinity';
import { addCpuSpent, cpuBetween, noCpuSpent, sampleCpu, type CpuSpent } from '../support/cpu';
import { dropDatabase, dropKeys, envInt, REDIS_URL, throwAwayDatabaseUrl, uniquePrefix } from '../support/database';
import { ms, runClients, summarise } from '../support/stats';
import { SqlProfile, sqlProfileTable, type StatementCost } from '../support/sql-profile';
import { TsThread, type ThreadLoad } from '../support/thread';

/** `--quick`: 40 dossiers after a warm-up of 8, 2 rounds (under a minute). */
const QUICK = process.argv.includes('--quick');
const DOSSIERS = envInt('BENCH_DOSSIERS', QUICK ? 40 : 200);
const CLIENTS = envInt('BENCH_CLIENTS', 8);
const WARMUP = envInt('BENCH_WARMUP', QUICK ? 8 : 16, 0);
/** The API and the floor run in turns, each round a share of the dossiers. */
const ROUNDS = envInt('BENCH_ROUNDS', QUICK ? 2 : 4);
const PATH_START = process.env.BENCH_PATH_START ?? '2024-06-03';
const PROFILE = process.env.BENCH_CPU_PROFILE;
const KEEP_DATABASE = process.env.BENCH_KEEP_DATABASE === '1';
/** Instances of the API, each a thread (an event loop) of its own, as a cluster of processes would run. */
const API_THREADS = envInt('BENCH_API_THREADS', envInt('API_PROCESSES', 1));
/** PostgreSQL's CPU by kind of statement, for the API and the floor (a diagnostic: it slows both a little). */
const SQL_PROFILE = process.env.BENCH_SQL_PROFILE === '1';
/** Where the API's tail comes from: its latency by kind of request. */
const LATENCY_BY_STEP = process.env.BENCH_LATENCY_BY_STEP === '1';
/** What a core of its own does for the API: the bound on a small machine shared with the database is the cores. */
const OWN_CORE = process.env.BENCH_API_OWN_CORE === '1';
const PASSWORD = 'mat-khau-benchmark';
/** One creation and the 28 events of the path: every one is a transaction that appends an event. */
const STEPS_PER_DOSSIER = admissionPath(PATH_START).length + 1;

interface Reply {
  status: number;
  body: string;
}

/** A JSON-over-HTTP client on keep-alive connections, one socket per concurrent client at most. */
class Http {
  private agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });

  constructor(private readonly port: number) {}

  post(path: string, token: string | undefined, body: unknown): Promise<Reply> {
    const payload = JSON.stringify(body);
    const headers: Record<string, string | number> = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(payload),
    };
    if (token) headers.authorization = `Bearer ${token}`;
    return new Promise((done, fail) => {
      const outgoing = request(
        { host: '127.0.0.1', port: this.port, path, method: 'POST', agent: this.agent, headers },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () => done({ status: incoming.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
          incoming.on('error', fail);
        },
      );
      outgoing.on('error', fail);
      outgoing.end(payload);
    });
  }

  async json<T>(path: string, token: string | undefined, body: unknown, status: number): Promise<T> {
    const reply = await this.post(path, token, body);
    if (reply.status !== status) throw new Error(`POST ${path}: ${reply.status} ${reply.body}`);
    return JSON.parse(reply.body) as T;
  }

  /**
   * New connections: the server closes a connection idle for 5 s (keepAliveTimeout), and a client that reuses it at
   * that moment gets ECONNRESET. Between rounds the API waits longer than that.
   */
  reconnect(): void {
    this.agent.destroy();
    this.agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  }

  close(): void {
    this.agent.destroy();
  }
}

interface Setup {
  cellId: string;
  tokens: Record<StepActor, string>;
}

/** The tree of the path (a committee of 5, a grassroots committee, a cell) and one user per actor, over HTTP. */
async function createTreeAndUsers(http: Http, admin: { username: string; password: string }): Promise<Setup> {
  const login = async (username: string, password = PASSWORD) =>
    (await http.json<{ accessToken: string }>('/api/auth/login', undefined, { username, password }, 200)).accessToken;
  const adminToken = await login(admin.username, admin.password);
  const org = async (body: Record<string, unknown>) =>
    (await http.json<{ id: string }>('/api/organizations', adminToken, body, 201)).id;
  const committee = await org({ name: 'Thành ủy (benchmark)', kind: 'committee', committeeSize: 5 });
  const grassroots = await org({ name: 'Đảng bộ Sở (benchmark)', kind: 'grassroots', parentId: committee });
  const cellId = await org({ name: 'Chi bộ Văn phòng (benchmark)', kind: 'cell', parentId: grassroots });
  const users: [StepActor, string, string, string][] = [
    ['cell', 'bithu', 'cellSecretary', cellId],
    ['grassroots', 'dangu', 'grassrootsOfficer', grassroots],
    ['specialist', 'chuyenvien', 'specialist', committee],
    ['member1', 'uyvien1', 'committeeMember', committee],
    ['member2', 'uyvien2', 'committeeMember', committee],
    ['member3', 'uyvien3', 'committeeMember', committee],
  ];
  const tokens = {} as Record<StepActor, string>;
  for (const [actor, username, role, scopeOrgId] of users) {
    await http.json('/api/users', adminToken, { username, password: PASSWORD, roles: [role], scopeOrgId }, 201);
    tokens[actor] = await login(username);
  }
  return { cellId, tokens };
}

/**
 * Creates one dossier and records the whole path, a request at a time, as one client would.
 * `latencies` gets the time of every request; `afterStep` runs after each one (outside the timing).
 */
async function driveDossier(
  http: Http,
  setup: Setup,
  index: number,
  latencies: number[],
  afterStep?: (dossierId: string) => Promise<void>,
  byStep?: Map<string, number[]>,
): Promise<void> {
  const fullName = `${DEMO_CANDIDATE.fullName} ${index}`;
  const timed = async (step: string, request: () => Promise<Reply>) => {
    const started = performance.now();
    const reply = await request();
    const latency = performance.now() - started;
    latencies.push(latency);
    const ofStep = byStep?.get(step) ?? [];
    ofStep.push(latency);
    byStep?.set(step, ofStep);
    return reply;
  };
  const created = await timed('CREATE_DOSSIER', () =>
    http.post('/api/dossiers', setup.tokens.cell, {
      cellId: setup.cellId,
      candidate: { ...DEMO_CANDIDATE, fullName, nationalId: demoNationalId(index) },
      occurredOn: PATH_START,
    }),
  );
  if (created.status !== 201) throw new Error(`create: ${created.status} ${created.body}`);
  const { id } = JSON.parse(created.body) as { id: string };
  await afterStep?.(id);
  for (const step of admissionPath(PATH_START, fullName)) {
    const reply = await timed(step.event.type, () =>
      http.post(`/api/dossiers/${id}/events`, setup.tokens[step.actor], step.event),
    );
    if (reply.status !== 200) throw new Error(`${step.event.type}: ${reply.status} ${reply.body}`);
    await afterStep?.(id);
  }
}

/** The API's latency by kind of request, the slowest p99 first. */
function latencyByStep(byStep: Map<string, number[]>): string[] {
  const rows = [...byStep].map(([step, latencies]) => ({ step, ...summarise(latencies) }));
  return [
    'API latency by kind of request (slowest p99 first):',
    ...rows
      .sort((a, b) => b.p99 - a.p99)
      .map(
        (row) =>
          `  ${row.step.padEnd(36)} ${String(row.count).padStart(5)}  p50 ${ms(row.p50).padStart(9)}  ` +
          `p99 ${ms(row.p99).padStart(9)}`,
      ),
  ];
}

/** What the engine wrote at one step of a real dossier: the floor writes the same values. */
interface FloorStep {
  type: string;
  occurredOn: string;
  payload: string;
  fromState: string | null;
  toState: string;
  policyVersion: string;
  actorId: string | null;
  actorUsername: string;
  state: string;
  stateValue: string;
  snapshot: string;
  dates: string;
  dateValues: (string | null)[];
}

const DATE_COLUMNS = [
  'identified_on',
  'decision_on',
  'admitted_on',
  'party_age_from',
  'probation_ends_on',
  'official_from',
  'closed_on',
];

/** Drives one dossier alone and reads the row after every step: the exact JSON the engine stores at each. */
async function captureSteps(http: Http, setup: Setup, db: Client): Promise<FloorStep[]> {
  const rows: Omit<FloorStep, 'type' | 'occurredOn' | 'payload' | 'fromState' | 'toState' | 'policyVersion'>[] = [];
  let dossierId = '';
  await driveDossier(http, setup, 2_000_000, [], async (id) => {
    dossierId = id;
    const [row] = (
      await db.query(
        `SELECT state, state_value::text AS "stateValue", snapshot::text AS snapshot, dates::text AS dates,
           ARRAY[${DATE_COLUMNS.map((column) => `${column}::text`).join(', ')}] AS "dateValues"
         FROM dossiers WHERE id = $1`,
        [id],
      )
    ).rows;
    rows.push(row);
  });
  const events = (
    await db.query(
      `SELECT type, occurred_on::text AS "occurredOn", payload::text AS payload, from_state::text AS "fromState",
         to_state::text AS "toState", policy_version AS "policyVersion", actor_id AS "actorId",
         actor_username AS "actorUsername"
       FROM dossier_events WHERE dossier_id = $1 ORDER BY seq`,
      [dossierId],
    )
  ).rows;
  if (events.length !== rows.length) throw new Error(`captured ${rows.length} rows but ${events.length} events`);
  return events.map((event, i) => ({ ...event, ...rows[i] }));
}

const INSERT_EVENT = `INSERT INTO dossier_events (dossier_id, seq, type, payload, actor_id, actor_username, occurred_on,
    from_state, to_state, policy_version)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`;
const UPDATE_DOSSIER = `UPDATE dossiers SET state = $3, state_value = $4, snapshot = $5, dates = $6,
    ${DATE_COLUMNS.map((column, i) => `${column} = $${i + 8}`).join(', ')}, version = $2, updated_at = now()
  WHERE id = $1 AND version = $7 RETURNING ${DOSSIER_COLUMNS}`;

/**
 * The floor: the statements of one engine transition and nothing else. BEGIN; lock the dossier; append the event;
 * compare-and-set the snapshot and its columns; read the open deadlines; move or open one; read them all; COMMIT.
 */
/** BEGIN, lock, event, snapshot, open deadlines, one deadline written, all deadlines, COMMIT. */
const FLOOR_STATEMENTS = 8;

async function floorTransition(
  pool: Pool,
  dossierId: string,
  step: FloorStep,
  dueOn: string,
  profile?: SqlProfile,
): Promise<void> {
  const client = await pool.connect();
  const pid = (client as unknown as { processID: number | null }).processID;
  const db = {
    query: (text: string, values?: unknown[]) =>
      profile ? profile.measure(pid, text, () => client.query(text, values)) : client.query(text, values),
  };
  try {
    await db.query('BEGIN');
    const {
      rows: [row],
    } = await db.query(`SELECT ${DOSSIER_COLUMNS} FROM dossiers WHERE id = $1 FOR UPDATE`, [dossierId]);
    const version = row.version as number;
    await db.query(INSERT_EVENT, [
      dossierId,
      version + 1,
      step.type,
      step.payload,
      step.actorId,
      step.actorUsername,
      step.occurredOn,
      step.fromState,
      step.toState,
      step.policyVersion,
    ]);
    const updated = await db.query(UPDATE_DOSSIER, [
      dossierId,
      version + 1,
      step.state,
      step.stateValue,
      step.snapshot,
      step.dates,
      version,
      ...step.dateValues,
    ]);
    if (updated.rowCount !== 1) throw new Error(`version conflict on ${dossierId}`);
    const open = await db.query(`SELECT ${DEADLINE_COLUMNS} FROM deadlines WHERE dossier_id = $1 AND status = 'open'`, [
      dossierId,
    ]);
    if (open.rows.length)
      await db.query(
        `UPDATE deadlines SET due_on = $2, anchor_on = $3, lead_working_days = $4, updated_at = now() WHERE id = $1
         RETURNING ${DEADLINE_COLUMNS}`,
        [open.rows[0].id, dueOn, step.occurredOn, 5],
      );
    else
      await db.query(
        `INSERT INTO deadlines (dossier_id, kind, label, audience, anchor_on, due_on, lead_working_days, is_step, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open') RETURNING ${DEADLINE_COLUMNS}`,
        [
          dossierId,
          'admissionDecision',
          'Cấp ủy có thẩm quyền quyết định kết nạp',
          'committee',
          step.occurredOn,
          dueOn,
          5,
          true,
        ],
      );
    await db.query(`SELECT ${DEADLINE_COLUMNS} FROM deadlines WHERE dossier_id = $1 ORDER BY created_at, kind`, [
      dossierId,
    ]);
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/** Floor dossiers start at version 0 with the created dossier's row; the floor then writes every captured step. */
async function insertFloorDossiers(db: Client, count: number, steps: FloorStep[], cellId: string): Promise<string[]> {
  const [first] = steps;
  const { rows } = await db.query(
    `INSERT INTO dossiers (workflow_name, workflow_version, cell_id, org_path, state, state_value, snapshot, version,
       candidate, full_name)
     SELECT 'admission', 1, o.id, o.path, $2, $3, $4, 0, $5, 'floor ' || g FROM organizations o, generate_series(1, $6) g
     WHERE o.id = $1 RETURNING id`,
    [cellId, first.state, first.stateValue, first.snapshot, JSON.stringify(DEMO_CANDIDATE), count],
  );
  return rows.map((row: { id: string }) => row.id);
}

async function runFloor(
  pool: Pool,
  dossierIds: string[],
  steps: FloorStep[],
  latencies: number[],
  profile?: SqlProfile,
): Promise<void> {
  await runClients(CLIENTS, dossierIds.length, async (index) => {
    for (const [i, step] of steps.entries()) {
      const started = performance.now();
      await floorTransition(pool, dossierIds[index], step, addDays(step.occurredOn, 30 + i), profile);
      latencies.push(performance.now() - started);
    }
  });
}

/** One side of the comparison (the API or the floor), summed over the rounds it ran in. */
class Phase {
  readonly latencies: number[] = [];
  readonly roundRates: number[] = [];
  seconds = 0;
  readonly cpu: CpuSpent = noCpuSpent();

  /** Times `work` and the CPU it took; `backends` lists the PostgreSQL backends of the benchmark's database. */
  async run(backends: () => Promise<number[]>, work: (latencies: number[]) => Promise<void>): Promise<void> {
    const count = this.latencies.length;
    const pids = await backends();
    const before = sampleCpu({ postgres: pids });
    const started = performance.now();
    await work(this.latencies);
    const seconds = (performance.now() - started) / 1000;
    const spent = cpuBetween(before, sampleCpu({ postgres: [...new Set([...pids, ...(await backends())])] }));
    this.seconds += seconds;
    this.roundRates.push((this.latencies.length - count) / seconds);
    addCpuSpent(this.cpu, spent);
  }

  get transitions(): number {
    return this.latencies.length;
  }

  get rate(): number {
    return this.transitions / this.seconds;
  }

  line(label: string): string {
    const latency = summarise(this.latencies);
    return (
      `${label.padEnd(16)} ${this.rate.toFixed(0).padStart(6)} transitions/s` +
      `  p50 ${ms(latency.p50).padStart(9)}  p99 ${ms(latency.p99).padStart(9)}` +
      `  mean ${ms(latency.mean).padStart(9)}  (${this.transitions} in ${this.seconds.toFixed(1)} s;` +
      ` rounds ${this.roundRates.map((value) => value.toFixed(0)).join(' / ')})`
    );
  }
}

/** CPU milliseconds per transition of each party, and the cores others used meanwhile. */
function cpuTable(api: Phase, apiThread: ThreadLoad, floor: Phase): string[] {
  const per = (phase: Phase, seconds: number | undefined) =>
    seconds === undefined ? '—' : `${((seconds * 1000) / phase.transitions).toFixed(2)} ms`;
  const row = (label: string, a: string, f: string) => `  ${label.padEnd(30)} ${a.padStart(10)} ${f.padStart(12)}`;
  const cores = (phase: Phase, seconds: number) => `${(seconds / phase.cpu.seconds).toFixed(2)} cores`;
  return [
    row('CPU per transition', 'API', 'raw pg floor'),
    row('API thread', per(api, apiThread.cpu), '—'),
    row('  of which in the kernel', per(api, apiThread.system), '—'),
    row('API thread waiting for a core', per(api, apiThread.waiting), '—'),
    row('API thread preemptions', (apiThread.preempted / api.transitions).toFixed(1), '—'),
    row('client thread (load generator)', per(api, api.cpu.thread), per(floor, floor.cpu.thread)),
    row('postgres (own backends)', per(api, api.cpu.byCommand.postgres), per(floor, floor.cpu.byCommand.postgres)),
    row('redis (shared)', per(api, api.cpu.byCommand.redis), per(floor, floor.cpu.byCommand.redis)),
    row('whole machine', per(api, api.cpu.machine), per(floor, floor.cpu.machine)),
    row('machine busy', cores(api, api.cpu.machine), cores(floor, floor.cpu.machine)),
    row('of which other processes', cores(api, api.cpu.others), cores(floor, floor.cpu.others)),
    `  API event loop busy ${(apiThread.utilization * 100).toFixed(0)}% of the API phase` +
      (API_THREADS > 1 ? ` (mean of ${API_THREADS} threads; CPU figures are their sum)` : ''),
  ];
}

/** The share of `total` that round `round` of `rounds` takes: [from, to). */
function slice(total: number, rounds: number, round: number): [number, number] {
  return [Math.floor((total * round) / rounds), Math.floor((total * (round + 1)) / rounds)];
}

/** The statements' costs between two snapshots, merged over the API threads. */
function since(before: StatementCost[], after: StatementCost[]): StatementCost[] {
  const merged = new Map<string, StatementCost>();
  for (const [sign, costs] of [
    [-1, before],
    [1, after],
  ] as const)
    for (const cost of costs) {
      const into = merged.get(cost.statement) ?? { statement: cost.statement, count: 0, cpu: 0, wall: 0 };
      into.count += sign * cost.count;
      into.cpu += sign * cost.cpu;
      into.wall += sign * cost.wall;
      merged.set(cost.statement, into);
    }
  return [...merged.values()].filter((cost) => cost.count > 0);
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/** The API in BENCH_API_THREADS threads of its own, each on its own port; client c talks to instance c mod n. */
class ApiInstances {
  private readonly threads = Array.from(
    { length: API_THREADS },
    () => new TsThread(resolve(__dirname, 'api-thread.ts')),
  );
  private readonly clients: Http[] = [];
  private open = false;

  /** One after the other: the first creates the admin user, the others find it. */
  async start(config: AppConfig): Promise<void> {
    this.open = true;
    for (const thread of this.threads) this.clients.push(new Http(await thread.call<number>('start', config)));
  }

  client(index: number): Http {
    return this.clients[index % this.clients.length];
  }

  reconnect(): void {
    for (const client of this.clients) client.reconnect();
  }

  all<T>(command: string, argument?: unknown): Promise<T[]> {
    return Promise.all(this.threads.map((thread) => thread.call<T>(command, argument)));
  }

  first<T>(command: string, argument?: unknown): Promise<T> {
    return this.threads[0].call<T>(command, argument);
  }

  async close(): Promise<void> {
    for (const client of this.clients) client.close();
    if (this.open) await this.all('close').catch(() => undefined);
    this.open = false;
  }

  async stop(): Promise<void> {
    await this.close();
    await Promise.all(this.threads.map((thread) => thread.stop()));
  }
}

async function main(): Promise<void> {
  const databaseUrl = throwAwayDatabaseUrl('transitions');
  const admin = { username: 'bench-admin', password: PASSWORD };
  const config: AppConfig = {
    ...loadConfig({}),
    databaseUrl,
    redisUrl: REDIS_URL,
    queuePrefix: uniquePrefix('transitions'),
    jwtSecret: randomBytes(32).toString('hex'),
    jwtSecretGenerated: false,
    admin,
  };
  console.log(
    `transitions benchmark${QUICK ? ' (quick)' : ''}: load average ${loadavg()
      .map((v) => v.toFixed(2))
      .join(', ')}, ` +
      `${DOSSIERS} dossiers × ${STEPS_PER_DOSSIER} transitions, ${CLIENTS} clients, ` +
      `${API_THREADS} API thread(s)${OWN_CORE ? ' each on a core of its own during its rounds' : ''}, ` +
      `warm-up ${WARMUP} dossiers, database ${new URL(databaseUrl).pathname.slice(1)}`,
  );

  const api = new ApiInstances();
  let db: Client | undefined;
  let pool: Pool | undefined;
  let closing = false;
  const cleanUp = async () => {
    closing = true;
    await api.stop();
    await pool?.end().catch(() => undefined);
    await db?.end().catch(() => undefined);
    if (KEEP_DATABASE) console.log(`database kept for inspection: ${databaseUrl} (drop it when done)`);
    else await dropDatabase(databaseUrl);
    await dropKeys(config.redisUrl, config.queuePrefix);
  };
  process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
  // A connection dropped while idle (by the server, or by whoever terminates backends on a shared PostgreSQL)
  // emits 'error': reported, rather than left to end the process without the clean-up.
  const dropped = (what: string) => (error: Error) => closing || console.warn(`${what}: ${error.message}`);

  try {
    await api.start(config);
    const first = api.client(0);
    const setup = await createTreeAndUsers(first, admin);
    db = new Client({ connectionString: databaseUrl });
    db.on('error', dropped('benchmark connection'));
    await db.connect();

    // Warm-up: one dossier alone to capture what the engine writes at each step, then a concurrent batch for the JIT.
    const steps = await captureSteps(first, setup, db);
    await runClients(CLIENTS, WARMUP, (index, client) =>
      driveDossier(api.client(client), setup, 1_000_000 + index, []),
    );

    const session = db;
    const backends = async () =>
      (
        await session.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')
      ).rows.map((row) => row.pid);
    pool = new Pool({ connectionString: databaseUrl, max: CLIENTS });
    pool.on('error', dropped('floor pool'));
    const floorPool = pool;
    const warmFloor = await insertFloorDossiers(db, WARMUP, steps, setup.cellId);
    const floorIds = await insertFloorDossiers(db, DOSSIERS, steps, setup.cellId);
    await runFloor(floorPool, warmFloor, steps, []);

    // API and floor take turns, so that both meet the same background load of a shared machine.
    const apiPhase = new Phase();
    const floorPhase = new Phase();
    const apiLoad: ThreadLoad = { utilization: 0, cpu: 0, system: 0, waiting: 0, preempted: 0 };
    let loopBusySeconds = 0;
    let apiStatements = 0;
    const floorSql = SQL_PROFILE ? new SqlProfile() : undefined;
    const apiSqlBefore = SQL_PROFILE ? (await api.all<StatementCost[]>('sqlProfile')).flat() : [];
    const apiByStep = LATENCY_BY_STEP ? new Map<string, number[]>() : undefined;
    const apiThreadIds = OWN_CORE ? await api.all<number>('threadId') : [];
    if (PROFILE) await api.first('startProfile');
    for (let round = 0; round < ROUNDS; round++) {
      const [from, to] = slice(DOSSIERS, ROUNDS, round);
      api.reconnect();
      await api.all('markLoop');
      const statementsBefore = sum(await api.all<number>('statements'));
      const apiSeconds = apiPhase.seconds;
      const placement = OWN_CORE ? coresOfTheirOwn(apiThreadIds, await backends()) : undefined;
      try {
        await apiPhase.run(backends, (latencies) =>
          runClients(CLIENTS, to - from, (index, client) =>
            driveDossier(api.client(client), setup, from + index, latencies, undefined, apiByStep),
          ),
        );
      } catch (error) {
        // The round's failure is the one reported; the cores are given back as well as they can be.
        try {
          placement?.release();
        } catch (releaseError) {
          console.warn(`giving the cores back failed too: ${String(releaseError)}`);
        }
        throw error;
      }
      placement?.release();
      for (const load of await api.all<ThreadLoad>('loopSinceMark')) {
        loopBusySeconds += (load.utilization * (apiPhase.seconds - apiSeconds)) / API_THREADS;
        apiLoad.cpu += load.cpu;
        apiLoad.system += load.system;
        apiLoad.waiting += load.waiting;
        apiLoad.preempted += load.preempted;
      }
      apiStatements += sum(await api.all<number>('statements')) - statementsBefore;
      await floorPhase.run(backends, (latencies) =>
        runFloor(floorPool, floorIds.slice(from, to), steps, latencies, floorSql),
      );
    }
    apiLoad.utilization = loopBusySeconds / apiPhase.seconds;
    if (PROFILE) await api.first('stopProfile', resolve(PROFILE));
    const apiSqlAfter = SQL_PROFILE ? (await api.all<StatementCost[]>('sqlProfile')).flat() : [];
    await api.close();

    const sizes = summarise(steps.map((step) => Buffer.byteLength(step.snapshot)));
    const payloads = summarise(steps.map((step) => Buffer.byteLength(step.payload)));
    const ratio = apiPhase.rate / floorPhase.rate;
    console.log('');
    console.log(apiPhase.line('API'));
    console.log(floorPhase.line('raw pg floor'));
    console.log(`${'ratio API/floor'.padEnd(16)} ${ratio.toFixed(2).padStart(6)}   (target ≥ 0.50)`);
    console.log('');
    for (const row of cpuTable(apiPhase, apiLoad, floorPhase)) console.log(row);
    console.log(
      `  SQL statements per transition: API ${(apiStatements / apiPhase.transitions).toFixed(2)} ` +
        `(BEGIN and COMMIT included), floor ${FLOOR_STATEMENTS}`,
    );
    console.log('');
    console.log(
      `written per step: snapshot ${sizes.mean.toFixed(0)} B mean (${sizes.max} B max), ` +
        `event payload ${payloads.mean.toFixed(0)} B mean (${payloads.max} B max)`,
    );
    if (apiByStep) for (const row of latencyByStep(apiByStep)) console.log(row);
    if (PROFILE) console.log(`CPU profile of the (first) API thread: ${resolve(PROFILE)}`);
    console.log(
      `load average at the end (1, 5, 15 min): ${loadavg()
        .map((v) => v.toFixed(2))
        .join(', ')}`,
    );
    if (floorSql) {
      console.log('');
      for (const row of sqlProfileTable('API', since(apiSqlBefore, apiSqlAfter), apiPhase.transitions))
        console.log(row);
      for (const row of sqlProfileTable('floor', floorSql.snapshot(), floorPhase.transitions)) console.log(row);
    }
  } finally {
    await cleanUp();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});

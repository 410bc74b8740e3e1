/**
 * Reads of dossiers with the read audit on, against the same reads with it off (the baseline).
 *
 *   npx tsx bench/audit/run.ts [--quick]        (npm run bench:audit [-- --quick])
 *
 * Two instances of the API, each in a thread of its own, on one throw-away database: one records reads, the other
 * does not. The reads (a dossier, its history, a list of 20) take turns on each: BENCH_ROUNDS (6) rounds of
 * BENCH_READS (600) reads by BENCH_CLIENTS (8) concurrent clients. BENCH_DOSSIERS (60), BENCH_DATABASE_SERVER,
 * REDIS_URL.
 */
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DEMO_CANDIDATE, demoNationalId } from '@apps/api/seed/admission-path';
import { loadConfig, type AppConfig } from '@libs/config';
import { dropDatabase, dropKeys, envInt, REDIS_URL, throwAwayDatabaseUrl, uniquePrefix } from '../support/database';
import { ms, runClients, summarise } from '../support/stats';
import { TsThread } from '../support/thread';

/** `--quick`: 20 dossiers, 2 rounds of 300 reads (under a minute). */
const QUICK = process.argv.includes('--quick');
const DOSSIERS = envInt('BENCH_DOSSIERS', QUICK ? 20 : 60);
const READS = envInt('BENCH_READS', QUICK ? 300 : 600);
const ROUNDS = envInt('BENCH_ROUNDS', QUICK ? 2 : 6);
const CLIENTS = envInt('BENCH_CLIENTS', 8);
const PASSWORD = 'mat-khau-benchmark';

interface Instance {
  thread: TsThread;
  port: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });

function call(port: number, method: string, path: string, token?: string, body?: unknown): Promise<string> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          if ((res.statusCode ?? 500) >= 300) reject(new Error(`${method} ${path}: ${res.statusCode} ${text}`));
          else resolve(text);
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** The API as `main.ts` starts it (the transitions benchmark's thread). */
async function start(config: AppConfig): Promise<Instance> {
  const thread = new TsThread(resolve(__dirname, '../transitions/api-thread.ts'));
  return { thread, port: await thread.call<number>('start', config) };
}

async function main() {
  const config: AppConfig = {
    ...loadConfig({}),
    databaseUrl: throwAwayDatabaseUrl('audit'),
    queuePrefix: uniquePrefix('audit'),
    redisUrl: REDIS_URL,
    jwtSecret: 'benchmark-secret-benchmark-secret',
    jwtSecretGenerated: false,
    admin: { username: 'admin', password: PASSWORD },
  };
  const audited = await start(config);
  const baseline = await start({ ...config, auditReads: false });
  try {
    const login = async (username: string) =>
      JSON.parse(await call(audited.port, 'POST', '/api/auth/login', undefined, { username, password: PASSWORD }))
        .accessToken as string;
    const admin = await login('admin');
    const organization = async (body: Record<string, unknown>) =>
      JSON.parse(await call(audited.port, 'POST', '/api/organizations', admin, body)).id as string;
    const committee = await organization({ name: 'Thành ủy', kind: 'committee', committeeSize: 5 });
    const grassroots = await organization({ name: 'Đảng bộ', kind: 'grassroots', parentId: committee });
    const cell = await organization({ name: 'Chi bộ', kind: 'cell', parentId: grassroots });
    const user = { username: 'bithu', password: PASSWORD, roles: ['cellSecretary'], scopeOrgId: cell };
    await call(audited.port, 'POST', '/api/users', admin, user);
    const token = await login('bithu');
    const ids: string[] = [];
    for (let i = 0; i < DOSSIERS; i++) {
      const candidate = { ...DEMO_CANDIDATE, nationalId: demoNationalId(i) };
      const body = { cellId: cell, candidate, occurredOn: '2024-06-03' };
      ids.push(JSON.parse(await call(audited.port, 'POST', '/api/dossiers', token, body)).id);
    }
    const paths = (i: number) => {
      const id = ids[i % ids.length];
      return [`/api/dossiers/${id}`, `/api/dossiers/${id}/history`, '/api/dossiers?limit=20'][i % 3];
    };

    const latencies: Record<'audited' | 'baseline', number[]> = { audited: [], baseline: [] };
    const seconds = { audited: 0, baseline: 0 };
    const round = async (name: 'audited' | 'baseline', instance: Instance) => {
      const began = performance.now();
      await runClients(CLIENTS, READS, async (i) => {
        const at = performance.now();
        await call(instance.port, 'GET', paths(i), token);
        latencies[name].push(performance.now() - at);
      });
      seconds[name] += (performance.now() - began) / 1000;
    };
    // A warm-up round on each, then the measured rounds in turns so that both meet the same machine.
    await round('audited', audited);
    await round('baseline', baseline);
    latencies.audited.length = latencies.baseline.length = 0;
    seconds.audited = seconds.baseline = 0;
    for (let r = 0; r < ROUNDS; r++) {
      await round(r % 2 ? 'audited' : 'baseline', r % 2 ? audited : baseline);
      await round(r % 2 ? 'baseline' : 'audited', r % 2 ? baseline : audited);
    }

    const report = (name: 'audited' | 'baseline') => {
      const summary = summarise(latencies[name]);
      const rate = latencies[name].length / seconds[name];
      return { rate, summary, line: `${rate.toFixed(0)} reads/s, p50 ${ms(summary.p50)}, p99 ${ms(summary.p99)}` };
    };
    const on = report('audited');
    const off = report('baseline');
    const db = new Client({ connectionString: config.databaseUrl });
    await db.connect();
    const [{ rows }] = (await db.query('SELECT count(*)::int AS rows FROM read_audit')).rows;
    await db.end();
    console.log(
      `Reads of dossiers (${ROUNDS} rounds × ${READS} reads each way, ${CLIENTS} clients), load average at the end ` +
        `${loadavg()
          .map((value) => value.toFixed(2))
          .join(', ')}`,
    );
    console.log(`  audit on : ${on.line}  (${rows} rows recorded)`);
    console.log(`  audit off: ${off.line}  (baseline)`);
    console.log(
      `  cost of the audit: ${(((off.rate - on.rate) / off.rate) * 100).toFixed(1)} % of throughput, ` +
        `${(((on.summary.mean - off.summary.mean) / off.summary.mean) * 100).toFixed(1)} % of mean latency`,
    );
  } finally {
    for (const instance of [audited, baseline]) {
      await instance.thread.call('close');
      await instance.thread.stop();
    }
    agent.destroy();
    await dropDatabase(config.databaseUrl);
    await dropKeys(config.redisUrl, config.queuePrefix);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

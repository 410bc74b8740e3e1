/**
 * The admissions report (AdmissionsReportService.build, the real one) over a committee's five years, against the
 * floor of the same rows: a plain count of the dossiers of the subtree admitted in the period.
 *
 *   npx tsx bench/reports/run.ts [--quick]        (npm run bench:reports [-- --quick])
 *
 * ROWS (1000000 dossiers), REPS (7), WARMUP (1), BATCH (100000 rows per INSERT), KEEP_DB=1 (keep the generated
 * database and print its URL), REPORTS_DB (a database kept earlier: reuse it, applying pending migrations, instead
 * of generating one), BENCH_EXPLAIN=1 (print EXPLAIN ANALYZE of every query of the whole-tree report and of its
 * floor), BENCH_DATABASE_SERVER (postgres://postgres@127.0.0.1:5432).
 */
import { createHash, randomBytes } from 'node:crypto';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { AdmissionsReportService, type AdmissionsReport } from '@apps/api/reports/admissions-report.service';
import { QuotasService } from '@apps/api/reports/quotas.service';
import { OrganizationEntity, openDatabase } from '@libs/persistence';
import { FIRST_DAY, generate, LAST_DAY } from './generate';

const SERVER = process.env.BENCH_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';
/** `--quick`: 30,000 dossiers, 3 repetitions (under a minute). */
const QUICK = process.argv.includes('--quick');
const ROWS = envInt('ROWS', QUICK ? 30_000 : 1_000_000);
const REPS = envInt('REPS', QUICK ? 3 : 7);
const WARMUP = envInt('WARMUP', 1, 0);
const BATCH = envInt('BATCH', 100_000);
const KEEP_DB = process.env.KEEP_DB === '1';
const REUSED = process.env.REPORTS_DB;
const EXPLAIN = process.env.BENCH_EXPLAIN === '1';
/** The whole-tree report should take at most this many times its floor. */
const TARGET_RATIO = 3;

const FLOOR_SQL = `SELECT count(*)::int AS count FROM dossiers WHERE org_path LIKE $1 AND admitted_on BETWEEN $2 AND $3`;

/** What each query of the report is, by a phrase of its SQL. */
const QUERY_KINDS: [RegExp, string][] = [
  [/report_admitted_counts/, 'admitted, kept counts'],
  [/report_probation_counts/, 'probation outcomes, kept counts'],
  [/GROUPING SETS/, 'admitted, grouped'],
  [/FROM quotas/, 'quotas'],
  [/FROM organizations WHERE path LIKE/, 'organisations (targets)'],
  [/'grassroots'/, 'grassroots share'],
  [/deadlines/, 'probation outcomes'],
  [/training_classes/, 'classes'],
];

function envInt(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min}, got ${raw}`);
  return value;
}

const log = (message: string) => process.stderr.write(`${message}\n`);
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;
const pad = (text: string, width: number) => text.padEnd(width);

interface Query {
  kind: string;
  sql: string;
  parameters: unknown[];
  ms: number;
}

/**
 * The data source the services get: the real one, its `query` timed. The report issues all its SQL through it, so
 * each query's share of the report's time shows.
 */
function recording(dataSource: DataSource, queries: Query[]): DataSource {
  return new Proxy(dataSource, {
    get(target, property, receiver) {
      if (property !== 'query') return Reflect.get(target, property, receiver);
      return async (sql: string, parameters: unknown[] = []) => {
        const started = performance.now();
        try {
          return await target.query(sql, parameters);
        } finally {
          const kind = QUERY_KINDS.find(([pattern]) => pattern.test(sql))?.[1] ?? sql.trim().slice(0, 40);
          queries.push({ kind, sql, parameters, ms: performance.now() - started });
        }
      };
    },
  });
}

/** A digest of the report without the organisation's id (random per database): equal data, equal digest. */
function digest(report: AdmissionsReport): string {
  const { organization, ...rest } = report;
  const content = JSON.stringify({ organization: { ...organization, id: undefined }, ...rest });
  return createHash('sha256').update(content).digest('hex').slice(0, 16);
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: `${SERVER}/postgres` });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function machine(dataSource: DataSource): Promise<string[]> {
  const [{ version }] = await dataSource.query('SELECT version()');
  const settings: { name: string; setting: string }[] = await dataSource.query(
    `SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem',
       'jit', 'max_parallel_workers_per_gather', 'random_page_cost', 'effective_cache_size') ORDER BY name`,
  );
  const [{ size }] = await dataSource.query(
    `SELECT pg_size_pretty(pg_total_relation_size('dossiers')) || ' dossiers (with indexes), ' ||
       pg_size_pretty(pg_total_relation_size('deadlines')) || ' deadlines' AS size`,
  );
  return [
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, node ${process.version}`,
    `database: ${String(version).split(',')[0]}; ${settings.map((s) => `${s.name}=${s.setting}`).join(', ')}`,
    `size: ${size}`,
  ];
}

interface Scope {
  label: string;
  organization: OrganizationEntity;
  floor: number[];
  report: number[];
  queries: Query[][];
  admitted: number;
  last?: AdmissionsReport;
}

async function main() {
  const url = REUSED ?? `${SERVER}/bench_reports_${randomBytes(4).toString('hex')}`;
  log(`${REUSED ? 'reusing' : 'creating'} ${url}`);
  // The application's pool (20): the report may run its queries at the same time.
  const opening = performance.now();
  const dataSource = await openDatabase(url);
  log(`database ready (pending migrations applied) in ${((performance.now() - opening) / 1000).toFixed(1)} s`);
  try {
    if (!REUSED) {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        const generated = await generate(client, ROWS, BATCH);
        log(
          `generated ${generated.tree.count} organisations, ${generated.dossiers.toLocaleString('en')} dossiers, ` +
            `${generated.deadlines.toLocaleString('en')} deadlines, ${generated.classes.toLocaleString('en')} classes, ` +
            `${generated.participants.toLocaleString('en')} participants in ${generated.seconds.toFixed(0)} s`,
        );
      } finally {
        await client.end();
      }
    }
    const organizations = dataSource.getRepository(OrganizationEntity);
    const committee = await organizations.findOneByOrFail({ kind: 'committee' });
    const grassroots = await organizations.findOneByOrFail({ name: 'Đảng bộ cơ sở số 1' });
    const period = { from: FIRST_DAY, to: LAST_DAY, groupBy: 'year' as const };

    const loadBefore = loadavg()[0];
    const queries: Query[] = [];
    const timed = recording(dataSource, queries);
    const service = new AdmissionsReportService(timed, new QuotasService(timed));
    const scopes: Scope[] = [
      { label: 'whole tree', organization: committee, floor: [], report: [], queries: [], admitted: 0 },
      { label: 'one grassroots', organization: grassroots, floor: [], report: [], queries: [], admitted: 0 },
    ];

    for (let round = -WARMUP; round < REPS; round++) {
      for (const scope of scopes) {
        let started = performance.now();
        const [{ count }] = await dataSource.query(FLOOR_SQL, [`${scope.organization.path}%`, period.from, period.to]);
        const floor = performance.now() - started;
        queries.length = 0;
        started = performance.now();
        // A tree that never changed: the historical report is today's (ReportScopes takes this road itself).
        const current = {
          organization: scope.organization,
          tree: 'current' as const,
          prefix: `${scope.organization.path}%`,
          lineage: [],
        };
        const report = await service.build(current, period, 'historical');
        const took = performance.now() - started;
        if (report.totals.admitted !== count)
          throw new Error(`${scope.label}: the report counts ${report.totals.admitted} admitted, the floor ${count}`);
        scope.admitted = count;
        scope.last = report;
        if (round < 0) continue;
        scope.floor.push(floor);
        scope.report.push(took);
        scope.queries.push([...queries]);
      }
      log(round < 0 ? 'warm-up done' : `round ${round + 1}/${REPS}`);
    }

    // The same reports read from the rows alone (as before the kept counts), and one over a period with partial
    // months at both ends: each must equal the report from the counts.
    const sameAsRows: string[] = [];
    for (const scope of scopes) {
      const current = {
        organization: scope.organization,
        tree: 'current' as const,
        prefix: `${scope.organization.path}%`,
        lineage: [],
      };
      for (const checked of [period, { from: '2021-03-15', to: '2025-10-20', groupBy: 'halfYear' as const }]) {
        const counted = await service.build(current, checked, 'historical');
        const started = performance.now();
        const fromRows = await service.build(current, checked, 'historical', 'rows');
        const took = performance.now() - started;
        if (digest(counted) !== digest(fromRows))
          throw new Error(
            `${scope.label} ${checked.from}..${checked.to}: the counts and the rows give different reports`,
          );
        sameAsRows.push(
          `${scope.label}, ${checked.from}..${checked.to}: the same report from the rows alone (${ms(took)})`,
        );
      }
    }

    const lines = [
      `Admissions report, ${FIRST_DAY}..${LAST_DAY}, ${REPS} repetitions (after ${WARMUP} warm-up), median / min`,
      ...(await machine(dataSource)),
      `load average (1 min) ${loadBefore.toFixed(2)} before the repetitions, ${loadavg()[0].toFixed(2)} after`,
      '',
      `${pad('scope', 16)}${pad('admitted', 10)}${pad('report', 24)}${pad('floor (count)', 22)}ratio (median)`,
    ];
    for (const scope of scopes) {
      const ratio = median(scope.report) / median(scope.floor);
      const target =
        scope === scopes[0] ? `  (target ≤ ${TARGET_RATIO}×: ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'})` : '';
      lines.push(
        `${pad(scope.label, 16)}${pad(scope.admitted.toLocaleString('en'), 10)}` +
          `${pad(`${ms(median(scope.report))} / ${ms(Math.min(...scope.report))}`, 24)}` +
          `${pad(`${ms(median(scope.floor))} / ${ms(Math.min(...scope.floor))}`, 22)}${ratio.toFixed(2)}×${target}`,
      );
    }
    for (const scope of scopes) {
      lines.push(
        '',
        `${scope.label}: each query of the report, median of its own time (digest ${digest(scope.last!)})`,
      );
      const kinds = [...new Set(scope.queries.flat().map((q) => q.kind))];
      for (const kind of kinds) {
        const runs = scope.queries.map((run) => run.filter((q) => q.kind === kind).map((q) => q.ms));
        const count = runs[0].length;
        const longest = median(runs.map((each) => Math.max(...each)));
        const together = median(runs.map((each) => each.reduce((sum, value) => sum + value, 0)));
        const several = count > 1 ? `  (${count} queries, the longest; ${ms(together)} together)` : '';
        lines.push(`  ${pad(kind, 26)}${ms(longest).padStart(10)}${several}`);
      }
    }
    lines.push('', ...sameAsRows);
    process.stdout.write(`${lines.join('\n')}\n`);

    if (EXPLAIN) {
      const whole = scopes[0];
      const explained = [
        { kind: 'floor', sql: FLOOR_SQL, parameters: [`${committee.path}%`, period.from, period.to] },
        ...whole.queries[whole.queries.length - 1],
      ];
      for (const query of explained) {
        const plan: { 'QUERY PLAN': string }[] = await dataSource.query(
          `EXPLAIN (ANALYZE, BUFFERS) ${query.sql}`,
          query.parameters,
        );
        process.stdout.write(`\n--- ${query.kind}\n${plan.map((row) => row['QUERY PLAN']).join('\n')}\n`);
      }
    }
  } finally {
    await dataSource.destroy();
    if (REUSED || KEEP_DB) log(`kept ${url}`);
    else
      await admin((client) =>
        client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(new URL(url).pathname.slice(1))} WITH (FORCE)`),
      );
  }
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});

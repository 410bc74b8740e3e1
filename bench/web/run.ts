/**
 * The dossier list of a committee with 10,000 dossiers in the browser, after login: first paint and time until the
 * first page of the list is on screen, beside the same list fetched with curl (the baseline). Target: < 1 s.
 *
 *   npm run build && npx tsx bench/web/run.ts        (npm run bench:web)
 *
 * Debian's Chromium (CHROMIUM_PATH), the API in a thread of its own serving dist/web, a throw-away database:
 * one dossier recorded through the API, then copied in SQL to BENCH_DOSSIERS (10,000) with their deadlines.
 * BENCH_RUNS (5) page loads, each in a fresh browser context (empty cache). BENCH_DATABASE_SERVER, REDIS_URL.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { chromium } from 'playwright-core';
import { DEMO_CANDIDATE, demoNationalId } from '@apps/api/seed/admission-path';
import { loadConfig, type AppConfig } from '@libs/config';
import { CHROMIUM, CHROMIUM_ARGS } from '../../test/web/support/browser';
import { dropDatabase, dropKeys, envInt, REDIS_URL, throwAwayDatabaseUrl, uniquePrefix } from '../support/database';
import { TsThread } from '../support/thread';

const DOSSIERS = envInt('BENCH_DOSSIERS', 10_000);
const RUNS = envInt('BENCH_RUNS', 5);
const PASSWORD = 'mat-khau-benchmark';
const TARGET_MS = 1000;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function json<T>(base: string, path: string, token?: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Copies the template dossier (and its deadlines) into `count - 1` others with their own names and national IDs. */
async function copyDossiers(databaseUrl: string, templateId: string, count: number) {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const columns = async (table: string) =>
      (
        await db.query(
          `SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND table_schema = current_schema() AND is_generated = 'NEVER'`,
          [table],
        )
      ).rows.map((row: { column_name: string }) => row.column_name as string);
    const overrides: Record<string, string> = {
      id: 'gen_random_uuid()',
      full_name: `'Nguyễn Văn Thử ' || g`,
      national_id: `'9' || lpad(g::text, 11, '0')`,
      candidate: `t.candidate || jsonb_build_object('fullName', 'Nguyễn Văn Thử ' || g, 'nationalId', '9' || lpad(g::text, 11, '0'))`,
      search_text: `'nguyen van thu ' || g || ' 9' || lpad(g::text, 11, '0')`,
      updated_at: `t.updated_at - g * interval '1 second'`,
      created_at: `t.created_at - g * interval '1 second'`,
    };
    const dossierColumns = await columns('dossiers');
    await db.query(
      `INSERT INTO dossiers (${dossierColumns.join(', ')})
       SELECT ${dossierColumns.map((column) => overrides[column] ?? `t.${column}`).join(', ')}
       FROM dossiers t, generate_series(1, $2::int) g WHERE t.id = $1`,
      [templateId, count - 1],
    );
    const deadlineColumns = (await columns('deadlines')).filter((column) => column !== 'id' && column !== 'dossier_id');
    await db.query(
      `INSERT INTO deadlines (dossier_id, ${deadlineColumns.join(', ')})
       SELECT d.id, ${deadlineColumns.map((column) => `l.${column}`).join(', ')}
       FROM dossiers d JOIN deadlines l ON l.dossier_id = $1 WHERE d.id <> $1`,
      [templateId],
    );
    await db.query('ANALYZE');
  } finally {
    await db.end();
  }
}

async function main() {
  const webRoot = resolve('dist/web');
  if (!existsSync(resolve(webRoot, 'index.html'))) throw new Error('No dist/web: run npm run build first');
  const config: AppConfig = {
    ...loadConfig({}),
    databaseUrl: throwAwayDatabaseUrl('web'),
    queuePrefix: uniquePrefix('web'),
    redisUrl: REDIS_URL,
    jwtSecret: 'benchmark-secret-benchmark-secret',
    jwtSecretGenerated: false,
    admin: { username: 'admin', password: PASSWORD },
    webRoot,
  };
  const thread = new TsThread(resolve(__dirname, '../transitions/api-thread.ts'));
  const port = await thread.call<number>('start', config);
  const base = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const login = (username: string) =>
      json<{ accessToken: string; user: unknown }>(base, '/api/auth/login', undefined, {
        username,
        password: PASSWORD,
      });
    const admin = (await login('admin')).accessToken;
    const organization = async (body: Record<string, unknown>) =>
      (await json<{ id: string }>(base, '/api/organizations', admin, body)).id;
    const committee = await organization({ name: 'Thành ủy Bắc Kạn', kind: 'committee', committeeSize: 11 });
    const grassroots = await organization({ name: 'Đảng bộ Sở Giáo dục', kind: 'grassroots', parentId: committee });
    const cell = await organization({ name: 'Chi bộ Văn phòng Sở', kind: 'cell', parentId: grassroots });
    await json(base, '/api/users', admin, {
      username: 'chuyenvien',
      password: PASSWORD,
      roles: ['specialist'],
      scopeOrgId: committee,
    });
    const session = await login('chuyenvien');
    const template = await json<{ id: string }>(base, '/api/dossiers', session.accessToken, {
      cellId: cell,
      candidate: { ...DEMO_CANDIDATE, nationalId: demoNationalId(1) },
      occurredOn: '2026-03-02',
    });
    await copyDossiers(config.databaseUrl, template.id, DOSSIERS);
    const { total } = await json<{ total: number }>(base, '/api/dossiers?limit=1', session.accessToken);

    // The same first page, fetched by curl with the same token: the floor the browser stands on.
    const listPath = '/api/dossiers?limit=20';
    const curlMs: number[] = [];
    for (let run = 0; run < RUNS + 1; run++) {
      const seconds = execFileSync('curl', [
        '-s',
        '-o',
        '/dev/null',
        '-w',
        '%{time_total}',
        '-H',
        `Authorization: Bearer ${session.accessToken}`,
        `${base}${listPath}`,
      ]).toString();
      if (run > 0) curlMs.push(Number(seconds) * 1000);
    }

    const paints: number[] = [];
    const lists: number[] = [];
    const scriptsDone: number[] = [];
    const listData: number[] = [];
    const scriptBytes: number[] = [];
    for (let run = 0; run < RUNS + 1; run++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
      // Logged in already (the token and user as the login page stores them): the measure starts at the list.
      await context.addInitScript({
        content:
          `localStorage.setItem('ket-nap.token', ${JSON.stringify(session.accessToken)});` +
          `localStorage.setItem('ket-nap.user', ${JSON.stringify(JSON.stringify(session.user))});`,
      });
      const page = await context.newPage();
      await page.goto(`${base}/ho-so`);
      await page.locator('table a[href^="/ho-so/"]').first().waitFor();
      const listedAt = await page.evaluate(() => performance.now());
      const paint = await page.evaluate(
        () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
      );
      // Where the time went: when the last script and the list's data had arrived, and the scripts' bytes on the wire.
      const resources = await page.evaluate(() =>
        performance.getEntriesByType('resource').map((entry) => {
          const timing = entry as unknown as { name: string; responseEnd: number; transferSize: number };
          return { name: timing.name, end: timing.responseEnd, bytes: timing.transferSize };
        }),
      );
      const scripts = resources.filter((resource) => resource.name.endsWith('.js'));
      if (run > 0) {
        paints.push(paint);
        lists.push(listedAt);
        scriptsDone.push(Math.max(...scripts.map((script) => script.end)));
        listData.push(resources.find((resource) => resource.name.includes('/api/dossiers?'))?.end ?? Number.NaN);
        scriptBytes.push(scripts.reduce((sum, script) => sum + script.bytes, 0));
      }
      await context.close();
    }

    const load = loadavg()
      .map((value) => value.toFixed(2))
      .join(', ');
    console.log(
      `Dossier list of a committee with ${total} dossiers (first page of 20), ${RUNS} runs after one warm-up, load ${load}`,
    );
    console.log(
      `  browser, first contentful paint: median ${median(paints).toFixed(0)} ms (all: ${paints.map((v) => v.toFixed(0)).join(', ')})`,
    );
    console.log(
      `  browser, time to the list:       median ${median(lists).toFixed(0)} ms (all: ${lists.map((v) => v.toFixed(0)).join(', ')}), target < ${TARGET_MS} ms: ${median(lists) < TARGET_MS ? 'met' : 'NOT met'}`,
    );
    console.log(
      `  of which: last script arrived at ${median(scriptsDone).toFixed(0)} ms (${(median(scriptBytes) / 1024).toFixed(0)} KB of scripts on the wire), the list's data at ${median(listData).toFixed(0)} ms`,
    );
    console.log(
      `  curl of ${listPath} (baseline): median ${median(curlMs).toFixed(0)} ms (all: ${curlMs.map((v) => v.toFixed(0)).join(', ')})`,
    );
  } finally {
    await browser.close();
    await thread.call('close');
    await thread.stop();
    await dropDatabase(config.databaseUrl);
    await dropKeys(config.redisUrl, config.queuePrefix);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

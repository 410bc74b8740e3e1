import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { answers, freePort } from '@apps/launcher/services/tcp';
import { ensureBuilt, launcherEnv, startLauncher, waitForHealth, type Launcher } from './support/launcher-process';

/**
 * Issue 15: `npm run demo` on a machine where nothing answers at PostgreSQL's and Redis's usual addresses. The
 * usual addresses are pointed at ports nobody listens on, so the machine's own services stay out of it.
 */
describe('the demo with no PostgreSQL and no Redis at their usual addresses', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let base: string;
  const running: Launcher[] = [];

  const login = async () => {
    const response = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bithu.vanphong', password: 'BacKan@2026' }),
    });
    return { status: response.status, token: ((await response.json()) as { accessToken?: string }).accessToken };
  };
  const get = async (path: string, token: string) =>
    (await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } })).json() as Promise<{
      items?: { id: string }[];
      [field: string]: unknown;
    }>;
  const launch = (args: string[], extra: Record<string, string> = {}) => {
    const launcher = startLauncher(args, { ...env, ...extra });
    running.push(launcher);
    return launcher;
  };
  /** SIGTERM, as a service manager stops it; answers the exit code. */
  const stop = async (launcher: Launcher) => {
    launcher.child.kill('SIGTERM');
    return launcher.exited;
  };

  beforeAll(async () => {
    ensureBuilt();
    // As root, PostgreSQL runs as the `postgres` system user, which must reach the data directory.
    dataDir = mkdtempSync(join(tmpdir(), 'admission-demo-'));
    chmodSync(dataDir, 0o755);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = launcherEnv({
      PORT: String(port),
      DATA_DIR: join(dataDir, 'data'),
      DEFAULT_POSTGRES_ADDRESS: `127.0.0.1:${await freePort()}`,
      DEFAULT_REDIS_ADDRESS: `127.0.0.1:${await freePort()}`,
      QUEUE_PREFIX: 'demo-test',
    });
  }, 120_000);

  afterAll(async () => {
    for (const launcher of running) if (launcher.child.exitCode === null) launcher.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts both itself, keeps the data across a restart, and --reset starts from scratch', async () => {
    const first = launch(['--demo']);
    const line = await first.waitFor(
      /PostgreSQL nhúng \(embedded\) tại (127\.0\.0\.1:\d+).*Redis nhúng \(embedded\) tại (127\.0\.0\.1:\d+)/,
    );
    const health = await waitForHealth(`${base}/health`, 180_000);
    expect(health).toMatchObject({
      status: 'ok',
      services: {
        postgres: { origin: 'embedded', address: line[1] },
        redis: { origin: 'embedded', address: line[2] },
      },
    });
    const { token } = await login();
    const list = await get('/api/dossiers?limit=100', token!);
    expect(list.items!.length).toBeGreaterThan(5);
    const dossier = await get(`/api/dossiers/${list.items![0].id}`, token!);

    expect(await stop(first)).toBe(0);
    // Nothing is left running: the embedded servers stopped with the launcher.
    const [postgresAddress, redisAddress] = [line[1], line[2]].map((address) => ({
      host: '127.0.0.1',
      port: Number(address.split(':')[1]),
    }));
    expect(await answers(postgresAddress)).toBe(false);
    expect(await answers(redisAddress)).toBe(false);

    const second = launch([]);
    await waitForHealth(`${base}/health`);
    const again = await login();
    expect(await get(`/api/dossiers/${dossier.id}`, again.token!)).toEqual(dossier);
    expect(await stop(second)).toBe(0);

    const reset = launch(['--reset']);
    await waitForHealth(`${base}/health`);
    expect((await login()).status).toBe(401);
    expect(await stop(reset)).toBe(0);
  }, 300_000);

  it('without redis-server on the PATH, says what to install and which variable to set, in one message', async () => {
    const launcher = launch([], { PATH: join(dataDir, 'empty') });
    expect(await launcher.exited).toBe(1);
    expect(launcher.output()).toContain('apt-get install redis-server');
    expect(launcher.output()).toContain('REDIS_URL');
    expect(launcher.output()).not.toMatch(/^\s+at /m);
  });

  it('in production, starts nothing itself: a missing PostgreSQL is an error naming DATABASE_URL', async () => {
    // With its secrets set, as production requires (test/startup-secrets.e2e-spec.ts): the database is what is missing.
    const launcher = launch([], { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), DATA_KEY: 'ab'.repeat(32) });
    expect(await launcher.exited).toBe(1);
    expect(launcher.output()).toContain('NODE_ENV=production');
    expect(launcher.output()).toContain('DATABASE_URL');
    expect(launcher.output()).not.toMatch(/^\s+at /m);
  });
});

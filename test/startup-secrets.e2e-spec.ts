import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The real entry points, started as an operator would, with a bad configuration: they stop before serving. */
describe('starting without safe secrets', () => {
  const root = join(__dirname, '..');
  const start = (entry: string, env: Record<string, string>) => {
    const base = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !['JWT_SECRET', 'DATA_KEY', 'NODE_ENV'].includes(key)),
    ) as Record<string, string>;
    return spawnSync(process.execPath, ['--import', 'tsx', entry], {
      cwd: root,
      env: { ...base, PORT: '3207', DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
  };

  it.each([
    ['API', 'apps/api/src/main.ts'],
    ['worker', 'apps/worker/src/main.ts'],
    ['launcher', 'apps/launcher/src/main.ts'],
  ])('the %s refuses an empty JWT_SECRET with a clear message', (_name, entry) => {
    const run = start(entry, { JWT_SECRET: '' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('JWT_SECRET must be at least 32 characters');
  });

  it('the API refuses to start in production without JWT_SECRET, or with a short one', () => {
    const missing = start('apps/api/src/main.ts', { NODE_ENV: 'production', DATA_KEY: 'ab'.repeat(32) });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('JWT_SECRET is required when NODE_ENV=production');
    const short = start('apps/api/src/main.ts', { NODE_ENV: 'production', JWT_SECRET: 'changeme' });
    expect(short.status).toBe(1);
    expect(short.stderr).toContain('at least 32 characters');
  });
});

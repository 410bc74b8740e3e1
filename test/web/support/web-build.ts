import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let built: string | undefined;

/**
 * The web application built from the current source into a directory of the test run's own, once per process: the
 * browser suites test what the source says, not a `dist/web` left by an earlier build; in production mode, as shipped
 * (Jest's NODE_ENV=test would otherwise give a development build).
 */
export function buildWebApp(): string {
  if (built && existsSync(join(built, 'index.html'))) return built;
  const outDir = mkdtempSync(join(tmpdir(), 'web-test-'));
  execFileSync(
    process.execPath,
    [
      join(process.cwd(), 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'apps/web/vite.config.mts',
      '--outDir',
      outDir,
      '--logLevel',
      'warn',
    ],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    },
  );
  built = outDir;
  return outDir;
}

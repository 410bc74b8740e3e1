import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StartedService } from './running-service';
import { stopLeftover } from './leftover';
import { StartupError } from './startup-error';
import { answers, freePort } from './tcp';

/** `redis-server` from the PATH, or null. */
export function findRedisServer(path = process.env.PATH ?? ''): string | null {
  for (const directory of path.split(delimiter).filter(Boolean)) {
    const candidate = join(directory, 'redis-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

/** What to install on this operating system to get `redis-server`. */
export function redisInstallHint(platform = process.platform): string {
  if (platform === 'darwin') return '`brew install redis`';
  if (platform === 'linux') return '`sudo apt-get install redis-server` (Debian, Ubuntu)';
  return '`apt-get install redis-server` (Debian, Ubuntu) hoặc `brew install redis` (macOS)';
}

/**
 * A private `redis-server` on a free loopback port, as BullMQ needs it (`noeviction`) and keeping nothing on disk
 * (`--save ""`): the reconciler re-creates every reminder job from PostgreSQL at start. It runs in its own process
 * group, so that Ctrl-C in the terminal does not stop it before the worker has finished its jobs.
 */
export async function startLocalRedis(directory: string, program: string): Promise<StartedService> {
  mkdirSync(directory, { recursive: true });
  const pidFile = join(directory, 'redis.pid');
  await stopLeftover(pidFile, 'redis-server', 'SIGTERM');
  const port = await freePort();
  const server = spawn(
    program,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--maxmemory-policy',
      'noeviction',
      '--dir',
      directory,
      '--pidfile',
      pidFile,
      '--logfile',
      join(directory, 'redis.log'),
    ],
    { detached: true, stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  let failed: Error | null = null;
  server.once('error', (error) => (failed = error));
  // Should the launcher die of an error, its Redis goes with it.
  const killOnExit = () => server.kill('SIGKILL');
  process.once('exit', killOnExit);

  const address = { host: '127.0.0.1', port };
  for (let waited = 0; !(await answers(address, 200)); waited += 100) {
    if (failed || server.exitCode !== null || waited > 10_000)
      throw new StartupError(`redis-server không khởi động được; xem ${join(directory, 'redis.log')}`);
    await sleep(100);
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    address,
    async stop() {
      process.removeListener('exit', killOnExit);
      if (server.exitCode === null) server.kill('SIGTERM');
      await exited;
    },
  };
}

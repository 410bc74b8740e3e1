import { fork, type ChildProcess } from 'node:child_process';
import cluster from 'node:cluster';
import { join } from 'node:path';
import { openDatabase } from '@libs/persistence';
import { loadConfig } from '@libs/config';
import { exitOnFailure, processLogger } from '@libs/logging';
import { provideServices, type Services } from './services/provide-services';
import { StartupError } from './services/startup-error';
import { Supervisor } from './supervisor';

const logger = processLogger('Launcher');
const log = (line: string) => logger.info(line);

function processCount(env: NodeJS.ProcessEnv, variable: string): number {
  const count = Number(env[variable] ?? 1);
  if (!Number.isInteger(count) || count < 0 || count > 64)
    throw new StartupError(`${variable} phải là số tiến trình từ 0 đến 64, nhận được "${env[variable]}"`);
  return count;
}

const exitOf = (child: ChildProcess) =>
  new Promise<number>((resolve) => child.once('exit', (code, signal) => resolve(signal ? 1 : (code ?? 1))));

let services: Services | null = null;
let supervisor: Supervisor | null = null;
let seeding: ChildProcess | null = null;
let stopping = false;

/** Drains the processes, then stops the PostgreSQL and Redis the launcher started, then exits. */
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  log('Đang dừng: chờ các tiến trình làm xong việc đang dở');
  seeding?.kill('SIGTERM');
  const drained = supervisor ? await supervisor.stop() : true;
  await services?.stop();
  log(drained ? 'Đã dừng' : 'Đã dừng, có tiến trình phải buộc dừng');
  process.exit(drained ? code : 1);
}

/**
 * `npm start` (and `npm run demo`, with `--demo`): finds or starts PostgreSQL and Redis, applies pending migrations
 * once, loads the demo when asked, then keeps the API processes (one port, Node's cluster module) and the worker
 * processes running, each restarted alone when it dies. SIGTERM or SIGINT drains everything and exits 0.
 */
async function main() {
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(0));
  const args = process.argv.slice(2);
  const apiProcesses = processCount(process.env, 'API_PROCESSES');
  const workerProcesses = processCount(process.env, 'WORKER_PROCESSES');
  // 0 of one kind makes a machine that only serves HTTP, or only sends reminders, beside others sharing the stores.
  if (apiProcesses + workerProcesses === 0)
    throw new StartupError('API_PROCESSES và WORKER_PROCESSES đều bằng 0: không có gì để chạy');
  // Unsafe secrets (an empty or short JWT_SECRET, none in production) stop the start before any service starts.
  try {
    loadConfig(process.env);
  } catch (error) {
    throw new StartupError((error as Error).message);
  }

  services = await provideServices(process.env, {
    dataDir: process.env.DATA_DIR ?? join(process.cwd(), '.data'),
    reset: args.includes('--reset'),
  });
  log(services.description);
  const config = loadConfig({ ...process.env, DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl });
  try {
    await (await openDatabase(config.databaseUrl)).destroy();
  } catch (error) {
    throw new StartupError(`Không mở được cơ sở dữ liệu: ${(error as Error).message}`);
  }

  // One secret for every process when none is configured, so that a token issued by one API process is valid in all.
  const env = {
    ...process.env,
    DATABASE_URL: config.databaseUrl,
    REDIS_URL: config.redisUrl,
    EMBEDDED_SERVICES: services.embedded,
    JWT_SECRET: config.jwtSecret,
  };
  if (args.includes('--demo')) {
    seeding = fork(join(__dirname, '../../api/src/seed/seed.main.js'), { env });
    const code = await exitOf(seeding);
    seeding = null;
    if (stopping) return;
    if (code !== 0) throw new StartupError('Nạp dữ liệu mẫu không thành công (xem lỗi ở trên)');
  }

  cluster.setupPrimary({ exec: join(__dirname, '../../api/src/main.js') });
  const workerMain = join(__dirname, '../../worker/src/main.js');
  supervisor = new Supervisor(
    [
      { name: 'API', count: apiProcesses, start: () => cluster.fork(env).process },
      { name: 'worker', count: workerProcesses, start: () => fork(workerMain, { env }) },
    ],
    log,
    () => void shutdown(1),
  );
  supervisor.start();
}

main().catch(async (error) => {
  await services?.stop();
  exitOnFailure('Launcher')(error instanceof StartupError ? `Không khởi động được: ${error.message}` : error);
});

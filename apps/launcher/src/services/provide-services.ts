import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedPostgres } from './embedded-postgres';
import { findRedisServer, redisInstallHint, startLocalRedis } from './local-redis';
import type { StartedService } from './running-service';
import { StartupError } from './startup-error';
import { answers, formatAddress, parseAddress, type Address } from './tcp';

/** The PostgreSQL and Redis the service uses, whether the launcher started them, and how to stop those it did. */
export interface Services {
  databaseUrl: string;
  redisUrl: string;
  /** `EMBEDDED_SERVICES` for the processes, which report it on `/health`. */
  embedded: string;
  /** The one log line that says which PostgreSQL and Redis are used. */
  description: string;
  stop(): Promise<void>;
}

export interface ServiceOptions {
  /** Where embedded data live: `.data` in the project unless `DATA_DIR` says otherwise. */
  dataDir: string;
  /** `--reset`: embedded data are deleted before the start. */
  reset: boolean;
}

const addressOfUrl = (url: string, defaultPort: number): Address => {
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || defaultPort) };
};

type Plan = { external: string } | { embedded: true };

interface ServiceKind {
  name: string;
  variable: 'DATABASE_URL' | 'REDIS_URL';
  defaultVariable: string;
  defaultAddress: string;
  defaultPort: number;
  urlAt(address: Address): string;
}

const POSTGRES: ServiceKind = {
  name: 'PostgreSQL',
  variable: 'DATABASE_URL',
  defaultVariable: 'DEFAULT_POSTGRES_ADDRESS',
  defaultAddress: '127.0.0.1:5432',
  defaultPort: 5432,
  urlAt: (address) => `postgres://postgres@${formatAddress(address)}/admission`,
};
const REDIS: ServiceKind = {
  name: 'Redis',
  variable: 'REDIS_URL',
  defaultVariable: 'DEFAULT_REDIS_ADDRESS',
  defaultAddress: '127.0.0.1:6379',
  defaultPort: 6379,
  urlAt: (address) => `redis://${formatAddress(address)}`,
};

/**
 * The configured service when its variable is set (it must answer); else the one answering at the usual address;
 * else, outside production, one the launcher starts itself.
 */
async function plan(kind: ServiceKind, env: NodeJS.ProcessEnv): Promise<Plan> {
  const production = env.NODE_ENV === 'production';
  const configured = env[kind.variable];
  if (configured) {
    const address = addressOfUrl(configured, kind.defaultPort);
    if (await answers(address)) return { external: configured };
    throw new StartupError(
      `${kind.name} không trả lời tại ${formatAddress(address)} (${kind.variable}). Hãy khởi động nó, ` +
        (production ? 'hoặc sửa biến này.' : `hoặc bỏ ${kind.variable} để chạy thử với ${kind.name} tự khởi động.`),
    );
  }
  const usual = parseAddress(env[kind.defaultVariable] ?? kind.defaultAddress, kind.defaultVariable);
  if (await answers(usual)) return { external: kind.urlAt(usual) };
  if (production)
    throw new StartupError(
      `${kind.name} không trả lời tại ${formatAddress(usual)} và ${kind.variable} chưa đặt. Với NODE_ENV=production ` +
        `dịch vụ không tự khởi động ${kind.name}: đặt ${kind.variable} tới ${kind.name} của hệ thống.`,
    );
  return { embedded: true };
}

const describe = (kind: ServiceKind, started: StartedService | null, url: string, where: string) =>
  started
    ? `${kind.name} nhúng (embedded) tại ${formatAddress(started.address)}, dữ liệu trong ${where}`
    : `${kind.name} ngoài (external) tại ${formatAddress(addressOfUrl(url, kind.defaultPort))}`;

/** Finds or starts PostgreSQL and Redis. A missing `redis-server` is reported before PostgreSQL is initialised. */
export async function provideServices(env: NodeJS.ProcessEnv, options: ServiceOptions): Promise<Services> {
  const postgresPlan = await plan(POSTGRES, env);
  const redisPlan = await plan(REDIS, env);
  const redisServer = 'embedded' in redisPlan ? findRedisServer(env.PATH) : null;
  if ('embedded' in redisPlan && !redisServer)
    throw new StartupError(
      `Không có Redis tại ${env.DEFAULT_REDIS_ADDRESS ?? REDIS.defaultAddress} và không tìm thấy redis-server ` +
        `để tự khởi động. Cài Redis: ${redisInstallHint()}, hoặc đặt REDIS_URL tới một Redis có sẵn.`,
    );
  if (options.reset && 'external' in postgresPlan)
    throw new StartupError(
      `--reset chỉ xoá dữ liệu của PostgreSQL nhúng; PostgreSQL đang dùng là ` +
        `${formatAddress(addressOfUrl(postgresPlan.external, POSTGRES.defaultPort))} (ngoài), không xoá gì.`,
    );

  const postgresDir = join(options.dataDir, 'postgres');
  const redisDir = join(options.dataDir, 'redis');
  if (options.reset) for (const path of [postgresDir, redisDir]) rmSync(path, { recursive: true, force: true });

  const started: StartedService[] = [];
  const stop = async () => {
    for (const service of started.reverse()) await service.stop();
  };
  try {
    const redis = redisServer ? await startLocalRedis(redisDir, redisServer) : null;
    if (redis) started.push(redis);
    const postgres = 'embedded' in postgresPlan ? await startEmbeddedPostgres(postgresDir) : null;
    if (postgres) started.push(postgres);
    const databaseUrl = postgres?.url ?? (postgresPlan as { external: string }).external;
    const redisUrl = redis?.url ?? (redisPlan as { external: string }).external;
    return {
      databaseUrl,
      redisUrl,
      embedded: [postgres && 'postgres', redis && 'redis'].filter(Boolean).join(','),
      description: `${describe(POSTGRES, postgres, databaseUrl, postgresDir)}; ${describe(REDIS, redis, redisUrl, redisDir)}`,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

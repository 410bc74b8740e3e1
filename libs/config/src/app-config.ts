import { resolve } from 'node:path';
import { SystemClock, type Clock } from '@libs/clock';
import { dataKeysFrom, DEFAULT_DATABASE_URL, type DataKeys } from '@libs/persistence';
import { logConfigFrom, type LogConfig } from '@libs/logging';
import { metricsAccessFrom, type MetricsAccessConfig } from '@libs/metrics';
import { jwtSecretFrom } from './secrets';

/** Where a service runs: started by the launcher (`embedded`) or found at its address (`external`). */
export interface ServiceInUse {
  origin: 'embedded' | 'external';
  address: string;
}

export interface AppConfig {
  databaseUrl: string;
  redisUrl: string;
  /** Prefix of the BullMQ keys in Redis, so that several installations or test runs can share one Redis. */
  queuePrefix: string;
  port: number;
  jwtSecret: string;
  jwtSecretGenerated: boolean;
  tokenLifetime: string;
  admin: { username: string; password: string } | null;
  /** Origins allowed to call the API from a browser; empty: CORS is off (the web application is same-origin). */
  corsOrigins: string[];
  /** Express `trust proxy`: set behind a TLS-terminating proxy, so that client addresses and HTTPS are seen. */
  trustProxy: string | false;
  /** Keys that encrypt secrets at rest (webhook signing secrets). */
  dataKeys: DataKeys;
  /**
   * Hosts or address ranges (CIDR) that webhooks may target although they are loopback, link-local or private.
   * Empty: webhooks reach public addresses only.
   */
  webhookAllowedTargets: string[];
  /** Where the API and the worker read "now" and "today"; tests pin it. */
  clock: Clock;
  /** Which PostgreSQL and Redis are used, as `/health` reports it. */
  services: { postgres: ServiceInUse; redis: ServiceInUse };
  /** `LOG_LEVEL`, `LOG_FORMAT`; tests silence the logs or read them. */
  log: LogConfig;
  /** Who may read `/metrics`, and the worker's metrics port (`WORKER_METRICS_PORT`; none: the worker serves none). */
  metrics: { access: MetricsAccessConfig; workerPort: number | null };
  /** Reads of dossiers are recorded (`read_audit`); only the benchmark's baseline turns it off, never the environment. */
  auditReads?: boolean;
  /** The built web application (`npm run build` writes it to `dist/web`), served at `/`; absent: API only. */
  webRoot: string;
}

/** `host:port` of a service URL, never its credentials. */
function serviceInUse(url: string, defaultPort: number, embedded: boolean): ServiceInUse {
  const parsed = new URL(url);
  return { origin: embedded ? 'embedded' : 'external', address: `${parsed.hostname}:${parsed.port || defaultPort}` };
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

function workerMetricsPort(value: string | undefined): number | null {
  if (!value) return null;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`WORKER_METRICS_PORT must be a port number, got ${value}`);
  return port;
}

/** Configuration from the environment, with defaults that run on a fresh machine of this kind. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port <= 0) throw new Error(`PORT must be a port number, got ${env.PORT}`);
  const admin =
    env.ADMIN_USERNAME && env.ADMIN_PASSWORD ? { username: env.ADMIN_USERNAME, password: env.ADMIN_PASSWORD } : null;
  const databaseUrl = env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
  const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  // Set by the launcher for the processes it starts, naming the services it started itself.
  const embedded = (env.EMBEDDED_SERVICES ?? '').split(',');
  const jwt = jwtSecretFrom(env);
  return {
    databaseUrl,
    redisUrl,
    queuePrefix: env.QUEUE_PREFIX ?? 'admission',
    port,
    jwtSecret: jwt.secret,
    jwtSecretGenerated: jwt.generated,
    tokenLifetime: env.TOKEN_LIFETIME ?? '8h',
    admin,
    services: {
      postgres: serviceInUse(databaseUrl, 5432, embedded.includes('postgres')),
      redis: serviceInUse(redisUrl, 6379, embedded.includes('redis')),
    },
    corsOrigins: list(env.CORS_ORIGINS),
    trustProxy: env.TRUST_PROXY || false,
    dataKeys: dataKeysFrom(env),
    webhookAllowedTargets: list(env.WEBHOOK_ALLOWED_TARGETS),
    clock: new SystemClock(),
    webRoot: resolve(env.WEB_ROOT ?? 'dist/web'),
    log: logConfigFrom(env),
    metrics: { access: metricsAccessFrom(env), workerPort: workerMetricsPort(env.WORKER_METRICS_PORT) },
  };
}

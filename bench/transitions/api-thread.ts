import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { createApp } from '@apps/api/app.factory';
import type { AppConfig } from '@libs/config';
import { SqlProfile } from '../support/sql-profile';
import { serve } from '../support/thread';
import { configInThread } from '../support/thread-config';

/** The API as `main.ts` starts it, on a loopback port the system picks. */
let app: INestApplication | undefined;

/**
 * Every statement the application sends to PostgreSQL (TypeORM goes through pg's Client.query, promise style), and
 * with BENCH_SQL_PROFILE=1 what each kind costs the backend.
 */
let statements = 0;
const sqlProfile = process.env.BENCH_SQL_PROFILE === '1' ? new SqlProfile() : undefined;
const query = Client.prototype.query as (this: Client, ...args: unknown[]) => unknown;
Client.prototype.query = function (this: Client & { processID?: number | null }, ...args: unknown[]) {
  statements += 1;
  const text = typeof args[0] === 'string' ? args[0] : undefined;
  if (!sqlProfile || !text || typeof args.at(-1) === 'function') return query.apply(this, args);
  return sqlProfile.measure(this.processID, text, () => query.apply(this, args) as Promise<unknown>);
} as typeof Client.prototype.query;

serve({
  async start(config: AppConfig) {
    app = await createApp({ ...configInThread(config), log: { ...config.log, level: 'warn' } });
    await app.listen(0, '127.0.0.1');
    return (app.getHttpServer().address() as AddressInfo).port;
  },
  statements() {
    return statements;
  },
  sqlProfile() {
    return sqlProfile?.snapshot() ?? [];
  },
  async close() {
    await app?.close();
    app = undefined;
  },
});

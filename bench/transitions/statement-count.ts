import { Client } from 'pg';
import { SqlProfile } from '../support/sql-profile';

/**
 * Every statement the application sends to PostgreSQL (TypeORM goes through pg's Client.query, promise style), and
 * with BENCH_SQL_PROFILE=1 what each kind costs the backend. Imported before the application: the pool's client
 * (libs/persistence data-source.ts) keeps the `query` it finds when its module loads.
 */
export const counted = {
  statements: 0,
  sqlProfile: process.env.BENCH_SQL_PROFILE === '1' ? new SqlProfile() : undefined,
};

const query = Client.prototype.query as (this: Client, ...args: unknown[]) => unknown;
Client.prototype.query = function (this: Client & { processID?: number | null }, ...args: unknown[]) {
  counted.statements += 1;
  const first = args[0] as string | { text?: string } | undefined;
  const text = typeof first === 'string' ? first : first?.text;
  if (!counted.sqlProfile || !text || typeof args.at(-1) === 'function') return query.apply(this, args);
  return counted.sqlProfile.measure(this.processID, text, () => query.apply(this, args) as Promise<unknown>);
} as typeof Client.prototype.query;

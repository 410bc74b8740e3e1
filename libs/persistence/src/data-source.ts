import { Client, types, type Pool, type QueryResult } from 'pg';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { inOneWrite, type CorkableStream } from './one-write';
import { preparedStatementName } from './prepared-statements';

// Calendar dates stay 'YYYY-MM-DD' strings: a JavaScript Date would bring a time zone into them.
types.setTypeParser(types.builtins.DATE, (value) => value);

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/admission';

const clientQuery = Client.prototype.query as (this: Client, ...args: unknown[]) => unknown;

/** What TypeORM sends to open a transaction (PostgresQueryRunner.startTransaction), and to end one. */
const BEGIN = 'START TRANSACTION';
const ENDS = new Set(['COMMIT', 'ROLLBACK']);

/** The answer pg would give to BEGIN, or to a COMMIT or ROLLBACK of a transaction that never reached the server. */
const nothingSent = (command: string): QueryResult => ({ command, rowCount: null, oid: 0, fields: [], rows: [] });

/**
 * A pool connection that sends the registered statements by name (prepared-statements.ts), that sends BEGIN in the
 * same write as the transaction's first statement, and that never turns a lost connection into an unhandled 'error'
 * event.
 *
 * BEGIN: every round trip costs the API's thread a system call that hands the bytes to PostgreSQL (a quarter of its
 * time in the transitions benchmark). BEGIN is held back until the next statement, and the two go out together
 * (pg's pipeline mode, which sends a query without waiting for the answer to the one before; each keeps its own
 * answer or error). A statement of the transaction can only start after BEGIN anyway, and READ COMMITTED takes its
 * snapshot per statement, so nothing the transaction sees changes; if BEGIN fails, its error is the statement's.
 * A COMMIT or ROLLBACK of a transaction that sent nothing sends nothing. With pipeline mode, pg refuses cursors and
 * the `rows` option (none are used).
 *
 * Errors: when PostgreSQL ends a connection a query runner holds (a restart, pg_terminate_backend), pg can emit
 * 'error' twice: TypeORM's listener takes the first and releases the connection, and a second one with no listener
 * left would bring the process down. The query that was running gets the error itself; the event adds nothing, so
 * it is taken here and dropped.
 */
class PoolClient extends Client {
  private beginHeld = false;

  constructor(config: ConstructorParameters<typeof Client>[0]) {
    super({ ...(typeof config === 'string' ? { connectionString: config } : config), pipeline: true });
    this.on('error', () => undefined);
    this.query = ((query: unknown, ...rest: unknown[]) => {
      if (query === BEGIN && rest.every((argument) => argument === undefined) && !this.beginHeld) {
        this.beginHeld = true;
        return Promise.resolve(nothingSent('BEGIN'));
      }
      if (!this.beginHeld) return this.send(query, rest);
      this.beginHeld = false;
      const callback = typeof rest.at(-1) === 'function' ? (rest.pop() as (...args: unknown[]) => void) : undefined;
      const answer = this.withBegin(query, rest);
      if (!callback) return answer;
      answer.then((result) => callback(null, result), callback);
      return undefined;
    }) as Client['query'];
  }

  /**
   * Back in the pool: a transaction opened and abandoned before its first statement never reached the server, and its
   * held BEGIN must not open one for the next borrower's statements.
   */
  forgetHeldBegin(): void {
    this.beginHeld = false;
  }

  /** BEGIN and `query` in one write; the answer to `query`, or BEGIN's error first. */
  private async withBegin(query: unknown, rest: unknown[]): Promise<unknown> {
    if (typeof query === 'string' && ENDS.has(query)) return nothingSent(query);
    const { answers, failed } = await inOneWrite(this.connection.stream as unknown as CorkableStream, () => [
      clientQuery.call(this, BEGIN) as Promise<unknown>,
      this.send(query, rest) as Promise<unknown>,
    ]);
    if (failed >= 0) throw (answers[failed] as PromiseRejectedResult).reason;
    return (answers[1] as PromiseFulfilledResult<unknown>).value;
  }

  private send(query: unknown, rest: unknown[]): unknown {
    const name = typeof query === 'string' ? preparedStatementName(query) : undefined;
    return name
      ? clientQuery.call(this, { name, text: query, values: rest[0] }, ...rest.slice(1))
      : clientQuery.call(this, query, ...rest);
  }
}

export function createDataSource(url: string, poolSize = 20): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    synchronize: false,
    migrationsTransactionMode: 'all',
    extra: { max: poolSize, Client: PoolClient },
  });
}

/** Creates the database named in `url` when it does not exist yet (a fresh machine has none). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0)
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`).catch((error: { code?: string }) => {
        // Another process (a second machine starting at the same moment) created it first.
        if (error.code !== '42P04' && error.code !== '23505') throw error;
      });
  } finally {
    await client.end();
  }
}

/**
 * A migration that rewrites a table (adding a stored generated column, say) leaves its visibility map empty: until
 * the table is vacuumed, index-only scans read its rows again, and autovacuum does not count a rewrite as changes.
 * Migrations run in one transaction, where VACUUM cannot: a migration names the tables it rewrites in `rewrites`.
 */
interface RewritingMigration {
  rewrites?: readonly string[];
}

/** Any fixed number: the advisory lock that lets one process at a time apply migrations. */
const MIGRATION_LOCK = 7_164_210_843;

/**
 * Processes and machines that start together against one database each try to apply the pending migrations:
 * one at a time, the others then find nothing left to do.
 */
async function whileHoldingMigrationLock<T>(dataSource: DataSource, work: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return await work();
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

/** Connects, creating the database if needed, applies pending migrations and vacuums the tables they rewrote. */
export async function openDatabase(url: string, poolSize?: number): Promise<DataSource> {
  await ensureDatabase(url);
  const dataSource = createDataSource(url, poolSize);
  await dataSource.initialize();
  // TypeORM's PostgreSQL driver keeps its pg Pool as `master` (its module is not exported to a build).
  (dataSource.driver as unknown as { master: Pool }).master.on('release', (_error, client) =>
    (client as unknown as PoolClient).forgetHeldBegin(),
  );
  const applied = await whileHoldingMigrationLock(dataSource, () => dataSource.runMigrations());
  const rewritten = new Set(
    applied.flatMap((migration) => (migration.instance as RewritingMigration | undefined)?.rewrites ?? []),
  );
  for (const table of rewritten) await dataSource.query(`VACUUM (ANALYZE) ${dataSource.driver.escape(table)}`);
  return dataSource;
}

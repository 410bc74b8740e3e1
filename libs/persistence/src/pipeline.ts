import type { QueryResult } from 'pg';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, type QueryRunner } from 'typeorm';
import { inOneWrite, type CorkableStream } from './one-write';

/** A statement sent in a pipeline: its text (a registered one goes by name, see data-source.ts) and parameters. */
export interface PipelinedStatement {
  sql: string;
  params: unknown[];
}

/** The parts of the pool's pg client a pipeline uses. */
interface PipelineClient {
  query(sql: string, params: unknown[]): Promise<QueryResult>;
  connection: { stream: CorkableStream };
}

/** What TypeORM keeps of a transaction (PostgresQueryRunner), ended here as its `commitTransaction` ends it. */
interface TransactionState {
  isTransactionActive: boolean;
  transactionDepth: number;
}

const COMMIT: PipelinedStatement = { sql: 'COMMIT', params: [] };

/**
 * Statements that do not need each other's answers, sent to PostgreSQL in one write (pg's pipeline mode keeps one
 * answer per statement): one round trip for all of them, where awaiting each would cost one apiece. Answers each
 * statement's rows, in order. When one fails, PostgreSQL aborts the transaction and refuses the ones after it: the
 * first failure is the error thrown, as TypeORM's `query` would throw it.
 */
export async function pipelined(db: QueryRunner, statements: readonly PipelinedStatement[]): Promise<unknown[][]> {
  if (!statements.length) return [];
  const answers = await answersTo(db, statements);
  return answers.map((answer) => answer.rows);
}

/**
 * `pipelined`, with COMMIT in the same write: the transaction ends with this round trip, whatever its outcome, and
 * the query runner knows it (TypeORM's `commitTransaction`, which would send COMMIT again, must not follow).
 * PostgreSQL answers the COMMIT of a transaction that a statement aborted with ROLLBACK: that statement's error is
 * thrown, and nothing was committed. Ends the outermost transaction only; a savepoint is not released this way.
 * TypeORM's transaction events are not broadcast (no subscriber is registered on the data source).
 */
export async function commitWith(db: QueryRunner, statements: readonly PipelinedStatement[]): Promise<unknown[][]> {
  const transaction = db as unknown as TransactionState;
  if (!db.isTransactionActive || transaction.transactionDepth !== 1)
    throw new Error('commitWith ends the outermost transaction of its query runner, and none is open');
  try {
    const answers = await answersTo(db, [...statements, COMMIT]);
    const commit = answers.pop()!;
    // A rollback that no statement's error explains: never reported as success.
    if (commit.command !== 'COMMIT') throw new Error(`PostgreSQL answered COMMIT with ${commit.command}`);
    return answers.map((answer) => answer.rows);
  } finally {
    // Committed, rolled back by PostgreSQL, or lost with the connection (the server then rolls it back): over.
    transaction.isTransactionActive = false;
    transaction.transactionDepth = 0;
  }
}

/** Sends every statement in one write and waits for all the answers; throws the error of the first that failed. */
async function answersTo(db: QueryRunner, statements: readonly PipelinedStatement[]): Promise<QueryResult[]> {
  if (db.isReleased) throw new QueryRunnerAlreadyReleasedError();
  const client = (await db.connect()) as PipelineClient;
  const { answers, failed } = await inOneWrite(client.connection.stream, () =>
    statements.map(({ sql, params }) => client.query(sql, params)),
  );
  if (failed >= 0) {
    const { sql, params } = statements[failed];
    const reason = (answers[failed] as PromiseRejectedResult).reason as Error;
    db.dataSource.logger.logQueryError(reason, sql, params, db);
    throw new QueryFailedError(sql, params, reason);
  }
  return answers.map((answer) => (answer as PromiseFulfilledResult<QueryResult>).value);
}

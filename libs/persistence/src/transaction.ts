import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource, QueryRunner } from 'typeorm';
import { isRetryableConflict } from './database-errors';

/** Attempts of one transaction in all; a deadlock between two transactions resolves on the first retry. */
const ATTEMPTS = 8;
const BACKOFF_BASE_MS = 10;
const BACKOFF_CAP_MS = 400;

/** Full jitter: two transactions that deadlocked each other do not come back at the same instant. */
function backoffMs(attempt: number): number {
  return Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
}

async function once<T>(dataSource: DataSource, work: (db: QueryRunner) => Promise<T>): Promise<T> {
  const db = dataSource.createQueryRunner();
  try {
    await db.connect();
    await db.startTransaction();
    const result = await work(db);
    // `work` may have ended the transaction itself, its last statements sent with COMMIT (`commitWith`).
    if (db.isTransactionActive) await db.commitTransaction();
    return result;
  } catch (error) {
    // On a lost connection the rollback fails too; the error worth reporting is the first one.
    if (db.isTransactionActive) await db.rollbackTransaction().catch(() => undefined);
    throw error;
  } finally {
    await db.release().catch(() => undefined);
  }
}

/**
 * Runs `work` in a transaction, and runs the WHOLE transaction again (reads included) when PostgreSQL aborts it
 * for a deadlock or a serialization failure, up to `ATTEMPTS` times with a jittered backoff: the caller sees the
 * conflict only as latency. `work` must therefore have no effect outside the transaction. It may commit with its
 * last round trip (`commitWith`); otherwise the transaction commits when it returns.
 */
export async function inRetriedTransaction<T>(
  dataSource: DataSource,
  work: (db: QueryRunner) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await once(dataSource, work);
    } catch (error) {
      if (!isRetryableConflict(error) || attempt >= ATTEMPTS) throw error;
      await sleep(backoffMs(attempt));
    }
  }
}

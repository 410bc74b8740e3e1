import type { DataSource, QueryRunner } from 'typeorm';
import { openDatabase } from '@libs/persistence';
import { dropDatabase, testDatabaseUrl } from './test-database';

/** A suite's own database on the application's pool, and a connected query runner for each test. */
export interface QueryRunnerSuite {
  url: string;
  dataSource: DataSource;
  db: QueryRunner;
  /** The organisations' names as another connection sees them: what is committed. */
  names(): Promise<string[]>;
  /** A backend's state in pg_stat_activity: 'idle', 'idle in transaction', 'active'. */
  stateOf(pid: number): Promise<string>;
}

/** Registers the suite's hooks; each test's runner is rolled back if it was left in a transaction, then released. */
export function queryRunnerSuite(name: string): QueryRunnerSuite {
  const suite = {
    url: testDatabaseUrl(name),
    names: async () =>
      (await suite.dataSource.query('SELECT name FROM organizations ORDER BY name')).map(
        (row: { name: string }) => row.name,
      ),
    stateOf: async (pid: number) =>
      (await suite.dataSource.query('SELECT state FROM pg_stat_activity WHERE pid = $1', [pid]))[0]?.state,
  } as QueryRunnerSuite;

  beforeAll(async () => {
    suite.dataSource = await openDatabase(suite.url);
  });
  beforeEach(async () => {
    suite.db = suite.dataSource.createQueryRunner();
    await suite.db.connect();
  });
  afterEach(async () => {
    if (suite.db.isTransactionActive) await suite.db.rollbackTransaction();
    await suite.db.release();
    await suite.dataSource.query('DELETE FROM organizations');
  });
  afterAll(async () => {
    await suite.dataSource?.destroy();
    await dropDatabase(suite.url);
  });
  return suite;
}

import type { DataSource, QueryRunner } from 'typeorm';
import { inRetriedTransaction, openDatabase } from '@libs/persistence';
import { dropDatabase, testDatabaseUrl } from './support/test-database';

/** The pool's connections send BEGIN with a transaction's first statement (data-source.ts): still one transaction. */
describe('BEGIN sent with the first statement', () => {
  const url = testDatabaseUrl('begin');
  let dataSource: DataSource;
  let db: QueryRunner;

  const stateOf = async (pid: number) =>
    (await dataSource.query('SELECT state FROM pg_stat_activity WHERE pid = $1', [pid]))[0].state as string;
  const names = async () =>
    (await dataSource.query('SELECT name FROM organizations ORDER BY name')).map((row: { name: string }) => row.name);

  beforeAll(async () => {
    dataSource = await openDatabase(url);
  });
  beforeEach(async () => {
    db = dataSource.createQueryRunner();
    await db.connect();
  });
  afterEach(async () => {
    if (db.isTransactionActive) await db.rollbackTransaction();
    await db.release();
    await dataSource.query('DELETE FROM organizations');
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await dropDatabase(url);
  });

  it('opens the transaction on the server with the first statement, which runs inside it', async () => {
    const [{ pid }] = await db.query('SELECT pg_backend_pid() AS pid');
    await db.startTransaction();
    expect(await stateOf(pid)).toBe('idle');
    // Outside a transaction, each statement would be given a transaction id of its own.
    const [first] = await db.query('SELECT txid_current() AS id');
    await db.query(`INSERT INTO organizations (name, kind, path) VALUES ('Thành ủy', 'committee', '/x/')`);
    expect(await db.query('SELECT txid_current() AS id')).toEqual([first]);
    expect(await stateOf(pid)).toBe('idle in transaction');
    expect(await names()).toEqual([]);
    await db.commitTransaction();
    expect(await stateOf(pid)).toBe('idle');
    expect(await names()).toEqual(['Thành ủy']);
  });

  it('a transaction abandoned before its first statement holds nothing back for the next borrower', async () => {
    const pool = await openDatabase(url, 2);
    try {
      const abandoned = pool.createQueryRunner();
      await abandoned.connect();
      const [{ pid }] = await abandoned.query('SELECT pg_backend_pid() AS pid');
      await abandoned.startTransaction();
      await abandoned.release();
      // The pool lends the connection released last: the very one the transaction was opened on.
      const next = pool.createQueryRunner();
      await next.connect();
      try {
        expect(await next.query('SELECT pg_backend_pid() AS pid')).toEqual([{ pid }]);
        await next.query(`INSERT INTO organizations (name, kind, path) VALUES ('Đảng ủy', 'grassroots', '/y/')`);
        // Committed on its own, as a statement outside any transaction is: the other pool sees it.
        expect(await names()).toEqual(['Đảng ủy']);
      } finally {
        await next.release();
      }
    } finally {
      await pool.destroy();
    }
  });

  it('rolls back every statement of the transaction, the first included', async () => {
    await db.startTransaction();
    await db.query(`INSERT INTO organizations (name, kind, path) VALUES ('Chi bộ 1', 'cell', '/a/')`);
    await db.query(`INSERT INTO organizations (name, kind, path) VALUES ('Chi bộ 2', 'cell', '/b/')`);
    await db.rollbackTransaction();
    expect(await names()).toEqual([]);
  });

  it('a first statement that fails leaves the transaction to roll back, and the connection usable', async () => {
    await db.startTransaction();
    await expect(db.query('SELECT 1 / 0')).rejects.toThrow('division by zero');
    await expect(db.query('SELECT 1')).rejects.toThrow('current transaction is aborted');
    await db.rollbackTransaction();
    expect(await db.query('SELECT 2 AS n')).toEqual([{ n: 2 }]);
  });

  it('an empty transaction sends nothing, and the next one opens as usual', async () => {
    const [{ pid }] = await db.query('SELECT pg_backend_pid() AS pid');
    await db.startTransaction();
    await db.commitTransaction();
    await db.startTransaction();
    await db.rollbackTransaction();
    expect(await stateOf(pid)).toBe('idle');
    await db.startTransaction();
    await db.query(`INSERT INTO organizations (name, kind, path) VALUES ('Đảng bộ', 'grassroots', '/g/')`);
    await db.rollbackTransaction();
    expect(await names()).toEqual([]);
  });

  it('a transaction that throws leaves nothing behind (inRetriedTransaction)', async () => {
    await expect(
      inRetriedTransaction(dataSource, async (tx) => {
        await tx.query(`INSERT INTO organizations (name, kind, path) VALUES ('Chi bộ 3', 'cell', '/c/')`);
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await names()).toEqual([]);
  });
});

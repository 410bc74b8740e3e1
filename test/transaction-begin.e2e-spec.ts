import { inRetriedTransaction, openDatabase } from '@libs/persistence';
import { queryRunnerSuite } from './support/query-runner-suite';

/** The pool's connections send BEGIN with a transaction's first statement (data-source.ts): still one transaction. */
describe('BEGIN sent with the first statement', () => {
  const suite = queryRunnerSuite('begin');

  it('opens the transaction on the server with the first statement, which runs inside it', async () => {
    const [{ pid }] = await suite.db.query('SELECT pg_backend_pid() AS pid');
    await suite.db.startTransaction();
    expect(await suite.stateOf(pid)).toBe('idle');
    // Outside a transaction, each statement would be given a transaction id of its own.
    const [first] = await suite.db.query('SELECT txid_current() AS id');
    await suite.db.query(`INSERT INTO organizations (name, kind, path) VALUES ('Thành ủy', 'committee', '/x/')`);
    expect(await suite.db.query('SELECT txid_current() AS id')).toEqual([first]);
    expect(await suite.stateOf(pid)).toBe('idle in transaction');
    expect(await suite.names()).toEqual([]);
    await suite.db.commitTransaction();
    expect(await suite.stateOf(pid)).toBe('idle');
    expect(await suite.names()).toEqual(['Thành ủy']);
  });

  it('a transaction abandoned before its first statement holds nothing back for the next borrower', async () => {
    const pool = await openDatabase(suite.url, 2);
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
        expect(await suite.names()).toEqual(['Đảng ủy']);
      } finally {
        await next.release();
      }
    } finally {
      await pool.destroy();
    }
  });

  it('rolls back every statement of the transaction, the first included', async () => {
    await suite.db.startTransaction();
    await suite.db.query(`INSERT INTO organizations (name, kind, path) VALUES ('Chi bộ 1', 'cell', '/a/')`);
    await suite.db.query(`INSERT INTO organizations (name, kind, path) VALUES ('Chi bộ 2', 'cell', '/b/')`);
    await suite.db.rollbackTransaction();
    expect(await suite.names()).toEqual([]);
  });

  it('a first statement that fails leaves the transaction to roll back, and the connection usable', async () => {
    await suite.db.startTransaction();
    await expect(suite.db.query('SELECT 1 / 0')).rejects.toThrow('division by zero');
    await expect(suite.db.query('SELECT 1')).rejects.toThrow('current transaction is aborted');
    await suite.db.rollbackTransaction();
    expect(await suite.db.query('SELECT 2 AS n')).toEqual([{ n: 2 }]);
  });

  it('an empty transaction sends nothing, and the next one opens as usual', async () => {
    const [{ pid }] = await suite.db.query('SELECT pg_backend_pid() AS pid');
    await suite.db.startTransaction();
    await suite.db.commitTransaction();
    await suite.db.startTransaction();
    await suite.db.rollbackTransaction();
    expect(await suite.stateOf(pid)).toBe('idle');
    await suite.db.startTransaction();
    await suite.db.query(`INSERT INTO organizations (name, kind, path) VALUES ('Đảng bộ', 'grassroots', '/g/')`);
    await suite.db.rollbackTransaction();
    expect(await suite.names()).toEqual([]);
  });

  it('a transaction that throws leaves nothing behind (inRetriedTransaction)', async () => {
    await expect(
      inRetriedTransaction(suite.dataSource, async (tx) => {
        await tx.query(`INSERT INTO organizations (name, kind, path) VALUES ('Chi bộ 3', 'cell', '/c/')`);
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect(await suite.names()).toEqual([]);
  });
});

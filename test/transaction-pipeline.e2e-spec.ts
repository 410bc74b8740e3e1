import { QueryFailedError, type QueryRunner } from 'typeorm';
import { commitWith, inRetriedTransaction, isDatabaseUnavailable, pipelined } from '@libs/persistence';
import { traceConnection, WRITE } from './support/connection-trace';
import { queryRunnerSuite } from './support/query-runner-suite';
import { eventually } from './support/waiting';

const insert = (name: string, path: string) => ({
  sql: `INSERT INTO organizations (name, kind, path) VALUES ($1, 'cell', $2) RETURNING name`,
  params: [name, path],
});
const rename = (path: string, suffix: string) => ({
  sql: 'UPDATE organizations SET name = name || $2 WHERE path = $1',
  params: [path, suffix],
});

/** Statements sent together, the last with COMMIT (pipeline.ts): one write, one round trip, one outcome. */
describe('pipelined statements and COMMIT', () => {
  const suite = queryRunnerSuite('pipeline');
  /** How many writes the runner's connection hands its socket while `during` runs. */
  const writesDuring = async (runner: QueryRunner, during: () => Promise<unknown>) => {
    const sent: string[] = [];
    const untrace = traceConnection(await runner.connect(), sent);
    try {
      await during();
    } finally {
      untrace();
    }
    return sent.filter((entry) => entry === WRITE).length;
  };

  it('sends the statements and COMMIT in one write, answers each in order and ends the transaction', async () => {
    const [{ pid }] = await suite.db.query('SELECT pg_backend_pid() AS pid');
    await suite.db.startTransaction();
    await suite.db.query(`INSERT INTO organizations (name, kind, path) VALUES ('Chi bộ 1', 'cell', '/1/')`);
    let answers: unknown[][] = [];
    const writes = await writesDuring(suite.db, async () => {
      answers = await commitWith(suite.db, [
        insert('Chi bộ 2', '/2/'),
        rename('/1/', ' mới'),
        insert('Chi bộ 3', '/3/'),
      ]);
    });
    expect(writes).toBe(1);
    expect(answers).toEqual([[{ name: 'Chi bộ 2' }], [], [{ name: 'Chi bộ 3' }]]);
    expect(suite.db.isTransactionActive).toBe(false);
    expect(await suite.stateOf(pid)).toBe('idle');
    expect(await suite.names()).toEqual(['Chi bộ 1 mới', 'Chi bộ 2', 'Chi bộ 3']);
    // The runner opens its next transaction as usual.
    await suite.db.startTransaction();
    await suite.db.query(`INSERT INTO organizations (name, kind, path) VALUES ('Chi bộ 4', 'cell', '/4/')`);
    await suite.db.rollbackTransaction();
    expect(await suite.names()).toEqual(['Chi bộ 1 mới', 'Chi bộ 2', 'Chi bộ 3']);
  });

  it('pipelined statements without COMMIT leave the transaction open for the statements after them', async () => {
    await suite.db.startTransaction();
    await suite.db.query(`INSERT INTO organizations (name, kind, path) VALUES ('Chi bộ 1', 'cell', '/1/')`);
    let answers: unknown[][] = [];
    const writes = await writesDuring(suite.db, async () => {
      answers = await pipelined(suite.db, [insert('Chi bộ 2', '/2/'), insert('Chi bộ 3', '/3/')]);
    });
    expect(writes).toBe(1);
    expect(answers).toEqual([[{ name: 'Chi bộ 2' }], [{ name: 'Chi bộ 3' }]]);
    expect(suite.db.isTransactionActive).toBe(true);
    expect(await suite.names()).toEqual([]);
    await suite.db.rollbackTransaction();
    expect(await suite.names()).toEqual([]);
  });

  it('a failing statement commits nothing: its own error is thrown, and the connection comes back clean', async () => {
    const [{ pid }] = await suite.db.query('SELECT pg_backend_pid() AS pid');
    await suite.db.startTransaction();
    await suite.db.query(`INSERT INTO organizations (name, kind, path) VALUES ('Chi bộ 1', 'cell', '/1/')`);
    const failure = await commitWith(suite.db, [
      insert('Chi bộ 2', '/2/'),
      insert('Chi bộ trùng', '/1/'),
      insert('Chi bộ 3', '/3/'),
    ]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError).driverError).toMatchObject({
      code: '23505',
      constraint: 'organizations_path_key',
    });
    expect(suite.db.isTransactionActive).toBe(false);
    expect(await suite.stateOf(pid)).toBe('idle');
    expect(await suite.names()).toEqual([]);
    // Outside any transaction, a statement commits on its own.
    await suite.db.query(`INSERT INTO organizations (name, kind, path) VALUES ('Chi bộ 5', 'cell', '/5/')`);
    expect(await suite.names()).toEqual(['Chi bộ 5']);
  });

  it('never reports success when PostgreSQL answers COMMIT with ROLLBACK', async () => {
    await suite.db.startTransaction();
    await suite.db.query(`INSERT INTO organizations (name, kind, path) VALUES ('Chi bộ 1', 'cell', '/1/')`);
    await expect(suite.db.query('SELECT 1 / 0')).rejects.toThrow('division by zero');
    await expect(commitWith(suite.db, [])).rejects.toThrow('PostgreSQL answered COMMIT with ROLLBACK');
    expect(suite.db.isTransactionActive).toBe(false);
    expect(await suite.names()).toEqual([]);
  });

  it('a deadlock met in the pipeline runs the whole transaction again (inRetriedTransaction)', async () => {
    await suite.dataSource.query(
      `INSERT INTO organizations (name, kind, path) VALUES ('A', 'cell', '/a/'), ('B', 'cell', '/b/')`,
    );
    // The first attempts each lock one row, wait for the other, then ask for the other's row in their pipeline.
    let locked = 0;
    let bothLocked!: () => void;
    const barrier = new Promise<void>((resolve) => (bothLocked = resolve));
    const attempts = { one: 0, two: 0 };
    const crossing = (who: 'one' | 'two', first: string, second: string) =>
      inRetriedTransaction(suite.dataSource, async (tx) => {
        attempts[who] += 1;
        await tx.query(rename(first, who).sql, rename(first, who).params);
        if (attempts[who] === 1 && ++locked === 2) bothLocked();
        if (attempts[who] === 1) await barrier;
        await commitWith(tx, [rename(second, who)]);
      });

    await Promise.all([crossing('one', '/a/', '/b/'), crossing('two', '/b/', '/a/')]);

    // PostgreSQL aborted one of the two first attempts; it ran again after the other committed.
    expect(attempts.one + attempts.two).toBe(3);
    const [a, b] = await suite.names();
    expect([a, b].sort()).toEqual(attempts.one === 2 ? ['Atwoone', 'Btwoone'] : ['Aonetwo', 'Bonetwo']);
  });

  it('a connection lost mid-pipeline is an error the service answers 503 to, never success', async () => {
    const [{ pid }] = await suite.db.query('SELECT pg_backend_pid() AS pid');
    await suite.db.startTransaction();
    await suite.db.query(`INSERT INTO organizations (name, kind, path) VALUES ('Chi bộ 1', 'cell', '/1/')`);
    const outcome = commitWith(suite.db, [insert('Chi bộ 2', '/2/'), { sql: 'SELECT pg_sleep(30)', params: [] }]).catch(
      (error: unknown) => error,
    );
    await eventually(async () => (await suite.stateOf(pid)) === 'active');
    await suite.dataSource.query('SELECT pg_terminate_backend($1)', [pid]);
    const failure = await outcome;
    expect(failure).toBeInstanceOf(Error);
    expect(isDatabaseUnavailable(failure)).toBe(true);
    expect(suite.db.isTransactionActive).toBe(false);
    expect(await suite.names()).toEqual([]);
  });
});

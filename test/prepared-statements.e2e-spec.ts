import type { DataSource, QueryRunner } from 'typeorm';
import { openDatabase, preparedStatement } from '@libs/persistence';
import { dropDatabase, testDatabaseUrl } from './support/test-database';

describe('Prepared statements', () => {
  const url = testDatabaseUrl('prepared');
  let dataSource: DataSource;
  let db: QueryRunner;

  // One connection: what it has prepared is what pg_prepared_statements shows to it.
  beforeAll(async () => {
    dataSource = await openDatabase(url);
    db = dataSource.createQueryRunner();
    await db.connect();
  });
  afterAll(async () => {
    await db?.release();
    await dataSource?.destroy();
    await dropDatabase(url);
  });

  it('a registered statement is prepared once on the connection, by its name, and answers as the same text unregistered', async () => {
    const text = preparedStatement(
      'test.organisations-of-kind',
      'SELECT count(*)::int AS n FROM organizations WHERE kind = $1',
    );
    await db.query(`INSERT INTO organizations (name, kind, path) VALUES ('Thành ủy', 'committee', '/x/')`);
    const unregistered = `${text} `;
    for (const kind of ['committee', 'cell', 'committee'])
      expect(await db.query(text, [kind])).toEqual(await db.query(unregistered, [kind]));
    expect(await db.query('SELECT name, statement FROM pg_prepared_statements')).toEqual([
      { name: 'test.organisations-of-kind', statement: text },
    ]);
  });

  it('one name is one text', () => {
    preparedStatement('test.one', 'SELECT 1');
    expect(preparedStatement('test.one', 'SELECT 1')).toBe('SELECT 1');
    expect(() => preparedStatement('test.one', 'SELECT 2')).toThrow('test.one');
    expect(() => preparedStatement('test.two', 'SELECT 1')).toThrow('test.two');
  });
});

import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

const SERVER = process.env.TEST_DATABASE_SERVER ?? 'postgres://postgres@127.0.0.1:5432';

/** A throw-away database per suite, so suites never see each other's rows. */
export function testDatabaseUrl(suite: string): string {
  const name = `admission_test_${suite.replace(/\W/g, '_')}_${randomBytes(3).toString('hex')}`;
  return `${SERVER}/${name}`;
}

export async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const client = new Client({ connectionString: `${SERVER}/postgres` });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

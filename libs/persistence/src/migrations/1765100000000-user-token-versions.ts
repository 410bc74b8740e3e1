import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tokens must not outlive their holder's rights: each user has a token version that every access token carries and
 * every request compares; disabling, deleting, or changing roles, scope or password bumps it. Deleted users stay
 * as rows (the history names them) but can no longer log in.
 */
export class UserTokenVersions1765100000000 implements MigrationInterface {
  name = 'UserTokenVersions1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 1,
      ADD COLUMN disabled_at timestamptz, ADD COLUMN deleted_at timestamptz`);
    await db.query('CREATE INDEX users_by_scope ON users (scope_org_id)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX users_by_scope');
    await db.query('ALTER TABLE users DROP COLUMN deleted_at, DROP COLUMN disabled_at, DROP COLUMN token_version');
  }
}

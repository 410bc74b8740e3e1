import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Imports of past members, one row per file: its SHA-256 (or the client's Idempotency-Key) makes a second upload of
 * the same file answer the first result instead of importing everyone twice, and large files run in the background
 * with their progress here. A failed or refused import does not hold its file: it can be sent again.
 */
export class MemberImports1765100000002 implements MigrationInterface {
  name = 'MemberImports1765100000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE member_imports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      file_hash text NOT NULL,
      idempotency_key text,
      user_id uuid NOT NULL REFERENCES users(id),
      mode text NOT NULL CHECK (mode IN ('perLine', 'allOrNothing')),
      status text NOT NULL CHECK (status IN ('running', 'done', 'refused', 'failed')),
      total integer NOT NULL,
      processed integer NOT NULL DEFAULT 0,
      imported integer NOT NULL DEFAULT 0,
      rejected jsonb NOT NULL DEFAULT '[]',
      error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    )`);
    await db.query(`CREATE UNIQUE INDEX member_imports_file ON member_imports (file_hash)
      WHERE status IN ('running', 'done')`);
    await db.query(`CREATE UNIQUE INDEX member_imports_key ON member_imports (user_id, idempotency_key)
      WHERE idempotency_key IS NOT NULL AND status IN ('running', 'done')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE member_imports');
  }
}

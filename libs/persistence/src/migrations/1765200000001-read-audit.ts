import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who read what: one row per dossier read (the dossier, its history, its refusals, a document, or a line of a list),
 * with the reader, the time and the address. Append-only like the history: a trail one can edit proves nothing.
 */
export class ReadAudit1765200000001 implements MigrationInterface {
  name = 'ReadAudit1765200000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE read_audit (
      id bigserial PRIMARY KEY,
      read_at timestamptz NOT NULL DEFAULT now(),
      user_id uuid NOT NULL,
      username text NOT NULL,
      dossier_id uuid NOT NULL,
      what text NOT NULL,
      address text,
      request_id text
    )`);
    await db.query(`CREATE INDEX read_audit_by_dossier ON read_audit (dossier_id, read_at)`);
    await db.query(`CREATE INDEX read_audit_by_user ON read_audit (user_id, read_at)`);
    // Rows arrive in time order: a BRIN index serves periods at almost no cost per insert.
    await db.query(`CREATE INDEX read_audit_by_time ON read_audit USING brin (read_at)`);
    await db.query(`CREATE FUNCTION forbid_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'read_audit is append-only'; END $$`);
    await db.query(`CREATE TRIGGER read_audit_append_only BEFORE UPDATE OR DELETE ON read_audit
      FOR EACH ROW EXECUTE FUNCTION forbid_audit_change()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE read_audit`);
    await db.query(`DROP FUNCTION forbid_audit_change`);
  }
}

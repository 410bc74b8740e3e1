import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reads of more than one dossier's data: a training class, its certificates, a report. Such a read is one row
 * without a dossier, naming what was read (`subject`: the request's path and query) and the organisation it belongs
 * to (`org_path`, for the scope of `GET /api/audit`); the dossiers it showed keep a row each, as before.
 */
export class ReadAuditBeyondDossiers1765400000000 implements MigrationInterface {
  name = 'ReadAuditBeyondDossiers1765400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE read_audit ALTER COLUMN dossier_id DROP NOT NULL,
      ADD COLUMN subject text, ADD COLUMN org_path text,
      ADD CONSTRAINT read_audit_names_what_was_read
        CHECK (dossier_id IS NOT NULL OR (subject IS NOT NULL AND org_path IS NOT NULL))`);
    await db.query(`CREATE INDEX read_audit_by_org_path ON read_audit (org_path text_pattern_ops, read_at)
      WHERE dossier_id IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    // Rows without a dossier cannot stay, and the table is append-only: the trigger must let them go.
    await db.query(`ALTER TABLE read_audit DISABLE TRIGGER read_audit_append_only`);
    await db.query(`DELETE FROM read_audit WHERE dossier_id IS NULL`);
    await db.query(`ALTER TABLE read_audit ENABLE TRIGGER read_audit_append_only`);
    await db.query(`DROP INDEX read_audit_by_org_path`);
    await db.query(`ALTER TABLE read_audit DROP CONSTRAINT read_audit_names_what_was_read,
      DROP COLUMN subject, DROP COLUMN org_path, ALTER COLUMN dossier_id SET NOT NULL`);
  }
}

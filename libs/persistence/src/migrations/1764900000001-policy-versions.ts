import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Policy versions (the legal numbers by effective date), published by administrators without a deploy. Each row is
 * also the audit of its publication: who, when, which version it amends and what changed. Rows are never changed.
 */
export class PolicyVersions1764900000001 implements MigrationInterface {
  name = 'PolicyVersions1764900000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE policy_versions (
      version text PRIMARY KEY,
      workflow text NOT NULL,
      effective_from date NOT NULL,
      parameters jsonb NOT NULL,
      citation text NOT NULL,
      note text NOT NULL DEFAULT '',
      base_version text REFERENCES policy_versions(version),
      changes jsonb NOT NULL DEFAULT '{}',
      created_by_id uuid,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX policy_versions_by_workflow ON policy_versions (workflow, effective_from)`);
    await db.query(`CREATE FUNCTION forbid_policy_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'policy_versions is append-only'; END $$`);
    await db.query(`CREATE TRIGGER policy_versions_append_only BEFORE UPDATE OR DELETE ON policy_versions
      FOR EACH ROW EXECUTE FUNCTION forbid_policy_change()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE policy_versions');
    await db.query('DROP FUNCTION forbid_policy_change');
  }
}

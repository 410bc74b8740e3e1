import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organisations change with an effective date (rename, move, merge, close): each keeps its versions over time, with
 * the materialised path it had then, so reports can place a past admission in the tree of its day. A dossier keeps
 * which organisation held it over time, and each event the organisation that held the dossier when it was recorded.
 */
export class OrganisationsOverTime1764900000000 implements MigrationInterface {
  name = 'OrganisationsOverTime1764900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE organizations ADD COLUMN opened_on date, ADD COLUMN closed_on date,
      ADD COLUMN merged_into_id uuid REFERENCES organizations(id)`);

    // One row per organisation and period: `valid` is half-open, [from, to); an unbounded lower end means "since
    // before the records". `ancestors` holds the ids of `path`, for containment queries (GIN).
    await db.query(`CREATE TABLE organization_versions (
      org_id uuid NOT NULL REFERENCES organizations(id),
      valid daterange NOT NULL CHECK (NOT isempty(valid)),
      name text NOT NULL,
      kind text NOT NULL,
      parent_id uuid REFERENCES organizations(id),
      path text NOT NULL,
      ancestors uuid[] NOT NULL,
      delegated_admission boolean NOT NULL,
      committee_size integer
    )`);
    await db.query(`CREATE INDEX organization_versions_by_org ON organization_versions (org_id, lower(valid))`);
    await db.query(`CREATE INDEX organization_versions_ancestors ON organization_versions USING gin (ancestors)`);
    await db.query(`INSERT INTO organization_versions (org_id, valid, name, kind, parent_id, path, ancestors,
        delegated_admission, committee_size)
      SELECT id, daterange(NULL, NULL), name, kind, parent_id, path,
        string_to_array(trim(BOTH '/' FROM path), '/')::uuid[], delegated_admission, committee_size
      FROM organizations`);

    await db.query(`CREATE TABLE organization_changes (
      id bigserial PRIMARY KEY,
      org_id uuid NOT NULL REFERENCES organizations(id),
      related_org_id uuid REFERENCES organizations(id),
      kind text NOT NULL CHECK (kind IN ('open', 'update', 'merge', 'close')),
      effective_from date NOT NULL,
      changes jsonb NOT NULL,
      actor_id uuid,
      actor_username text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX organization_changes_by_org ON organization_changes (org_id)`);
    await db.query(`CREATE INDEX organization_changes_by_related ON organization_changes (related_org_id)`);

    await db.query(`CREATE TABLE dossier_holdings (
      dossier_id uuid NOT NULL REFERENCES dossiers(id),
      org_id uuid NOT NULL REFERENCES organizations(id),
      during daterange NOT NULL
    )`);
    await db.query(`CREATE INDEX dossier_holdings_by_dossier ON dossier_holdings (dossier_id)`);
    await db.query(`CREATE INDEX dossier_holdings_by_org ON dossier_holdings (org_id)`);
    await db.query(`INSERT INTO dossier_holdings (dossier_id, org_id, during)
      SELECT id, cell_id, daterange(NULL, NULL) FROM dossiers`);

    await db.query(`ALTER TABLE dossier_events ADD COLUMN org_id uuid REFERENCES organizations(id)`);
    // The log is append-only; filling the new column for the rows already there is the one exception.
    await db.query(`ALTER TABLE dossier_events DISABLE TRIGGER dossier_events_append_only`);
    await db.query(`UPDATE dossier_events e SET org_id = d.cell_id FROM dossiers d WHERE d.id = e.dossier_id`);
    await db.query(`ALTER TABLE dossier_events ENABLE TRIGGER dossier_events_append_only`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE dossier_events DROP COLUMN org_id`);
    for (const table of ['dossier_holdings', 'organization_changes', 'organization_versions'])
      await db.query(`DROP TABLE ${table}`);
    await db.query(
      `ALTER TABLE organizations DROP COLUMN merged_into_id, DROP COLUMN closed_on, DROP COLUMN opened_on`,
    );
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764230400000 implements MigrationInterface {
  name = 'InitialSchema1764230400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE organizations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('committee', 'grassroots', 'section', 'cell')),
      parent_id uuid REFERENCES organizations(id),
      path text NOT NULL UNIQUE,
      delegated_admission boolean NOT NULL DEFAULT false,
      committee_size integer CHECK (committee_size > 0),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX organizations_path_prefix ON organizations (path text_pattern_ops)`);
    await db.query(`CREATE INDEX organizations_parent ON organizations (parent_id)`);

    await db.query(`CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      username text NOT NULL UNIQUE,
      password_hash text NOT NULL,
      roles text[] NOT NULL,
      scope_org_id uuid REFERENCES organizations(id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);

    await db.query(`CREATE TABLE dossiers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workflow_name text NOT NULL,
      workflow_version integer NOT NULL,
      cell_id uuid NOT NULL REFERENCES organizations(id),
      org_path text NOT NULL,
      state text NOT NULL,
      state_value jsonb NOT NULL,
      snapshot jsonb NOT NULL,
      version integer NOT NULL,
      candidate jsonb NOT NULL,
      full_name text NOT NULL,
      dates jsonb NOT NULL DEFAULT '{}',
      identified_on date,
      decision_on date,
      admitted_on date,
      party_age_from date,
      probation_ends_on date,
      official_from date,
      closed_on date,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX dossiers_org_path ON dossiers (org_path text_pattern_ops)`);
    await db.query(`CREATE INDEX dossiers_state ON dossiers (state)`);
    await db.query(`CREATE INDEX dossiers_cell ON dossiers (cell_id)`);
    await db.query(`CREATE INDEX dossiers_admitted_on ON dossiers (admitted_on)`);

    await db.query(`CREATE TABLE dossier_events (
      id bigserial PRIMARY KEY,
      dossier_id uuid NOT NULL REFERENCES dossiers(id),
      seq integer NOT NULL,
      type text NOT NULL,
      payload jsonb NOT NULL,
      actor_id uuid,
      actor_username text NOT NULL,
      occurred_on date NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      from_state jsonb,
      to_state jsonb NOT NULL,
      policy_version text NOT NULL,
      UNIQUE (dossier_id, seq)
    )`);
    // The event log is append-only: history is evidence for inspection teams.
    await db.query(`CREATE FUNCTION forbid_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'dossier_events is append-only'; END $$`);
    await db.query(`CREATE TRIGGER dossier_events_append_only BEFORE UPDATE OR DELETE ON dossier_events
      FOR EACH ROW EXECUTE FUNCTION forbid_event_change()`);

    await db.query(`CREATE TABLE deadlines (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      dossier_id uuid NOT NULL REFERENCES dossiers(id),
      kind text NOT NULL,
      label text NOT NULL,
      audience text NOT NULL,
      anchor_on date NOT NULL,
      due_on date NOT NULL,
      lead_working_days integer NOT NULL,
      is_step boolean NOT NULL,
      status text NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
      closed_on date,
      late boolean,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(
      `CREATE UNIQUE INDEX deadlines_one_open_per_kind ON deadlines (dossier_id, kind) WHERE status = 'open'`,
    );
    await db.query(`CREATE INDEX deadlines_open_due ON deadlines (due_on) WHERE status = 'open'`);

    await db.query(`CREATE TABLE idempotency_keys (
      dossier_id uuid NOT NULL REFERENCES dossiers(id),
      key text NOT NULL,
      request_hash text NOT NULL,
      response jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (dossier_id, key)
    )`);

    await db.query(`CREATE TABLE rejected_events (
      id bigserial PRIMARY KEY,
      dossier_id uuid NOT NULL REFERENCES dossiers(id),
      type text NOT NULL,
      payload jsonb NOT NULL,
      actor_id uuid,
      actor_username text NOT NULL,
      occurred_on date,
      rule text NOT NULL,
      message text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX rejected_events_dossier ON rejected_events (dossier_id)`);

    await db.query(`CREATE TABLE calendar_overrides (
      date date PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('dayOff', 'workingDay')),
      note text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'calendar_overrides',
      'rejected_events',
      'idempotency_keys',
      'deadlines',
      'dossier_events',
      'dossiers',
      'users',
      'organizations',
    ])
      await db.query(`DROP TABLE ${table}`);
    await db.query(`DROP FUNCTION forbid_event_change`);
  }
}

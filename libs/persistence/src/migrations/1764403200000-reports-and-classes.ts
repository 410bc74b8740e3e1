import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReportsAndClasses1764403200000 implements MigrationInterface {
  name = 'ReportsAndClasses1764403200000';

  async up(db: QueryRunner): Promise<void> {
    // Candidate fields the reports group by, kept by PostgreSQL itself in step with the candidate document.
    for (const [column, expression] of [
      ['gender', "candidate->>'gender'"],
      ['education_level', "candidate->>'educationLevel'"],
      ['general_education', "candidate->>'generalEducation'"],
      ['ethnicity', "candidate->>'ethnicity'"],
      ['religion', "candidate->>'religion'"],
      ['occupation', "candidate->>'occupation'"],
      ['youth_union_member', "candidate->>'youthUnionMember'"],
      ['date_of_birth', "candidate->>'dateOfBirth'"],
    ])
      await db.query(`ALTER TABLE dossiers ADD COLUMN ${column} text GENERATED ALWAYS AS (${expression}) STORED`);
    await db.query(`CREATE INDEX dossiers_admitted_in_tree ON dossiers (org_path text_pattern_ops, admitted_on)`);
    await db.query(`CREATE INDEX dossiers_closed_on ON dossiers (closed_on) WHERE closed_on IS NOT NULL`);

    await db.query(`CREATE TABLE quotas (
      org_id uuid NOT NULL REFERENCES organizations(id),
      year integer NOT NULL CHECK (year BETWEEN 1930 AND 2200),
      target integer NOT NULL CHECK (target >= 0),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (org_id, year)
    )`);

    await db.query(`CREATE TABLE training_classes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('awareness', 'newMember', 'committeeStaff')),
      name text NOT NULL,
      organizer_org_id uuid NOT NULL REFERENCES organizations(id),
      organizer_path text NOT NULL,
      starts_on date NOT NULL,
      ends_on date NOT NULL CHECK (ends_on >= starts_on),
      issuer text NOT NULL,
      closed_on date,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE TABLE class_participants (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      class_id uuid NOT NULL REFERENCES training_classes(id),
      dossier_id uuid REFERENCES dossiers(id),
      full_name text NOT NULL,
      certificate_no text,
      outcome jsonb,
      enrolled_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (class_id, dossier_id)
    )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['class_participants', 'training_classes', 'quotas']) await db.query(`DROP TABLE ${table}`);
    await db.query('DROP INDEX dossiers_closed_on');
    await db.query('DROP INDEX dossiers_admitted_in_tree');
    for (const column of [
      'gender',
      'education_level',
      'general_education',
      'ethnicity',
      'religion',
      'occupation',
      'youth_union_member',
      'date_of_birth',
    ])
      await db.query(`ALTER TABLE dossiers DROP COLUMN ${column}`);
  }
}

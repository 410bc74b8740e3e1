import type { MigrationInterface, QueryRunner } from 'typeorm';

const DATE_OF_BIRTH = "candidate->>'dateOfBirth'";

/**
 * Full years of age on the day of admission, as `age()` counts them (a birthday completes the year, 29 February
 * included), from the ISO date of birth of the candidate document. Integer arithmetic on the date's fields: the
 * expression is immutable, as a generated column needs, and cannot fail (a date of birth not written YYYY-MM-DD
 * gives null, which the report counts as 61+, as it did a missing one).
 */
const ADMISSION_AGE = `CASE WHEN admitted_on IS NOT NULL AND ${DATE_OF_BIRTH} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
    date_part('year', admitted_on::timestamp)::int - substr(${DATE_OF_BIRTH}, 1, 4)::int
    - CASE WHEN date_part('month', admitted_on::timestamp)::int * 100 + date_part('day', admitted_on::timestamp)::int
        < substr(${DATE_OF_BIRTH}, 6, 2)::int * 100 + substr(${DATE_OF_BIRTH}, 9, 2)::int THEN 1 ELSE 0 END
  END`;

/** What the admissions report reads, at a million dossiers (bench/reports). */
export class AdmissionsReportAtScale1764504000000 implements MigrationInterface {
  name = 'AdmissionsReportAtScale1764504000000';
  /** The stored column rewrites dossiers: openDatabase vacuums it after the migrations. */
  readonly rewrites = ['dossiers'];

  async up(db: QueryRunner): Promise<void> {
    // The age band was computed per row and per report (age() on time zones, several times a row): once, here.
    await db.query(
      `ALTER TABLE dossiers ADD COLUMN admission_age integer GENERATED ALWAYS AS (${ADMISSION_AGE}) STORED`,
    );
    // The breakdowns read only the index: the subtree and period are its range, the grouped columns ride along.
    // Partial: dossiers still on their way to admission, the ones that change most, are not in it.
    await db.query(`CREATE INDEX dossiers_admitted_breakdown ON dossiers (org_path text_pattern_ops, admitted_on)
      INCLUDE (education_level, general_education, gender, ethnicity, religion, occupation, youth_union_member,
        admission_age)
      WHERE admitted_on IS NOT NULL`);
    // Probation outcomes: the ended probations of a subtree and period, from the index alone.
    await db.query(`CREATE INDEX dossiers_probation_outcome ON dossiers (org_path text_pattern_ops, closed_on)
      INCLUDE (state, id)
      WHERE state IN ('officialMember', 'removedFromProbation')`);
    // The few recognitions done late, read whole by the report instead of every deadline row.
    await db.query(`CREATE INDEX deadlines_late_recognition ON deadlines (dossier_id)
      WHERE late AND kind IN ('recognitionReview', 'recognitionDecision')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX deadlines_late_recognition');
    await db.query('DROP INDEX dossiers_probation_outcome');
    await db.query('DROP INDEX dossiers_admitted_breakdown');
    await db.query('ALTER TABLE dossiers DROP COLUMN admission_age');
  }
}

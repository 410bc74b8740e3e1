import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The kept counts: table, the function the triggers add to it with, its key. */
const COUNTED = [
  {
    table: 'admitted',
    add: 'report_add_admitted',
    keys: 'org_path, month, dimension, value',
    conflict: 'ON CONSTRAINT report_admitted_counts_key',
    where: undefined,
  },
  {
    table: 'probation',
    add: 'report_add_probation',
    keys: 'org_path, month, outcome',
    conflict: '(org_path, month, outcome)',
    where: 'WHERE outcome IS NOT NULL',
  },
];

/**
 * Counts for the admissions report, kept per organisation (the dossier's path) and month by triggers, in the
 * transaction of whatever changes them: a transition, a void, a transfer, a merge, an import, an amended candidate,
 * a deadline found late, a participant enrolled.
 *
 * - `report_admitted_counts`: admitted members by month of admission, once in total (dimension `total`) and once
 *   per value of each breakdown of the report (a marginal per dimension: the report never crosses two).
 * - `report_probation_counts`: probations ended by month of `closed_on`: recognised on time, late (a recognition
 *   deadline of the dossier is late), removed.
 * - `training_classes.participants`: the class's participant rows.
 *
 * The triggers append the changes to `report_*_pending` (the counts are those plus the pending rows): a
 * transaction never updates a count row, so concurrent transitions never wait on each other's counts and a long
 * import does not pile up versions of the same rows. `report_counts_fold()` moves the pending rows into the counts
 * (the worker runs it every minute). What a dossier contributes is one function of its row (and of its deadlines)
 * used by the triggers and by `report_counts_rebuild()`, which recomputes everything from the rows
 * (`npm run report-counts:rebuild`). A count that reaches 0 stays, with 0.
 */
export class ReportCounts1765500000000 implements MigrationInterface {
  name = 'ReportCounts1765500000000';
  /** Filled here: vacuumed after the migrations, so that the report reads them by index only. */
  rewrites = ['report_admitted_counts', 'report_probation_counts', 'report_probation_counted', 'training_classes'];

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE FUNCTION report_age_band(age integer) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT CASE WHEN age <= 30 THEN '18-30' WHEN age <= 40 THEN '31-40' WHEN age <= 50 THEN '41-50'
        WHEN age <= 60 THEN '51-60' ELSE '61+' END $$`);

    await db.query(`CREATE TABLE report_admitted_counts (
      org_path text NOT NULL,
      month date NOT NULL,
      dimension text NOT NULL,
      value text,
      count integer NOT NULL,
      CONSTRAINT report_admitted_counts_key UNIQUE NULLS NOT DISTINCT (org_path, month, dimension, value)
    )`);
    await db.query(`CREATE INDEX report_admitted_counts_scan ON report_admitted_counts
      (org_path text_pattern_ops, month) INCLUDE (dimension, value, count)`);
    await db.query(`CREATE TABLE report_probation_counts (
      org_path text NOT NULL,
      month date NOT NULL,
      outcome text NOT NULL CHECK (outcome IN ('recognisedOnTime', 'recognisedLate', 'removed')),
      count integer NOT NULL,
      PRIMARY KEY (org_path, month, outcome)
    )`);
    await db.query(`CREATE INDEX report_probation_counts_scan ON report_probation_counts
      (org_path text_pattern_ops, month) INCLUDE (outcome, count)`);
    await db.query(`ALTER TABLE training_classes ADD COLUMN participants integer NOT NULL DEFAULT 0`);

    // What one dossier row contributes: nothing until admitted; then one row in total and one per breakdown.
    await db.query(`CREATE FUNCTION report_admitted_rows(d dossiers)
      RETURNS TABLE (org_path text, month date, dimension text, value text) LANGUAGE sql STABLE AS $$
      SELECT d.org_path, date_trunc('month', d.admitted_on)::date, x.dimension, x.value
      FROM (VALUES ('total', NULL), ('education_level', d.education_level),
        ('general_education', d.general_education), ('gender', d.gender), ('ethnicity', d.ethnicity),
        ('religion', d.religion), ('age_band', report_age_band(d.admission_age)), ('occupation', d.occupation),
        ('youth_union_member', d.youth_union_member)) x (dimension, value)
      WHERE d.admitted_on IS NOT NULL $$`);
    // A probation that ended; late when one of the dossier's recognition deadlines is late (as the report reads).
    await db.query(`CREATE FUNCTION report_probation_outcome(state text, late boolean) RETURNS text
      LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE WHEN state = 'removedFromProbation' THEN 'removed'
        WHEN state = 'officialMember' AND late THEN 'recognisedLate'
        WHEN state = 'officialMember' THEN 'recognisedOnTime' END $$`);
    await db.query(`CREATE FUNCTION report_recognised_late(dossier uuid) RETURNS boolean LANGUAGE plpgsql STABLE AS $$
      BEGIN
        RETURN EXISTS (SELECT 1 FROM deadlines l WHERE l.dossier_id = dossier AND l.late
          AND l.kind IN ('recognitionReview', 'recognitionDecision'));
      END $$`);

    // The triggers append what changed to a pending table of each (no row is updated twice in a transaction, no
    // transaction waits on another's counts); report_counts_fold() moves the pending rows into the counts.
    for (const { table, add, keys, where } of COUNTED) {
      await db.query(`CREATE TABLE report_${table}_pending (LIKE report_${table}_counts)`);
      // PL/pgSQL keeps the statement's plan from call to call; an SQL function called by a trigger is planned anew.
      await db.query(`CREATE FUNCTION ${add}(rows_ report_${table}_counts[]) RETURNS void LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO report_${table}_pending (${keys}, count)
          SELECT ${keys}, sum(count) FROM unnest(rows_) ${where ?? ''} GROUP BY ${keys} HAVING sum(count) <> 0;
        END $$`);
    }
    await db.query(`CREATE FUNCTION report_counts_fold() RETURNS void LANGUAGE sql AS $$
      ${COUNTED.map(
        ({ table, keys, conflict }) => `WITH moved AS (DELETE FROM report_${table}_pending RETURNING *)
        INSERT INTO report_${table}_counts AS c (${keys}, count)
        SELECT ${keys}, sum(count) FROM moved GROUP BY ${keys} HAVING sum(count) <> 0 ORDER BY ${keys}
        ON CONFLICT ${conflict} DO UPDATE SET count = c.count + excluded.count`,
      ).join(';\n')} $$`);

    // What each dossier's ended probation counts for now, so that counting it again is idempotent: a statement that
    // changes several deadlines of a dossier counts it again once per row, and the last time finds nothing to move.
    await db.query(`CREATE TABLE report_probation_counted (
      dossier_id uuid PRIMARY KEY,
      org_path text NOT NULL,
      month date NOT NULL,
      outcome text NOT NULL
    )`);
    await db.query(`CREATE FUNCTION report_recount_probation(dossier uuid) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        was report_probation_counted;
        now_ report_probation_counted;
        d record;
      BEGIN
        SELECT * INTO was FROM report_probation_counted WHERE dossier_id = dossier;
        SELECT id, org_path, closed_on, state INTO d FROM dossiers
          WHERE id = dossier AND closed_on IS NOT NULL AND state IN ('officialMember', 'removedFromProbation');
        IF FOUND THEN
          -- Step by step, so that report_probation_outcome is inlined (a function call as its argument would not be).
          now_ := ROW(d.id, d.org_path, date_trunc('month', d.closed_on)::date, NULL);
          now_.outcome := report_probation_outcome(d.state, report_recognised_late(d.id));
        END IF;
        IF was IS NOT DISTINCT FROM now_ THEN RETURN; END IF;
        IF was.dossier_id IS NOT NULL THEN
          INSERT INTO report_probation_pending (org_path, month, outcome, count)
            VALUES (was.org_path, was.month, was.outcome, -1);
          DELETE FROM report_probation_counted WHERE dossier_id = dossier;
        END IF;
        IF now_.dossier_id IS NOT NULL THEN
          INSERT INTO report_probation_pending (org_path, month, outcome, count)
            VALUES (now_.org_path, now_.month, now_.outcome, 1);
          INSERT INTO report_probation_counted SELECT (now_).*;
        END IF;
      END $$`);

    // A dossier row changed: what the old row counted goes, what the new one counts comes (OLD or NEW is NULL on
    // an insert or a delete). Its deadlines do not change in the same statement.
    await db.query(`CREATE FUNCTION report_counts_on_dossier() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.admitted_on IS NOT NULL OR NEW.admitted_on IS NOT NULL THEN
          PERFORM report_add_admitted(ARRAY(
            SELECT ROW(r.org_path, r.month, r.dimension, r.value, -1)::report_admitted_counts
              FROM report_admitted_rows(OLD) r
            UNION ALL SELECT ROW(r.org_path, r.month, r.dimension, r.value, 1)::report_admitted_counts
              FROM report_admitted_rows(NEW) r));
        END IF;
        IF (OLD.closed_on IS NOT NULL AND OLD.state IN ('officialMember', 'removedFromProbation'))
          OR (NEW.closed_on IS NOT NULL AND NEW.state IN ('officialMember', 'removedFromProbation')) THEN
          PERFORM report_recount_probation(coalesce(NEW.id, OLD.id));
        END IF;
        RETURN NULL;
      END $$`);
    const watched = [
      'org_path',
      'admitted_on',
      'closed_on',
      'state',
      'admission_age',
      'education_level',
      'general_education',
      'gender',
      'ethnicity',
      'religion',
      'occupation',
      'youth_union_member',
    ];
    await db.query(`CREATE TRIGGER report_counts_on_dossier_change AFTER UPDATE ON dossiers FOR EACH ROW
      WHEN (${watched.map((column) => `OLD.${column} IS DISTINCT FROM NEW.${column}`).join(' OR ')})
      EXECUTE FUNCTION report_counts_on_dossier()`);
    await db.query(`CREATE TRIGGER report_counts_on_dossier_insert_delete AFTER INSERT OR DELETE ON dossiers
      FOR EACH ROW EXECUTE FUNCTION report_counts_on_dossier()`);

    // A recognition deadline changed (found late, say): its dossier's probation is counted again.
    await db.query(`CREATE FUNCTION report_counts_on_deadline() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.dossier_id IS NOT NULL THEN PERFORM report_recount_probation(OLD.dossier_id); END IF;
        IF NEW.dossier_id IS DISTINCT FROM OLD.dossier_id THEN PERFORM report_recount_probation(NEW.dossier_id); END IF;
        RETURN NULL;
      END $$`);
    const recognition = (row: string) => `${row}.kind IN ('recognitionReview', 'recognitionDecision')`;
    for (const [event, when] of [
      ['insert', recognition('NEW')],
      [
        'update',
        `(${recognition('OLD')} OR ${recognition('NEW')}) AND (OLD.late IS DISTINCT FROM NEW.late
          OR OLD.kind IS DISTINCT FROM NEW.kind OR OLD.dossier_id IS DISTINCT FROM NEW.dossier_id)`,
      ],
      ['delete', recognition('OLD')],
    ])
      await db.query(`CREATE TRIGGER report_counts_on_deadline_${event} AFTER ${event.toUpperCase()} ON deadlines
        FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION report_counts_on_deadline()`);

    await db.query(`CREATE FUNCTION report_counts_on_participants() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.class_id IS NOT NULL THEN
          UPDATE training_classes SET participants = participants - 1 WHERE id = OLD.class_id;
        END IF;
        IF NEW.class_id IS NOT NULL THEN
          UPDATE training_classes SET participants = participants + 1 WHERE id = NEW.class_id;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`CREATE TRIGGER report_counts_on_participants AFTER INSERT OR DELETE OR UPDATE OF class_id
      ON class_participants FOR EACH ROW EXECUTE FUNCTION report_counts_on_participants()`);

    // Everything again from the rows: the migration's fill, and the rebuild command's.
    await db.query(`CREATE FUNCTION report_counts_rebuild() RETURNS void LANGUAGE sql AS $$
      LOCK TABLE dossiers, deadlines, class_participants IN SHARE MODE;
      TRUNCATE report_probation_counted,
        ${COUNTED.flatMap(({ table }) => [`report_${table}_counts`, `report_${table}_pending`]).join(', ')};
      INSERT INTO report_admitted_counts (org_path, month, dimension, value, count)
        SELECT r.org_path, r.month, r.dimension, r.value, count(*)
        FROM dossiers d CROSS JOIN LATERAL report_admitted_rows(d) r
        WHERE d.admitted_on IS NOT NULL GROUP BY 1, 2, 3, 4;
      INSERT INTO report_probation_counted (dossier_id, org_path, month, outcome)
        SELECT d.id, d.org_path, date_trunc('month', d.closed_on)::date,
          report_probation_outcome(d.state, late.dossier_id IS NOT NULL)
        FROM dossiers d LEFT JOIN (SELECT DISTINCT l.dossier_id FROM deadlines l
          WHERE l.late AND l.kind IN ('recognitionReview', 'recognitionDecision')) late ON late.dossier_id = d.id
        WHERE d.closed_on IS NOT NULL AND d.state IN ('officialMember', 'removedFromProbation');
      INSERT INTO report_probation_counts (org_path, month, outcome, count)
        SELECT org_path, month, outcome, count(*) FROM report_probation_counted GROUP BY 1, 2, 3;
      UPDATE training_classes c SET participants = x.n
        FROM (SELECT c2.id, count(p.id)::int AS n FROM training_classes c2
          LEFT JOIN class_participants p ON p.class_id = c2.id GROUP BY c2.id) x
        WHERE x.id = c.id AND c.participants <> x.n $$`);
    await db.query(`SELECT report_counts_rebuild()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER report_counts_on_participants ON class_participants`);
    for (const event of ['insert', 'update', 'delete'])
      await db.query(`DROP TRIGGER report_counts_on_deadline_${event} ON deadlines`);
    await db.query(`DROP TRIGGER report_counts_on_dossier_change ON dossiers`);
    await db.query(`DROP TRIGGER report_counts_on_dossier_insert_delete ON dossiers`);
    for (const fn of [
      'report_counts_rebuild()',
      'report_counts_fold()',
      'report_counts_on_participants()',
      'report_counts_on_deadline()',
      'report_recount_probation(uuid)',
      'report_counts_on_dossier()',
      'report_add_probation(report_probation_counts[])',
      'report_add_admitted(report_admitted_counts[])',
      'report_recognised_late(uuid)',
      'report_probation_outcome(text, boolean)',
      'report_admitted_rows(dossiers)',
    ])
      await db.query(`DROP FUNCTION ${fn}`);
    await db.query(`ALTER TABLE training_classes DROP COLUMN participants`);
    for (const { table } of COUNTED) await db.query(`DROP TABLE report_${table}_pending`);
    await db.query(`DROP TABLE report_probation_counted`);
    await db.query(`DROP TABLE report_probation_counts`);
    await db.query(`DROP TABLE report_admitted_counts`);
    await db.query(`DROP FUNCTION report_age_band(integer)`);
  }
}

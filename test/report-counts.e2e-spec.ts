import { DataSource } from 'typeorm';
import { AdmissionsReportService, type ReportPeriod } from '@apps/api/reports/admissions-report.service';
import { ReportScopes } from '@apps/api/reports/report-scope';
import { OrganizationsService } from '@apps/api/organizations/organizations.service';
import { addDays } from '@workflows/common/local-date';
import { startTestApp, type TestApp } from './support/test-app';

/** A deterministic generator, so that a failing population can be reproduced from its seed. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const int = (below: number) => Math.floor(next() * below);
  const pick = <T>(items: readonly T[]) => items[int(items.length)];
  return { next, int, pick };
}

const STATES = ['probation', 'officialMember', 'removedFromProbation', 'assembly', 'rejected', 'withdrawn'];
const day = (r: ReturnType<typeof random>, from: string, days: number) => addDays(from, r.int(days));

/**
 * The admissions report read from the counts the database keeps (today's tree) against the same report read from
 * the rows, on random populations changed the ways the application changes them: transitions, voids, transfers,
 * merges, imports, amended candidates, recognition deadlines found late, participants enrolled and removed.
 */
describe('admissions report: kept counts against the rows', () => {
  let t: TestApp;
  let db: DataSource;
  let reports: AdmissionsReportService;
  let scopes: ReportScopes;
  let organizations: OrganizationsService;
  let cells: { id: string; path: string }[];

  beforeAll(async () => {
    t = await startTestApp('report_counts');
    db = t.app.get(DataSource);
    reports = t.app.get(AdmissionsReportService);
    scopes = t.app.get(ReportScopes);
    organizations = t.app.get(OrganizationsService);
    cells = await db.query(`SELECT id, path FROM organizations WHERE id = ANY($1::uuid[])`, [
      [t.tree.cell, t.tree.otherCell, t.tree.sectionCell, t.tree.delegatedCell, t.tree.foreignCell],
    ]);
  });
  afterAll(() => t.close());

  /**
   * Dossiers straight into the table, with what the report reads: candidate, dates, state.
   */
  async function insertDossiers(r: ReturnType<typeof random>, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const cell = r.pick(cells);
      const admitted = r.next() < 0.8;
      const admittedOn = admitted ? day(r, '2020-11-01', 5 * 365 + 90) : null;
      const state = admitted ? r.pick(STATES.slice(0, 3)) : r.pick(STATES.slice(3));
      const closedOn =
        state === 'probation' || state === 'assembly'
          ? null
          : day(r, admittedOn ? addDays(admittedOn, 100) : '2021-01-01', 500);
      const identifiedOn = day(r, '2020-01-01', 300);
      const candidate = {
        fullName: `Người thứ ${i} ${r.int(1e9)}`,
        nationalId: String(100_000_000_000 + r.int(1e11)),
        dateOfBirth: day(r, '1960-01-01', 40 * 365),
        gender: r.pick(['male', 'female']),
        ethnicity: r.pick(['Kinh', 'Tày', 'Thái', 'Mường']),
        religion: r.pick(['Không', 'Phật giáo', 'Công giáo']),
        educationLevel: r.pick(['university', 'college', 'master']),
        generalEducation: r.pick(['upperSecondary', 'lowerSecondary']),
        occupation: r.pick(['teacher', 'worker', 'farmer', 'soldier']),
        youthUnionMember: r.next() < 0.5,
      };
      const [{ id }] = await db.query(
        `INSERT INTO dossiers (workflow_name, workflow_version, cell_id, org_path, state, state_value, snapshot, version,
           candidate, full_name, identified_on, admitted_on, closed_on)
         VALUES ('admission', 2, $1, $2, $3, to_jsonb($3::text), $4, 1, $5, $6, $7, $8, $9) RETURNING id`,
        [
          cell.id,
          cell.path,
          state,
          JSON.stringify({ value: state, context: {} }),
          JSON.stringify(candidate),
          candidate.fullName,
          identifiedOn,
          admittedOn,
          closedOn,
        ],
      );
      for (const kind of ['recognitionReview', 'recognitionDecision'])
        if (r.next() < 0.5)
          await db.query(
            `INSERT INTO deadlines (dossier_id, kind, label, audience, anchor_on, due_on, lead_working_days, is_step,
               status, late)
             VALUES ($1, $2, 'Xét công nhận', 'cell', '2021-01-01', '2021-02-01', 5, true, 'done', $3)`,
            [id, kind, r.next() < 0.3],
          );
      ids.push(id);
    }
    return ids;
  }

  async function insertClasses(r: ReturnType<typeof random>, dossiers: string[]): Promise<void> {
    for (let i = 0; i < 6; i++) {
      const cell = r.pick(cells);
      const startsOn = day(r, '2021-01-01', 5 * 365);
      const [{ id }] = await db.query(
        `INSERT INTO training_classes (kind, name, organizer_org_id, organizer_path, starts_on, ends_on, issuer)
         VALUES ($1, $2, $3, $4, $5, $6, 'Trung tâm chính trị') RETURNING id`,
        [r.pick(['awareness', 'newMember']), `Lớp ${i}`, cell.id, cell.path, startsOn, addDays(startsOn, r.int(20))],
      );
      const chosen = [...new Set(Array.from({ length: r.int(8) }, () => r.pick(dossiers)))];
      for (const dossier of chosen)
        await db.query(`INSERT INTO class_participants (class_id, dossier_id, full_name) VALUES ($1, $2, 'Học viên')`, [
          id,
          dossier,
        ]);
    }
  }

  /** Changes as the application makes them, each in a statement of its own kind. */
  async function change(r: ReturnType<typeof random>, dossiers: string[]): Promise<void> {
    for (let i = 0; i < 25; i++) {
      const id = r.pick(dossiers);
      switch (r.int(7)) {
        case 0: // VOID_LAST_EVENT of the admission: back before it
          await db.query(`UPDATE dossiers SET admitted_on = NULL, closed_on = NULL, state = 'assembly' WHERE id = $1`, [
            id,
          ]);
          break;
        case 1: {
          // TRANSFER: the holding organisation changes
          const cell = r.pick(cells);
          await db.query(`UPDATE dossiers SET cell_id = $2, org_path = $3 WHERE id = $1`, [id, cell.id, cell.path]);
          break;
        }
        case 2: // a transition: admitted, or the probation ends
          await db.query(
            `UPDATE dossiers SET admitted_on = coalesce(admitted_on, $2::date), state = $3,
               closed_on = CASE WHEN $3 = 'probation' THEN NULL ELSE coalesce(admitted_on, $2::date) + 400 END
             WHERE id = $1`,
            [id, day(r, '2021-01-01', 5 * 365), r.pick(STATES.slice(0, 3))],
          );
          break;
        case 3: // AMEND_CANDIDATE
          await db.query(
            `UPDATE dossiers SET candidate = candidate || jsonb_build_object('ethnicity', $2::text, 'dateOfBirth', $3::text)
             WHERE id = $1`,
            [id, r.pick(['Nùng', 'Kinh', 'Hoa']), day(r, '1950-01-01', 50 * 365)],
          );
          break;
        case 4: // recognition deadlines judged late or not, together (one statement for the dossier's deadlines)
          await db.query(
            `UPDATE deadlines SET late = NOT late WHERE dossier_id = $1
               AND kind IN ('recognitionReview', 'recognitionDecision')`,
            [id],
          );
          break;
        case 5: // a void of the recognition: the probation has not ended
          await db.query(
            `UPDATE dossiers SET state = 'probation', closed_on = NULL WHERE id = $1 AND admitted_on IS NOT NULL`,
            [id],
          );
          break;
        case 6: // a participant leaves a class
          await db.query(`DELETE FROM class_participants WHERE id = (SELECT id FROM class_participants LIMIT 1)`);
          break;
      }
    }
  }

  /** Periods with and without whole months, across years, a single day. */
  function periods(r: ReturnType<typeof random>): ReportPeriod[] {
    const some = Array.from({ length: 3 }, () => {
      const from = day(r, '2020-12-01', 4 * 365);
      return { from, to: day(r, from, 700), groupBy: r.pick(['year', 'halfYear'] as const) };
    });
    return [
      { from: '2021-01-01', to: '2025-12-31', groupBy: 'halfYear' },
      { from: '2022-03-15', to: '2022-03-15', groupBy: 'year' },
      { from: '2022-02-01', to: '2022-02-28', groupBy: 'year' },
      ...some,
    ];
  }

  async function compare(r: ReturnType<typeof random>): Promise<void> {
    for (const orgId of [t.tree.committee, t.tree.grassroots, t.tree.cell, t.tree.delegatedGrassroots]) {
      const organization = (await organizations.findById(orgId))!;
      const scope = await scopes.resolve(organization, 'current');
      for (const period of periods(r)) {
        const counted = await reports.build(scope, period, 'current', 'counts');
        const direct = await reports.build(scope, period, 'current', 'rows');
        expect({ orgId, period, report: counted }).toEqual({ orgId, period, report: direct });
      }
    }
  }

  /** The kept counts, folded and pending together. */
  const keptCounts = async () => ({
    admitted: await db.query(
      `SELECT org_path, month::text, dimension, value, sum(count)::int AS count
       FROM (SELECT * FROM report_admitted_counts UNION ALL SELECT * FROM report_admitted_pending) c
       GROUP BY 1, 2, 3, 4 HAVING sum(count) <> 0 ORDER BY 1, 2, 3, 4`,
    ),
    probation: await db.query(
      `SELECT org_path, month::text, outcome, sum(count)::int AS count
       FROM (SELECT * FROM report_probation_counts UNION ALL SELECT * FROM report_probation_pending) c
       GROUP BY 1, 2, 3 HAVING sum(count) <> 0 ORDER BY 1, 2, 3`,
    ),
    participants: await db.query(`SELECT id, participants FROM training_classes ORDER BY id`),
  });
  const pendingRows = async () =>
    (
      await db.query(
        `SELECT (SELECT count(*) FROM report_admitted_pending) + (SELECT count(*) FROM report_probation_pending) AS n`,
      )
    )[0].n as string;

  it.each([1, 2, 3])('population %i: the same report from the counts and from the rows', async (seed) => {
    const r = random(seed * 7919);
    const dossiers = await insertDossiers(r, 120);
    await insertClasses(r, dossiers);
    await compare(r);
    // The counts are read: every admitted dossier is in them, once in total.
    const [{ kept, admitted }] = await db.query(
      `SELECT (SELECT sum(count)::int FROM (SELECT * FROM report_admitted_counts UNION ALL
           SELECT * FROM report_admitted_pending) c WHERE dimension = 'total') AS kept,
         (SELECT count(*)::int FROM dossiers WHERE admitted_on IS NOT NULL) AS admitted`,
    );
    expect(kept).toBe(admitted);

    await change(r, dossiers);
    // Past members imported, then a merge: a cell's dossiers move under another grassroots organisation.
    await insertDossiers(r, 10);
    await db.query(`UPDATE dossiers SET org_path = $2, cell_id = $3 WHERE cell_id = $1`, [
      cells[0].id,
      cells[1].path,
      cells[1].id,
    ]);
    await compare(r);
    // Folded, the pending changes are in the counts: the same counts, the same reports.
    const before = await keptCounts();
    expect(Number(await pendingRows())).toBeGreaterThan(0);
    await db.query('SELECT report_counts_fold()');
    expect(Number(await pendingRows())).toBe(0);
    expect(await keptCounts()).toEqual(before);
    await compare(r);

    // Rebuilt from the rows, the counts are what the triggers kept.
    await db.query('SELECT report_counts_rebuild()');
    expect(await keptCounts()).toEqual(before);
  });
});

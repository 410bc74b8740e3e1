import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { addDays, daysBetween, type LocalDate } from '@workflows/common/local-date';
import { labelOf } from './report-labels';
import { QuotasService } from './quotas.service';
import { countedAdmitted, countedProbation, splitByMonths, type CountedValue } from './report-counts';
import { dossiersOf, heldUnder, scopeParameter, type ReportScope, type ReportTree } from './report-scope';

export interface ReportPeriod {
  from: string;
  to: string;
  groupBy: 'year' | 'halfYear';
}

export interface Share {
  key: string;
  label: string;
  count: number;
  /** count / total admitted, exact; exports round it. */
  share: number;
}

export interface PeriodRow {
  year: number;
  half?: 1 | 2;
  target: number | null;
  admitted: number;
  percentOfTarget: number | null;
}

export interface AdmissionsReport {
  organization: { id: string; name: string; kind: string };
  period: ReportPeriod;
  tree: ReportTree;
  years: PeriodRow[];
  totals: { admitted: number; target: number | null; percentOfTarget: number | null };
  byEducation: Share[];
  byGeneralEducation: Share[];
  byGender: Share[];
  byEthnicity: Share[];
  byReligion: Share[];
  byAgeBand: Share[];
  byOccupation: Share[];
  byYouthUnion: Share[];
  grassroots: { total: number; withAdmission: number; share: number | null };
  probationOutcomes: { recognisedOnTime: number; recognisedLate: number; removed: number };
  classes: { kind: string; label: string; year: number; classes: number; participants: number }[];
}

/** The grouping columns, in the order of GROUPING(): a row's bitmask tells which set it belongs to. */
const DIMENSIONS = [
  ['byEducation', 'educationLevel', 'education_level'],
  ['byGeneralEducation', 'generalEducation', 'general_education'],
  ['byGender', 'gender', 'gender'],
  ['byEthnicity', 'ethnicity', 'ethnicity'],
  ['byReligion', 'religion', 'religion'],
  ['byAgeBand', 'ageBand', 'age_band'],
  ['byOccupation', 'occupation', 'occupation'],
  ['byYouthUnion', 'youthUnion', 'youth_union_member'],
] as const;
const GROUP_COLUMNS = ['y', 'h', ...DIMENSIONS.map(([, , column]) => column)];

/**
 * One pass over the admitted members of a scope and period (by admission date), grouped every way the report
 * needs at once with GROUPING SETS. In today's tree, the index dossiers_admitted_breakdown holds every column read,
 * so the pass reads no table row; the age at admission is a stored column (admission_age), computed when the
 * dossier changes.
 */
const admittedSql = (scope: ReportScope) => `
  SELECT GROUPING(${GROUP_COLUMNS.join(', ')})::int AS mask, ${GROUP_COLUMNS.join(', ')}, count(*)::int AS count
  FROM (
    SELECT date_part('year', d.admitted_on)::int AS y,
      CASE WHEN date_part('month', d.admitted_on) <= 6 THEN 1 ELSE 2 END AS h,
      d.education_level, d.general_education, d.gender, d.ethnicity, d.religion, d.occupation, d.youth_union_member,
      report_age_band(d.admission_age) AS age_band
    ${dossiersOf(scope, 'admitted_on')}
  ) admitted
  GROUP BY GROUPING SETS ((y), (y, h), ${DIMENSIONS.map(([, , column]) => `(${column})`).join(', ')})`;

/**
 * PostgreSQL (15) runs a GROUPING SETS aggregate in one process, whatever its parallel workers: the period is cut
 * into this many consecutive spans, counted at the same time on as many connections and summed, so the counting
 * uses the database's cores.
 */
const SPANS = 4;

type Row = Record<string, string | number | null>;

/** `from`..`to` cut into at most `count` consecutive spans of whole days, covering it exactly. */
function spans(from: LocalDate, to: LocalDate, count: number): [LocalDate, LocalDate][] {
  const days = daysBetween(from, to) + 1;
  const parts = Math.max(1, Math.min(count, days));
  return Array.from({ length: parts }, (_, i) => [
    addDays(from, Math.floor((i * days) / parts)),
    addDays(from, Math.floor(((i + 1) * days) / parts) - 1),
  ]);
}

/** The GROUPING() bitmask of the set of `columns`: a bit for every column outside it. */
const bit = (column: string) => 1 << (GROUP_COLUMNS.length - 1 - GROUP_COLUMNS.indexOf(column));
const maskOf = (columns: string[]) =>
  GROUP_COLUMNS.filter((column) => !columns.includes(column)).reduce((mask, column) => mask | bit(column), 0);

/** Kept counts as the rows of the GROUPING SETS query: per year, per half, per value of each breakdown. */
function countedRows(values: CountedValue[]): Row[] {
  return values.flatMap(({ y, h, dimension, value, count }): Row[] =>
    dimension === 'total'
      ? [
          { mask: maskOf(['y']), y, count },
          { mask: maskOf(['y', 'h']), y, h, count },
        ]
      : [{ mask: maskOf([dimension]), [dimension]: value, count }],
  );
}

/** The rows of the spans, the counts of a group that several spans have summed. */
function sumGroups(parts: Row[][]): Row[] {
  const groups = new Map<string, Row>();
  for (const row of parts.flat()) {
    const key = JSON.stringify([row.mask, ...GROUP_COLUMNS.map((column) => row[column])]);
    const group = groups.get(key);
    if (group) group.count = (group.count as number) + (row.count as number);
    else groups.set(key, { ...row });
  }
  return [...groups.values()];
}

const PROBATION_OUTCOMES = ['recognisedOnTime', 'recognisedLate', 'removed'] as const;

function sumProbation(parts: Record<string, number>[]) {
  return Object.fromEntries(
    PROBATION_OUTCOMES.map((outcome) => [outcome, parts.reduce((sum, part) => sum + (part[outcome] ?? 0), 0)]),
  ) as Record<(typeof PROBATION_OUTCOMES)[number], number>;
}

const percent = (count: number, of: number | null) => (of ? (count * 100) / of : null);

@Injectable()
export class AdmissionsReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly quotas: QuotasService,
  ) {}

  /**
   * The report of `scope` over `period`. In today's tree the whole months of the period are read from the counts the
   * database keeps (report-counts.ts), the days at its ends from the rows; `from: 'rows'` reads all of it from the
   * rows (as the historical tree always does): the same report, which the tests compare.
   */
  async build(
    scope: ReportScope,
    period: ReportPeriod,
    tree: ReportTree,
    from: 'counts' | 'rows' = 'counts',
  ): Promise<AdmissionsReport> {
    const { organization, prefix } = scope;
    const inScope = scopeParameter(scope);
    const fromYear = Number(period.from.slice(0, 4));
    const toYear = Number(period.to.slice(0, 4));
    const years = Array.from({ length: toYear - fromYear + 1 }, (_, i) => fromYear + i);
    const { months, edges } =
      scope.tree === 'current' && from === 'counts'
        ? splitByMonths(period.from, period.to)
        : { months: undefined, edges: spans(period.from, period.to, SPANS) };
    const admitted = (span: [LocalDate, LocalDate]) =>
      this.dataSource.query(admittedSql(scope), [inScope, ...span]) as Promise<Row[]>;
    // The queries are independent: they run at the same time, each on a connection of the pool.
    const [parts, targets, grassroots, probationOutcomes, classes] = await Promise.all([
      Promise.all([
        ...edges.map(admitted),
        ...(months ? [countedAdmitted(this.dataSource, prefix, months).then(countedRows)] : []),
      ]),
      this.quotas.targets(scope, years),
      scope.tree === 'current' ? this.grassroots(prefix, period) : this.grassrootsThen(scope, period),
      Promise.all([
        ...edges.map((span) => this.probationOutcomes(scope, span)),
        ...(months ? [countedProbation(this.dataSource, prefix, months)] : []),
      ]).then(sumProbation),
      this.classes(prefix, period),
    ]);
    const rows = sumGroups(parts);
    const inSet = (row: Record<string, unknown>, columns: string[]) => row.mask === maskOf(columns);

    const admittedIn = (year: number, half?: number) =>
      rows
        .filter((row) => (half ? inSet(row, ['y', 'h']) && row.h === half : inSet(row, ['y'])) && row.y === year)
        .reduce((sum, row) => sum + (row.count as number), 0);
    const periodRows: PeriodRow[] = years.flatMap((year) => {
      const target = targets.get(year) ?? null;
      const halves: (1 | 2 | undefined)[] = period.groupBy === 'halfYear' ? [1, 2] : [undefined];
      return halves.map((half) => {
        const admitted = admittedIn(year, half);
        return { year, ...(half ? { half } : {}), target, admitted, percentOfTarget: percent(admitted, target) };
      });
    });
    const total = years.reduce((sum, year) => sum + admittedIn(year), 0);
    const knownTargets = years
      .map((year) => targets.get(year))
      .filter((t): t is number => t !== null && t !== undefined);
    const totalTarget = knownTargets.length === years.length ? knownTargets.reduce((a, b) => a + b, 0) : null;

    const shares = (column: string, dimension: string): Share[] =>
      rows
        .filter((row) => inSet(row, [column]))
        .map((row) => {
          const key = String(row[column] ?? 'unknown');
          return {
            key,
            label: labelOf(dimension, key),
            count: row.count as number,
            share: (row.count as number) / total,
          };
        })
        .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
    const breakdowns = Object.fromEntries(
      DIMENSIONS.map(([name, dimension, column]) => [name, shares(column, dimension)]),
    );

    return {
      organization: { id: organization.id, name: organization.name, kind: organization.kind },
      period,
      tree,
      years: periodRows,
      totals: { admitted: total, target: totalTarget, percentOfTarget: percent(total, totalTarget) },
      ...(breakdowns as Pick<AdmissionsReport, (typeof DIMENSIONS)[number][0]>),
      grassroots,
      probationOutcomes,
      classes,
    };
  }

  /**
   * Grassroots organisations open today in the subtree, and how many admitted someone in the period. The prefix of each is
   * also given as a range (its path up to the character after its last one), which the index of dossiers can seek:
   * a LIKE on a pattern computed per row cannot use it.
   */
  private async grassroots(prefix: string, period: ReportPeriod) {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS total,
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM dossiers d
           WHERE d.org_path ~>=~ g.path AND d.org_path ~<~ (left(g.path, -1) || chr(ascii(right(g.path, 1)) + 1))
             AND d.org_path LIKE g.path || '%' AND d.admitted_on BETWEEN $2 AND $3))::int AS "withAdmission"
       FROM organizations g WHERE g.kind IN ('grassroots', 'grassrootsCell') AND g.path LIKE $1 AND g.closed_on IS NULL`,
      [prefix, period.from, period.to],
    );
    return {
      total: row.total,
      withAdmission: row.withAdmission,
      share: row.total ? row.withAdmission / row.total : null,
    };
  }

  /**
   * Probations that ended in the period: recognised (on time or late, by the recognition deadlines) or removed. The
   * dossiers with a late recognition deadline are few: they are read once (deadlines_late_recognition) and joined.
   */
  /**
   * In the tree of the period: the grassroots organisations that existed in it under the scope's lineage, and
   * those under which a member was admitted, placed where their dossier was held on the admission day.
   */
  private async grassrootsThen(scope: ReportScope, period: ReportPeriod) {
    const [row] = await this.dataSource.query(
      `WITH admitted AS (SELECT DISTINCT unnest(${heldUnder(scope)}) AS org_id ${dossiersOf(scope, 'admitted_on')})
       SELECT count(DISTINCT g.org_id)::int AS total,
         count(DISTINCT g.org_id) FILTER (WHERE g.org_id IN (SELECT org_id FROM admitted))::int AS "withAdmission"
       FROM organization_versions g
       WHERE g.kind IN ('grassroots', 'grassrootsCell') AND g.valid && daterange($2::date, $3::date, '[]') AND g.ancestors && $1::uuid[]`,
      [scope.lineage, period.from, period.to],
    );
    return {
      total: row.total,
      withAdmission: row.withAdmission,
      share: row.total ? row.withAdmission / row.total : null,
    };
  }

  private async probationOutcomes(scope: ReportScope, [from, to]: [LocalDate, LocalDate]) {
    const [row] = await this.dataSource.query(
      `SELECT
         count(*) FILTER (WHERE d.state = 'officialMember' AND late.dossier_id IS NULL)::int AS "recognisedOnTime",
         count(*) FILTER (WHERE d.state = 'officialMember' AND late.dossier_id IS NOT NULL)::int AS "recognisedLate",
         count(*) FILTER (WHERE d.state = 'removedFromProbation')::int AS removed
       FROM (SELECT d.id, d.state ${dossiersOf(scope, 'closed_on')}
         AND d.state IN ('officialMember', 'removedFromProbation')) d
       LEFT JOIN (SELECT DISTINCT l.dossier_id FROM deadlines l
         WHERE l.late AND l.kind IN ('recognitionReview', 'recognitionDecision')) late ON late.dossier_id = d.id`,
      [scopeParameter(scope), from, to],
    );
    return row as Record<string, number>;
  }

  /** Classes that ended in the period, by kind and year, with their participants (kept on each class). */
  private async classes(prefix: string, period: ReportPeriod) {
    const rows = await this.dataSource.query(
      `SELECT c.kind, extract(year FROM c.ends_on)::int AS year, count(*)::int AS classes,
         sum(c.participants)::int AS participants
       FROM training_classes c
       WHERE c.organizer_path LIKE $1 AND c.ends_on BETWEEN $2 AND $3
       GROUP BY c.kind, extract(year FROM c.ends_on) ORDER BY year, c.kind`,
      [prefix, period.from, period.to],
    );
    return rows.map((row: { kind: string }) => ({ ...row, label: labelOf('classKind', row.kind) }));
  }
}

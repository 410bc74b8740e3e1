import type { DataSource } from 'typeorm';
import { addDays, addMonths, type LocalDate } from '@workflows/common/local-date';

/**
 * The counts the database keeps per organisation (path) and month (migration 1765500000000-report-counts): a
 * period of today's tree is read from them for its whole months, and from the rows for the days at its ends.
 */
export interface MonthSplit {
  /** First days of the first and the last whole month of the period, when it has one. */
  months?: [LocalDate, LocalDate];
  /** The days outside the whole months: none, one or two spans. */
  edges: [LocalDate, LocalDate][];
}

const firstOfMonth = (date: LocalDate) => `${date.slice(0, 7)}-01`;

export function splitByMonths(from: LocalDate, to: LocalDate): MonthSplit {
  const first = from.endsWith('-01') ? from : addMonths(firstOfMonth(from), 1);
  const afterTo = addDays(to, 1);
  const last = afterTo.endsWith('-01') ? firstOfMonth(to) : addMonths(firstOfMonth(to), -1);
  if (first > last) return { edges: [[from, to]] };
  const edges: [LocalDate, LocalDate][] = [];
  if (from < first) edges.push([from, addDays(first, -1)]);
  const end = addDays(addMonths(last, 1), -1);
  if (end < to) edges.push([addDays(end, 1), to]);
  return { months: [first, last], edges };
}

/** A kept count: its folded rows and the rows still pending (both written in the writers' transactions). */
const kept = (table: string, keys: string) =>
  `(SELECT org_path, month, ${keys}, count FROM report_${table}_counts
    UNION ALL SELECT org_path, month, ${keys}, count FROM report_${table}_pending) kept`;

export interface CountedValue {
  y: number | null;
  h: number | null;
  dimension: string;
  value: string | null;
  count: number;
}

/** Admitted members of the months: per year and half in total, and per value of each breakdown. */
export function countedAdmitted(db: DataSource, prefix: string, [from, to]: [LocalDate, LocalDate]) {
  return db.query(
    `SELECT CASE WHEN dimension = 'total' THEN date_part('year', month)::int END AS y,
       CASE WHEN dimension = 'total' THEN CASE WHEN date_part('month', month) <= 6 THEN 1 ELSE 2 END END AS h,
       dimension, value, sum(count)::int AS count
     FROM ${kept('admitted', 'dimension, value')} WHERE org_path LIKE $1 AND month BETWEEN $2 AND $3
     GROUP BY 1, 2, 3, 4 HAVING sum(count) <> 0`,
    [prefix, from, to],
  ) as Promise<CountedValue[]>;
}

export async function countedProbation(db: DataSource, prefix: string, [from, to]: [LocalDate, LocalDate]) {
  const rows: { outcome: string; count: number }[] = await db.query(
    `SELECT outcome, sum(count)::int AS count FROM ${kept('probation', 'outcome')}
     WHERE org_path LIKE $1 AND month BETWEEN $2 AND $3 GROUP BY outcome`,
    [prefix, from, to],
  );
  return Object.fromEntries(rows.map((row) => [row.outcome, row.count]));
}

import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import dayjs from 'dayjs';
import { todayIso } from '../../format/dates';

export type ReportTree = 'historical' | 'current';
export type ReportGrouping = 'year' | 'halfYear';

/** What a report is asked for: kept in the address, so that a drill-down and the back button find it again. */
export interface ReportFilters {
  orgId?: string;
  from: string;
  to: string;
  tree: ReportTree;
  groupBy: ReportGrouping;
}

/** A yearly report looks back over the term: the last five calendar years up to today. */
const defaultFrom = () => `${dayjs().year() - 4}-01-01`;

/**
 * The periods a report is usually asked for: the last five years, this year so far, each of the five years before.
 * A period typed by hand is "Tùy chọn".
 */
export function periodPresets(): { value: string; label: string; from: string; to: string }[] {
  const year = dayjs().year();
  return [
    { value: 'five', label: '5 năm gần đây', from: defaultFrom(), to: todayIso() },
    { value: `${year}`, label: `Năm ${year} (đến nay)`, from: `${year}-01-01`, to: todayIso() },
    ...[1, 2, 3, 4, 5].map((back) => ({
      value: `${year - back}`,
      label: `Năm ${year - back}`,
      from: `${year - back}-01-01`,
      to: `${year - back}-12-31`,
    })),
  ];
}

export function useReportFilters(): [ReportFilters, (changes: Partial<ReportFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<ReportFilters>(
    () => ({
      orgId: params.get('orgId') ?? undefined,
      from: params.get('from') ?? defaultFrom(),
      to: params.get('to') ?? todayIso(),
      tree: params.get('tree') === 'current' ? 'current' : 'historical',
      groupBy: params.get('groupBy') === 'halfYear' ? 'halfYear' : 'year',
    }),
    [params],
  );
  const change = useCallback(
    (changes: Partial<ReportFilters>) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes))
            if (value === undefined || value === '') next.delete(key);
            else next.set(key, value);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [filters, change];
}

/** The query the report endpoints take. */
export const reportQuery = (filters: ReportFilters) => ({
  orgId: filters.orgId,
  from: filters.from,
  to: filters.to,
  tree: filters.tree,
});

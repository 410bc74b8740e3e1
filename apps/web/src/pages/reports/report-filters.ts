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

import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client';
import { queryKeys } from '../../api/queries';
import type { DossierPage } from '../../api/types';

export const PAGE_SIZE = 20;

/** The list's filters as the address holds them (so that "back" and a shared link keep them). */
export function listFilters(params: URLSearchParams) {
  return {
    q: params.get('q') ?? '',
    state: params.get('state') ?? undefined,
    orgId: params.get('orgId') ?? undefined,
    year: params.get('year') ?? undefined,
    overdue: params.get('overdue') === 'true',
    page: Number(params.get('page') ?? '1') || 1,
  };
}

/** The page of dossiers the filters ask for, from the server (which searches, filters and counts). */
export function dossierListQuery(filters: ReturnType<typeof listFilters>) {
  const query = {
    q: filters.q || undefined,
    state: filters.state,
    orgId: filters.orgId,
    year: filters.year,
    overdue: filters.overdue || undefined,
    limit: PAGE_SIZE,
    offset: (filters.page - 1) * PAGE_SIZE,
  };
  return queryOptions({
    queryKey: [...queryKeys.dossiers, 'list', query],
    queryFn: ({ signal }) => api<DossierPage>('/dossiers', { query, signal }),
  });
}

import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { OrganizationNode } from '../api/types';
import { flattenOrganisations } from '../auth/session';

/** The organisations in the user's scope, parents first, and as options of a picker indented under their parents. */
export function useOrganisationOptions() {
  const tree = useQuery({
    queryKey: ['organizations'],
    queryFn: () => api<OrganizationNode[]>('/organizations'),
    staleTime: 5 * 60_000,
  });
  const organisations = flattenOrganisations(tree.data ?? []);
  return {
    organisations,
    options: organisations.map((org) => ({ value: org.id, label: `${'\u00a0\u00a0'.repeat(org.depth)}${org.name}` })),
  };
}

/** Organisations as flat table rows: without `children`, which antd's Table would take for a nested tree. */
export const asRows = <T extends { children: unknown }>(organisations: T[]) =>
  organisations.map(({ children: _children, ...row }) => row);

/** Lower case without tones or marks, đ as d: "Giáo dục" and "giao duc" read the same. */
export const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();

/** The search of an organisation picker: typed with or without diacritics. */
export const organisationSearch = {
  filterOption: (input: string, option?: { label?: unknown }) =>
    fold(String(option?.label ?? '')).includes(fold(input)),
};

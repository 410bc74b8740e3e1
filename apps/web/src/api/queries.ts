import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { DossierView, HistoryEntry, OrganizationNode, PolicyView, WorkflowDescription } from './types';

/** Queries several screens share, under one key each so that a change refreshes them all. */
export const queryKeys = {
  organisations: ['organizations'] as const,
  workflow: (name: string) => ['workflows', name] as const,
  dossier: (id: string) => ['dossiers', id] as const,
  dossiers: ['dossiers'] as const,
  history: (id: string) => ['dossiers', id, 'history'] as const,
  tasks: ['inbox', 'tasks'] as const,
  approvals: ['inbox', 'approvals'] as const,
  notifications: ['notifications'] as const,
  policies: ['policies'] as const,
};

export const organisationsQuery = () =>
  queryOptions({
    queryKey: queryKeys.organisations,
    queryFn: () => api<OrganizationNode[]>('/organizations'),
    staleTime: 5 * 60_000,
  });

export const useOrganisations = (enabled = true) => useQuery({ ...organisationsQuery(), enabled });

/** A workflow's definition: state and event labels, who may send what, each event's JSON Schema. */
export const workflowQuery = (name = 'admission') =>
  queryOptions({
    queryKey: queryKeys.workflow(name),
    queryFn: () => api<WorkflowDescription>(`/workflows/${encodeURIComponent(name)}`),
    staleTime: Infinity,
  });

export const dossierQuery = (id: string) =>
  queryOptions({ queryKey: queryKeys.dossier(id), queryFn: () => api<DossierView>(`/dossiers/${id}`) });

export const historyQuery = (id: string) =>
  queryOptions({ queryKey: queryKeys.history(id), queryFn: () => api<HistoryEntry[]>(`/dossiers/${id}/history`) });

/** The policy versions by effective date (legal texts and the parameters they set). */
export const policiesQuery = () =>
  queryOptions({ queryKey: queryKeys.policies, queryFn: () => api<PolicyView[]>('/policies'), staleTime: 10 * 60_000 });

export const useWorkflow = (name = 'admission') => useQuery(workflowQuery(name));
export const useDossier = (id: string) => useQuery(dossierQuery(id));
export const useHistory = (id: string) => useQuery(historyQuery(id));
export const usePolicies = () => useQuery(policiesQuery());

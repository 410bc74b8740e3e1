import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { matchPath, type Params } from 'react-router';
import type { QueryClient } from '@tanstack/react-query';
import { dossierQuery, historyQuery, workflowQuery } from '../api/queries';
import type { Role } from '../api/types';
import { dossierListQuery, listFilters } from '../pages/dossiers/dossier-list-query';

type Page = { default: ComponentType };

/** What a screen shows first, asked for while its chunk loads: its route's parameters and the address's query. */
type Prefetch = (queryClient: QueryClient, params: Params, search: URLSearchParams) => void;

export interface Screen {
  path: string;
  page: LazyExoticComponent<ComponentType>;
  /** Fetches the screen's chunk (the same promise `page` waits for). */
  load: () => Promise<Page>;
  prefetch?: Prefetch;
  nav?: { label: string; roles?: Role[] };
}

function screen(path: string, load: () => Promise<Page>, extra: Pick<Screen, 'nav' | 'prefetch'> = {}): Screen {
  return { path, page: lazy(load), load, ...extra };
}

const workflow: Prefetch = (queryClient) => void queryClient.prefetchQuery(workflowQuery());

/**
 * Every screen of the application, one folder per screen under `pages/`, each loaded on demand (its own chunk).
 * The navigation is built from the entries with a `nav` label, in this order, for the roles listed (none: everyone).
 * To add a screen: create `pages/<screen>/<Screen>Page.tsx` with a default export and add one line here.
 */
export const SCREENS: Screen[] = [
  screen('/', () => import('../pages/home/HomePage'), { nav: { label: 'Việc cần làm' } }),
  screen('/ho-so', () => import('../pages/dossiers/DossierListPage'), {
    nav: { label: 'Hồ sơ' },
    prefetch: (queryClient, params, search) => {
      workflow(queryClient, params, search);
      void queryClient.prefetchQuery(dossierListQuery(listFilters(search)));
    },
  }),
  screen('/ho-so/tao-moi', () => import('../pages/dossiers/CreateDossierPage'), { prefetch: workflow }),
  screen('/ho-so/:id', () => import('../pages/dossiers/DossierPage'), {
    prefetch: (queryClient, params, search) => {
      workflow(queryClient, params, search);
      void queryClient.prefetchQuery(dossierQuery(params.id!));
      void queryClient.prefetchQuery(historyQuery(params.id!));
    },
  }),
  screen('/phe-duyet', () => import('../pages/approvals/ApprovalsPage'), { nav: { label: 'Phê duyệt' } }),
  screen('/thong-bao', () => import('../pages/notifications/NotificationsPage'), { nav: { label: 'Thông báo' } }),
  screen('/bao-cao', () => import('../pages/reports/ReportsPage'), { nav: { label: 'Báo cáo' } }),
  screen('/lop-boi-duong', () => import('../pages/classes/ClassesPage'), {
    nav: { label: 'Lớp bồi dưỡng', roles: ['specialist', 'admin', 'grassrootsOfficer', 'cellSecretary'] },
  }),
  screen('/lop-boi-duong/:id', () => import('../pages/classes/ClassPage')),
  screen('/nhap-dang-vien', () => import('../pages/member-import/MemberImportPage'), {
    nav: { label: 'Nhập đảng viên cũ', roles: ['specialist', 'admin'] },
  }),
  screen('/quan-tri', () => import('../pages/admin/AdminPage'), { nav: { label: 'Quản trị', roles: ['admin'] } }),
];

/**
 * On a page load with a session, the screen at the address starts fetching its chunk and its first data at once,
 * instead of one after the other as React reaches them (the frame, then the page, then its queries).
 */
export function preloadScreen(queryClient: QueryClient, pathname: string, search: string) {
  for (const entry of SCREENS) {
    const match = matchPath(entry.path, pathname);
    if (!match) continue;
    // Data first: the browser opens at most six connections to the server, and the chunks would take them all.
    entry.prefetch?.(queryClient, match.params, new URLSearchParams(search));
    void entry.load();
    return;
  }
}

export const navigationFor = (roles: readonly Role[]) =>
  SCREENS.filter(
    (screen) => screen.nav && (!screen.nav.roles || screen.nav.roles.some((role) => roles.includes(role))),
  );

import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Role } from '../api/types';

/**
 * Every screen of the application, one folder per screen under `pages/`, each loaded on demand (its own chunk).
 * The navigation is built from the entries with a `nav` label, in this order, for the roles listed (none: everyone).
 * To add a screen: create `pages/<screen>/<Screen>Page.tsx` with a default export and add one line here.
 */
export interface Screen {
  path: string;
  page: LazyExoticComponent<ComponentType>;
  nav?: { label: string; roles?: Role[] };
}

export const SCREENS: Screen[] = [
  { path: '/', page: lazy(() => import('../pages/home/HomePage')), nav: { label: 'Việc cần làm' } },
  { path: '/ho-so', page: lazy(() => import('../pages/dossiers/DossierListPage')), nav: { label: 'Hồ sơ' } },
  { path: '/ho-so/tao-moi', page: lazy(() => import('../pages/dossiers/CreateDossierPage')) },
  { path: '/ho-so/:id', page: lazy(() => import('../pages/dossiers/DossierPage')) },
  { path: '/phe-duyet', page: lazy(() => import('../pages/approvals/ApprovalsPage')), nav: { label: 'Phê duyệt' } },
  {
    path: '/thong-bao',
    page: lazy(() => import('../pages/notifications/NotificationsPage')),
    nav: { label: 'Thông báo' },
  },
  { path: '/bao-cao', page: lazy(() => import('../pages/reports/ReportsPage')), nav: { label: 'Báo cáo' } },
  {
    path: '/lop-boi-duong',
    page: lazy(() => import('../pages/classes/ClassesPage')),
    nav: { label: 'Lớp bồi dưỡng', roles: ['specialist', 'admin', 'grassrootsOfficer', 'cellSecretary'] },
  },
  { path: '/lop-boi-duong/:id', page: lazy(() => import('../pages/classes/ClassPage')) },
  {
    path: '/nhap-dang-vien',
    page: lazy(() => import('../pages/member-import/MemberImportPage')),
    nav: { label: 'Nhập đảng viên cũ', roles: ['specialist', 'admin'] },
  },
  {
    path: '/quan-tri',
    page: lazy(() => import('../pages/admin/AdminPage')),
    nav: { label: 'Quản trị', roles: ['admin'] },
  },
];

export const navigationFor = (roles: readonly Role[]) =>
  SCREENS.filter(
    (screen) => screen.nav && (!screen.nav.roles || screen.nav.roles.some((role) => roles.includes(role))),
  );

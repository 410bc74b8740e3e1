/**
 * The shapes the API answers, imported as types from the server's own source (erased at build time, never bundled):
 * no shape is copied by hand, and a change on the server that the application does not follow fails `tsc`.
 */
import type { AuthService } from '@apps/api/auth/auth.service';
import type { DossierView as ServerDossierView } from '@apps/api/dossiers/dossier-view';
import type { DossiersService } from '@apps/api/dossiers/dossiers.service';
import type { Candidate, PolicyParameters } from '@workflows/admission';
import type { pendingApprovals, votesOf } from '@workflows/admission/dossier-extras';

export type { HistoryEntry } from '@apps/api/dossiers/dossiers.service';
export type { TasksInbox, StepTask, DeadlineTask } from '@apps/api/inbox/tasks-inbox.service';
export type { NotificationView } from '@apps/api/notifications/notifications.controller';
export type { OrganizationNode } from '@apps/api/organizations/organizations.service';
export type { PublicUser } from '@apps/api/users/users.service';
export type { WorkflowDescription } from '@apps/api/workflows/workflows.controller';
export type { Role } from '@workflows/common/roles';
export type { Candidate };

/** A policy version as `GET /api/policies` lists it, with the admission workflow's parameters. */
export interface PolicyView {
  version: string;
  effectiveFrom: string;
  parameters: Partial<PolicyParameters>;
  citation: string | null;
}

export type LoginResult = Awaited<ReturnType<AuthService['login']>>;

/** The admission workflow's dossier view: the generic view with its candidate, votes and pending approvals. */
export type DossierView = ServerDossierView & {
  candidate: Candidate;
  votes?: ReturnType<typeof votesOf>;
  approvals?: ReturnType<typeof pendingApprovals>;
};

/** `GET /api/dossiers`: a page of dossiers and the total the filters match. */
export type DossierPage = Omit<Awaited<ReturnType<DossiersService['list']>>, 'items'> & { items: DossierView[] };

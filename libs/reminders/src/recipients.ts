import type { DeadlineAudience } from '@workflows/common/workflow-definition';
import type { Role } from '@workflows/common/roles';
import type { ReminderKind } from './reminder-plan';

/** Who acts at each level (domain.md, Reminders). */
const ACTORS: Record<DeadlineAudience, Role[]> = {
  cell: ['cellSecretary'],
  grassroots: ['grassrootsOfficer'],
  committee: ['specialist', 'committeeMember'],
};

/** An overdue step escalates to the level above the one that must act (domain.md, Reminders). */
const ABOVE: Record<DeadlineAudience, DeadlineAudience> = {
  cell: 'grassroots',
  grassroots: 'committee',
  committee: 'committee',
};

/**
 * Who hears a reminder: the people who must act; once overdue, they AND the level above, since the escalation adds
 * people and replaces none (domain.md, Reminders: "the overdue secretary is reminded too").
 */
export function recipientRoles(audience: DeadlineAudience, kind: ReminderKind): Role[] {
  const roles = kind === 'overdue' ? [...ACTORS[audience], ...ACTORS[ABOVE[audience]]] : ACTORS[audience];
  return [...new Set(roles)];
}

/**
 * Users holding one of `roles` whose scope contains the dossier's organisation ($1 its path, $2 the roles).
 * A cell secretary's scope is the cell; a grassroots officer's the grassroots organisation; and so on up.
 */
export const RECIPIENTS_SQL = `SELECT u.id FROM users u JOIN organizations o ON o.id = u.scope_org_id
  WHERE $1 LIKE o.path || '%' AND u.roles && $2::text[] ORDER BY u.username`;

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
 * In a grassroots cell (chi bộ cơ sở, Charter art. 21) the cell is its own grassroots organisation: the grassroots
 * steps (verification) fall to its secretary and to any grassroots officer scoped to it, and the level above the
 * cell is the committee.
 */
const GRASSROOTS_CELL_ACTORS: Record<DeadlineAudience, Role[]> = {
  ...ACTORS,
  grassroots: ['cellSecretary', 'grassrootsOfficer'],
};
const GRASSROOTS_CELL_ABOVE: Record<DeadlineAudience, DeadlineAudience> = { ...ABOVE, cell: 'committee' };

/**
 * Who hears a reminder: the people who must act; once overdue, they AND the level above, since the escalation adds
 * people and replaces none (domain.md, Reminders: "the overdue secretary is reminded too").
 */
export function recipientRoles(audience: DeadlineAudience, kind: ReminderKind, grassrootsCell = false): Role[] {
  const actors = grassrootsCell ? GRASSROOTS_CELL_ACTORS : ACTORS;
  const above = grassrootsCell ? GRASSROOTS_CELL_ABOVE : ABOVE;
  const roles = kind === 'overdue' ? [...actors[audience], ...actors[above[audience]]] : actors[audience];
  return [...new Set(roles)];
}

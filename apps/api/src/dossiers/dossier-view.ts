import type { DossierRecord } from '@libs/engine';
import type { Role } from '@workflows/common/roles';
import type { WorkflowDefinition } from '@workflows/common/workflow-definition';
import type { AnyMachineSnapshot } from 'xstate';

export interface DossierView {
  id: string;
  workflow: { name: string; version: number };
  state: unknown;
  stateLabel: string;
  version: number;
  cellId: string;
  candidate: Record<string, unknown>;
  dates: Record<string, string | null>;
  deadlines: {
    kind: string;
    label: string;
    dueOn: string;
    status: string;
    /** A step someone must take by `dueOn` (not an expiry or the end of probation). */
    isStep: boolean;
    closedOn: string | null;
    late: boolean | null;
    /** Working days from today to `dueOn` (Vietnamese calendar), negative once overdue; null when not open. */
    workingDaysLeft: number | null;
  }[];
  allowedEvents: { type: string; label: string }[];
  createdAt: string;
  updatedAt: string;
  /** What the workflow adds: for admission, `votes` and `approvals`. */
  [extra: string]: unknown;
}

/** Who asks for the view, and on which day. */
export interface Viewer {
  id: string;
  roles: Role[];
  today: string;
}

/**
 * The events the caller may send in this state and at this organisation, whatever their payload: by their roles,
 * their own standing (a member of the deciding body) and what they have done already (one opinion per decision).
 */
export function allowedEventsFor(
  definition: WorkflowDefinition,
  snapshot: AnyMachineSnapshot,
  viewer: Viewer,
  facts: unknown,
) {
  const meta = { actorId: viewer.id, actorRoles: viewer.roles, today: viewer.today, facts };
  return definition
    .handledEvents(snapshot)
    .filter((type) => definition.rolesFor(type, facts).some((role) => viewer.roles.includes(role)))
    .filter((type) => !definition.events[type].actorRefusal?.(meta))
    .filter((type) => !definition.events[type].doneBy?.(snapshot, viewer.id))
    .map((type) => ({ type, label: definition.events[type].label }));
}

export function toDossierView(
  record: DossierRecord,
  definition: WorkflowDefinition,
  snapshot: AnyMachineSnapshot,
  viewer: Viewer,
  facts: unknown,
  workingDaysLeft: (dueOn: string) => number,
): DossierView {
  return {
    ...definition.view(snapshot),
    id: record.id,
    workflow: { name: record.workflowName, version: record.workflowVersion },
    state: record.stateValue,
    stateLabel: definition.stateLabel(record.stateValue),
    version: record.version,
    cellId: record.cellId,
    candidate: record.candidate,
    dates: record.dates,
    deadlines: record.deadlines.map(({ kind, label, dueOn, status, isStep, closedOn, late }) => ({
      kind,
      label,
      dueOn,
      status,
      isStep,
      closedOn,
      late,
      workingDaysLeft: status === 'open' ? workingDaysLeft(dueOn) : null,
    })),
    allowedEvents: allowedEventsFor(definition, snapshot, viewer, facts),
    createdAt: new Date(record.createdAt).toISOString(),
    updatedAt: new Date(record.updatedAt).toISOString(),
  };
}

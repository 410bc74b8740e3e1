import type { AnyMachineSnapshot, AnyStateNode, StateValue } from 'xstate';
import type { LocalDate } from '@workflows/common/local-date';
import type { WorkingDaysPort } from '@workflows/common/working-days-port';
import {
  VOID_LAST_EVENT,
  type EventDefinition,
  type StateDefinition,
  type WorkflowDefinition,
  type WorkflowEvent,
} from '@workflows/common/workflow-definition';
import { derivedDates } from './derived-dates';
import { openDeadlines } from './deadlines';
import { pendingApprovals, votesOf } from './dossier-extras';
import { CREATION_ROLES, EVENT_CATALOG, rolesFor } from './events/event-catalog';
import { creationSchema, eventSchema, EVENT_TYPES, type EventType } from './events/event-schemas';
import { createAdmissionMachine } from './machine/admission.machine';
import type { AdmissionEvent } from './machine/admission-event';
import type { AdmissionContext, AdmissionInput, Candidate, OrgFacts } from './machine/context';
import { transferEvent, transferRelocation } from './events/transfer';
import { importedMemberSchema, importedMemberState, type ImportedMember } from './imported-member';
import { admissionPolicies } from './policy/policy-administration';
import { policyVersionOn } from './policy/policy-versions';
import { findRuleViolation } from './rules/preconditions';
import { STATE_LABELS } from './states/state-labels';

export const ADMISSION_WORKFLOW = 'admission';
/**
 * Version 2 (the procedure, second edition): grassroots cells, failed votes kept, renewed papers, removal during
 * probation, decision receipt, age exception, corrections. Migration 1764800000002 moves running v1 dossiers to it.
 */
export const ADMISSION_VERSION = 2;

const KNOWN_EVENTS = new Set<string>(EVENT_TYPES);

/** By state node: xstate computes `ownEvents` again at each read, and every transition asks twice. */
const eventTypesByNode = new WeakMap<AnyStateNode, string[]>();

function eventTypesOf(node: AnyStateNode): string[] {
  let types = eventTypesByNode.get(node);
  if (!types) eventTypesByNode.set(node, (types = node.ownEvents.filter((type: string) => KNOWN_EVENTS.has(type))));
  return types;
}

function describeStates(node: AnyStateNode, states: StateDefinition[] = []): StateDefinition[] {
  for (const child of Object.values(node.states) as AnyStateNode[]) {
    const path = child.path.join('.');
    states.push({
      path,
      label: STATE_LABELS[path] ?? path,
      events: eventTypesOf(child),
      final: child.type === 'final',
    });
    describeStates(child, states);
  }
  return states;
}

/** The label of a state value: a compound state speaks for its active child, a parallel state for itself. */
function labelOf(value: StateValue, prefix = ''): string {
  if (typeof value === 'string') return STATE_LABELS[prefix + value] ?? prefix + value;
  const [key, child] = Object.entries(value)[0];
  const label = STATE_LABELS[prefix + key];
  const isParallel = typeof child === 'object' && Object.keys(child).length > 1;
  return isParallel || child === undefined ? (label ?? key) : labelOf(child, `${prefix}${key}.`);
}

const contextOf = (snapshot: AnyMachineSnapshot) => snapshot.context as AdmissionContext;

const doneByOf = (doneBy?: (context: AdmissionContext, actorId: string) => boolean): EventDefinition['doneBy'] =>
  doneBy && ((snapshot, actorId) => doneBy(contextOf(snapshot), actorId));

/** The admission workflow as the engine sees it, built on the working-day calendar the application supplies. */
export function admissionWorkflow(calendar: WorkingDaysPort): WorkflowDefinition<OrgFacts> {
  const machine = createAdmissionMachine(calendar);
  const events = Object.fromEntries([
    ...EVENT_TYPES.map((type): [string, EventDefinition] => [
      type,
      {
        type,
        label: EVENT_CATALOG[type].label,
        roles: EVENT_CATALOG[type].roles,
        schema: eventSchema(type),
        actorRefusal: EVENT_CATALOG[type].actorRefusal as EventDefinition['actorRefusal'],
        doneBy: doneByOf(EVENT_CATALOG[type].doneBy),
      },
    ]),
    [transferEvent.type, transferEvent],
  ]);

  return {
    name: ADMISSION_WORKFLOW,
    version: ADMISSION_VERSION,
    label: 'Kết nạp đảng viên',
    machine,
    events,
    creation: {
      roles: CREATION_ROLES,
      schema: creationSchema,
      input: (payload, occurredOn): AdmissionInput => ({
        candidate: payload.candidate as Candidate,
        identifiedOn: occurredOn,
      }),
    },
    imports: {
      schema: importedMemberSchema,
      state: (payload) => importedMemberState(payload as ImportedMember),
    },
    relocation: transferRelocation,
    policies: admissionPolicies,
    states: describeStates(machine.root),
    stateLabel: (value) => labelOf(value),
    // A candidate or a probationary member can be transferred at any step; a closed dossier stays where it ended.
    // Any recorded step can be voided (the engine refuses when there is none): a correction, not a step.
    handledEvents: (snapshot) => [
      ...new Set(snapshot._nodes.flatMap(eventTypesOf)),
      ...(snapshot.status === 'active' ? [transferEvent.type] : []),
      VOID_LAST_EVENT,
    ],
    findViolation: (snapshot, event: WorkflowEvent<OrgFacts>) =>
      findRuleViolation({
        context: contextOf(snapshot),
        event: event as AdmissionEvent,
        calendar,
        policy: policyVersionOn(event.occurredOn).parameters,
      }),
    policyFor: (date: LocalDate) => {
      const { id, effectiveFrom } = policyVersionOn(date);
      return { id, effectiveFrom };
    },
    deadlines: (snapshot) =>
      openDeadlines({ context: contextOf(snapshot), matches: (path) => snapshot.matches(path as never) }, calendar),
    closesDeadlinesAs: (snapshot, eventType) =>
      eventType === 'WITHDRAW' || (snapshot.matches('rejected') && eventType !== 'REFUSE_ADMISSION')
        ? 'cancelled'
        : 'done',
    derivedDates: (snapshot) => derivedDates(contextOf(snapshot)),
    subject: (snapshot) => {
      const { candidate } = contextOf(snapshot);
      return { details: { ...candidate }, name: candidate.fullName, identifier: candidate.nationalId ?? null };
    },
    rolesFor: (type, facts) => rolesFor(type, events[type]?.roles ?? [], facts),
    annotate: (before, after, event) => annotate(contextOf(before), contextOf(after), event),
    view: (snapshot) => ({
      votes: votesOf(contextOf(snapshot)),
      approvals: pendingApprovals({
        context: contextOf(snapshot),
        matches: (path) => snapshot.matches(path as never),
      }),
    }),
  };
}

/** Kept with the event in the history: whether a vote passed, the values an amendment replaced. */
function annotate(before: AdmissionContext, after: AdmissionContext, event: WorkflowEvent<OrgFacts>) {
  if (after.votes.length > before.votes.length) return { passed: after.votes[after.votes.length - 1].passed };
  if (event.type === 'AMEND_CANDIDATE') {
    const changes = (event as unknown as { changes: Record<string, unknown> }).changes;
    const current = before.candidate as unknown as Record<string, unknown>;
    return { previous: Object.fromEntries(Object.keys(changes).map((field) => [field, current[field] ?? null])) };
  }
  return {};
}

export type { EventType };

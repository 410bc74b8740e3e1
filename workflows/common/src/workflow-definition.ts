import type { AnyStateMachine, AnyMachineSnapshot, StateValue } from 'xstate';
import type { z } from 'zod';
import type { LocalDate } from './local-date';
import type { PolicyAdministration } from './policy-administration';
import type { Role } from './roles';

/** The contract between the generic engine and a workflow: pure data and pure functions. */

export interface Bilingual {
  vi: string;
  en: string;
}

export interface RuleViolation {
  rule: string;
  message: Bilingual;
  citation: string;
}

/** What the engine adds to every event it passes to a machine; never part of the stored payload. */
export interface EventMeta<TFacts = unknown> {
  actorId: string;
  actorRoles: Role[];
  /** Today's date in Vietnam when the event is recorded: no event may be dated later. */
  today: LocalDate;
  /** Facts about the dossier's organisations at the time of the event, supplied by the application. */
  facts: TFacts;
}

export interface WorkflowEvent<TFacts = unknown> {
  type: string;
  occurredOn: LocalDate;
  meta: EventMeta<TFacts>;
  [field: string]: unknown;
}

export interface EventDefinition {
  type: string;
  label: string;
  roles: readonly Role[];
  schema: z.ZodType<Record<string, unknown>>;
  /**
   * Beyond the roles: why this actor may not record the event, judged with the facts at its time (such as
   * membership of the body that decides), or null when they may. A refusal is a 403, not a rule violation.
   */
  actorRefusal?: (meta: EventMeta) => Bilingual | null;
  /**
   * For an event each actor records once (an opinion on a decision): whether this actor already has, so that it is
   * no longer offered to them. Sending it again is still judged, and refused, by the workflow's rules.
   */
  doneBy?: (snapshot: AnyMachineSnapshot, actorId: string) => boolean;
}

export interface StateDefinition {
  /** Dotted path of the state node, e.g. `assembly.application.verifying`. */
  path: string;
  label: string;
  events: string[];
  final: boolean;
}

/** Who must act on a deadline; the application maps it to users. */
export type DeadlineAudience = 'cell' | 'grassroots' | 'committee';

export interface DeadlineSpec {
  kind: string;
  label: string;
  anchorOn: LocalDate;
  dueOn: LocalDate;
  /** Working days before `dueOn` at which the lead-time reminder goes out. */
  leadWorkingDays: number;
  audience: DeadlineAudience;
  /** A step that someone must do by `dueOn` (and can do late), rather than a date to watch. */
  isStep: boolean;
}

export interface PolicyReference {
  id: string;
  effectiveFrom: LocalDate;
}

/** Who a dossier is about, as the engine stores it beside the snapshot for lists, search and uniqueness. */
export interface DossierSubject {
  details: Record<string, unknown>;
  name: string;
  /** A personal identifier: at most one open dossier per identifier. */
  identifier: string | null;
}

/**
 * The event that moves a case to another organisation unit (a transfer): it changes who holds the dossier, never its
 * state, its deadlines or its rules. The engine records it without running the machine.
 */
export interface RelocationDefinition {
  eventType: string;
  /** The organisation that holds the dossier once the event is recorded. */
  targetOrgId(payload: Record<string, unknown>): string;
}

/**
 * The event every workflow may offer to correct a mistake: the engine itself restores the snapshot the dossier had
 * before its last event that is not voided, and records the correction as an event of its own.
 */
export const VOID_LAST_EVENT = 'VOID_LAST_EVENT';

export interface WorkflowDefinition<TFacts = unknown> {
  name: string;
  version: number;
  label: string;
  machine: AnyStateMachine;
  events: Readonly<Record<string, EventDefinition>>;
  creation: {
    roles: readonly Role[];
    schema: z.ZodType<Record<string, unknown>>;
    /** The machine input for a new dossier created on `occurredOn`. */
    input(payload: Record<string, unknown>, occurredOn: LocalDate, facts: TFacts): unknown;
  };
  /** Past cases loaded from records: their schema and the state they enter, without replaying every step. */
  imports?: {
    schema: z.ZodType<Record<string, unknown>>;
    state(payload: Record<string, unknown>): { value: unknown; context: unknown };
  };
  relocation?: RelocationDefinition;
  /** Policy versions published without a deploy: the engine passes the stored ones in before judging. */
  policies?: PolicyAdministration;
  states: readonly StateDefinition[];
  stateLabel(value: StateValue): string;
  /** Event types the current state handles, whatever their payload. */
  handledEvents(snapshot: AnyMachineSnapshot): string[];
  /** The first rule the event breaks in this snapshot, or null when the rules hold. */
  findViolation(snapshot: AnyMachineSnapshot, event: WorkflowEvent<TFacts>): RuleViolation | null;
  policyFor(date: LocalDate): PolicyReference;
  deadlines(snapshot: AnyMachineSnapshot): DeadlineSpec[];
  /** Whether the deadlines an event closes were met by it (done) or made pointless (cancelled). */
  closesDeadlinesAs(snapshot: AnyMachineSnapshot, eventType: string): 'done' | 'cancelled';
  derivedDates(snapshot: AnyMachineSnapshot): Record<string, LocalDate | null>;
  subject(snapshot: AnyMachineSnapshot): DossierSubject;
  /** Who may send an event given the facts of the dossier's organisations: a subset of the event's `roles`. */
  rolesFor(type: string, facts: TFacts): readonly Role[];
  /** Facts the workflow adds to the stored payload of an accepted event (whether a vote passed, replaced values). */
  annotate(
    before: AnyMachineSnapshot,
    after: AnyMachineSnapshot,
    event: WorkflowEvent<TFacts>,
  ): Record<string, unknown>;
  /** Fields the workflow adds to the dossier's view (votes, pending approvals). */
  view(snapshot: AnyMachineSnapshot): Record<string, unknown>;
}

import type { Bilingual, RuleViolation } from '@workflows/common/workflow-definition';

/** Errors the engine raises; the API maps each to its status code and stable `code`. */
export abstract class EngineError extends Error {}

export class DossierNotFoundError extends EngineError {
  constructor(readonly dossierId: string) {
    super(`Dossier ${dossierId} not found`);
  }
}

export class UnknownEventError extends EngineError {
  constructor(
    readonly type: unknown,
    readonly known: string[],
  ) {
    super(`Unknown event type ${String(type)}`);
  }
}

export class InvalidPayloadError extends EngineError {
  constructor(readonly issues: { path: string; message: string }[]) {
    super('The event payload is malformed');
  }
}

/** The caller may not record this event: their roles, or (with `reason`) what the workflow knows of them. */
export class RoleNotAllowedError extends EngineError {
  constructor(
    readonly type: string,
    readonly reason?: Bilingual,
  ) {
    super(reason?.en ?? `Your roles may not record ${type}`);
  }
}

export class EventNotAllowedError extends EngineError {
  constructor(
    readonly type: string,
    readonly state: unknown,
    readonly allowedEvents: string[],
  ) {
    super(`${type} is not allowed in the current state`);
  }
}

export class VersionConflictError extends EngineError {
  constructor(readonly currentVersion: number) {
    super(`The dossier is at version ${currentVersion}`);
  }
}

export class RuleViolationError extends EngineError {
  constructor(readonly violation: RuleViolation) {
    super(violation.message.en);
  }
}

export class IdempotencyKeyReusedError extends EngineError {
  constructor(readonly key: string) {
    super(`Idempotency-Key ${key} was already used for a different request on this dossier`);
  }
}

/** The unique index that allows one open dossier per personal identifier (see the migration that creates it). */
export const OPEN_SUBJECT_INDEX = 'dossiers_one_open_per_national_id';

export class DuplicateSubjectError extends EngineError {
  constructor(readonly identifier: string | null) {
    super('Another open dossier concerns the same person');
  }
}

/** A write that broke the one-open-dossier-per-person index, as the engine reports it; anything else: null. */
export function asDuplicateSubject(error: unknown): DuplicateSubjectError | null {
  const cause = (error as { driverError?: unknown })?.driverError ?? error;
  const { code, constraint, detail } = (cause ?? {}) as { code?: string; constraint?: string; detail?: string };
  if (code !== '23505' || constraint !== OPEN_SUBJECT_INDEX) return null;
  return new DuplicateSubjectError(/=\((\d+)\)/.exec(detail ?? '')?.[1] ?? null);
}

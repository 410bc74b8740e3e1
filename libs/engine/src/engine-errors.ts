import type { RuleViolation } from '../../../workflows/common/src/workflow-definition';

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

export class RoleNotAllowedError extends EngineError {
  constructor(readonly type: string) {
    super(`Your roles may not record ${type}`);
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

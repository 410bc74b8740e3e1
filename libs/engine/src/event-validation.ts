import type { Role } from '@workflows/common/roles';
import type { WorkflowDefinition } from '@workflows/common/workflow-definition';
import { InvalidPayloadError, RoleNotAllowedError, UnknownEventError } from './engine-errors';

export interface ValidEvent {
  type: string;
  occurredOn: string;
  payload: Record<string, unknown>;
}

/** Checks type, sender's roles and payload, in that order, before any database work. */
export function validateEvent(definition: WorkflowDefinition, body: unknown, roles: readonly Role[]): ValidEvent {
  const type = (body as { type?: unknown } | null)?.type;
  // Own properties only: `toString` or `constructor` would otherwise find the prototype's function.
  const event =
    typeof type === 'string' && Object.hasOwn(definition.events, type) ? definition.events[type] : undefined;
  if (!event) throw new UnknownEventError(type, Object.keys(definition.events));
  if (!event.roles.some((role) => roles.includes(role))) throw new RoleNotAllowedError(event.type);
  const parsed = event.schema.safeParse(body);
  if (!parsed.success)
    throw new InvalidPayloadError(
      parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  const { type: _type, occurredOn, ...payload } = parsed.data as { type: string; occurredOn: string };
  return { type: event.type, occurredOn, payload };
}

export function validateCreation(definition: WorkflowDefinition, body: unknown): Record<string, unknown> {
  const parsed = definition.creation.schema.safeParse(body);
  if (!parsed.success)
    throw new InvalidPayloadError(
      parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  return parsed.data;
}

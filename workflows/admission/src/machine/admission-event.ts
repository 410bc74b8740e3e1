import type { LocalDate } from '@workflows/common/local-date';
import type { EventMeta } from '@workflows/common/workflow-definition';
import type { AdmissionEventPayload, EventType } from '../events/event-schemas';
import type { OrgFacts } from './context';

/** An event as the machine sees it: the validated payload plus what the engine knows about its sender. */
export type AdmissionEvent = {
  type: EventType;
  occurredOn: LocalDate;
  meta: EventMeta<OrgFacts>;
} & Record<string, unknown>;

/** The payload of an event whose type the caller has already matched. */
export function payloadOf<T extends EventType>(event: AdmissionEvent, _type: T): AdmissionEventPayload<T> {
  return event as unknown as AdmissionEventPayload<T>;
}

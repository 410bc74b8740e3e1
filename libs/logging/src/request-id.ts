import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** An incoming id is taken when it is short and plain (a proxy's or a client's); anything else is replaced. */
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

/** The request's id: the caller's `X-Request-Id` when sane, else a new UUID. */
export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === 'string' && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}

const context = new AsyncLocalStorage<string>();

/** Runs `fn` as part of the request (or job) `requestId`: what it queues carries that id. */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return context.run(requestId, fn);
}

/** The id of the request being served, if any. */
export function currentRequestId(): string | undefined {
  return context.getStore();
}

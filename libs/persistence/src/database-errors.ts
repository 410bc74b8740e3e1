/** SQLSTATEs of a conflict that the same transaction, run again, resolves: deadlock detected, serialization failure. */
const RETRYABLE_STATES = new Set(['40P01', '40001']);

/**
 * Signs that PostgreSQL is out of reach or dropped the connection: the server shut it down (57P01–57P03), the
 * connection failed (class 08), the socket was refused or cut, or the pool handed out a runner whose client died.
 */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
const UNAVAILABLE_ERROR_NAMES = new Set(['QueryRunnerAlreadyReleasedError', 'ConnectionIsNotSetError']);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection error|Connection is not established|timeout exceeded when trying to connect/i;

/** The error and what it wraps: TypeORM keeps the driver's error in `driverError`, Node in `cause`. */
function* chainOf(error: unknown): Generator<Record<string, unknown>> {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const node = current as Record<string, unknown>;
    yield node;
    current = node.driverError ?? node.cause;
  }
}

export function isRetryableConflict(error: unknown): boolean {
  for (const node of chainOf(error)) if (RETRYABLE_STATES.has(String(node.code))) return true;
  return false;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  for (const node of chainOf(error)) {
    const code = String(node.code);
    if (UNAVAILABLE_STATES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code)) return true;
    if (UNAVAILABLE_ERROR_NAMES.has(String(node.name))) return true;
    if (typeof node.message === 'string' && UNAVAILABLE_MESSAGE.test(node.message)) return true;
  }
  return false;
}

import type { NextFunction, Request, Response } from 'express';
import { REQUEST_ID_HEADER, requestIdOf, withRequestId } from '@libs/logging';

/**
 * Gives each request its id (the caller's sane `X-Request-Id`, else a new one), echoes it in the answer and runs
 * the rest of the request under it: the log lines, the read audit and the jobs the request queues carry it.
 */
export function requestId(request: Request, response: Response, next: NextFunction): void {
  const id = requestIdOf(request.headers[REQUEST_ID_HEADER.toLowerCase()]);
  (request as Request & { id: string }).id = id;
  response.setHeader(REQUEST_ID_HEADER, id);
  withRequestId(id, next);
}

import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  DossierNotFoundError,
  DuplicateSubjectError,
  EngineError,
  EventNotAllowedError,
  IdempotencyKeyReusedError,
  InvalidPayloadError,
  RoleNotAllowedError,
  RuleViolationError,
  UnknownEventError,
  VersionConflictError,
} from '@libs/engine';
import { isDatabaseUnavailable, isRetryableConflict } from '@libs/persistence';
import { ACCESS_TO_CONFIRM, UnauthenticatedError, type AccessToConfirm } from '@libs/auth';

const DATABASE_UNAVAILABLE = {
  code: 'DATABASE_UNAVAILABLE',
  message: 'Cơ sở dữ liệu tạm thời không truy cập được, xin thử lại sau giây lát / the database is unavailable',
};
const CONCURRENT_UPDATE = {
  code: 'CONFLICT',
  message: 'Hồ sơ đang được cập nhật đồng thời, xin gửi lại yêu cầu / concurrent updates, send the request again',
};

const CODES_BY_STATUS: Record<number, string> = {
  400: 'INVALID_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
};

export function prefersEnglish(request: Request): boolean {
  const header = request.headers['accept-language'] ?? '';
  return /^\s*en\b/i.test(String(header));
}

export function engineErrorBody(error: EngineError, english: boolean): [number, Record<string, unknown>] {
  if (error instanceof DossierNotFoundError)
    return [404, { code: 'NOT_FOUND', message: 'Không tìm thấy hồ sơ / dossier not found' }];
  if (error instanceof UnknownEventError)
    return [
      400,
      {
        code: 'INVALID_EVENT',
        message: `Loại sự kiện không hợp lệ / unknown event type`,
        details: { known: error.known },
      },
    ];
  if (error instanceof InvalidPayloadError)
    return [
      400,
      { code: 'INVALID_EVENT', message: 'Dữ liệu sự kiện không hợp lệ / malformed payload', details: error.issues },
    ];
  if (error instanceof RoleNotAllowedError)
    return [
      403,
      {
        code: 'FORBIDDEN',
        message: error.reason
          ? english
            ? error.reason.en
            : error.reason.vi
          : `Vai trò của bạn không được ghi nhận ${error.type} / ${error.message}`,
      },
    ];
  if (error instanceof EventNotAllowedError)
    return [
      409,
      {
        code: 'EVENT_NOT_ALLOWED',
        message: `${error.type} không được phép ở trạng thái hiện tại / ${error.message}`,
        state: error.state,
        allowedEvents: error.allowedEvents,
      },
    ];
  if (error instanceof VersionConflictError)
    return [
      409,
      {
        code: 'VERSION_CONFLICT',
        message: 'Hồ sơ đã thay đổi / the dossier has changed',
        currentVersion: error.currentVersion,
      },
    ];
  if (error instanceof RuleViolationError) {
    const { rule, message, citation } = error.violation;
    return [422, { code: 'RULE_VIOLATION', rule, message: english ? message.en : message.vi, citation }];
  }
  if (error instanceof DuplicateSubjectError)
    return [
      409,
      {
        code: 'DUPLICATE_CANDIDATE',
        message: 'Đã có hồ sơ đang mở của cùng một người / an open dossier already concerns this person',
      },
    ];
  if (error instanceof IdempotencyKeyReusedError)
    return [422, { code: 'IDEMPOTENCY_KEY_REUSED', message: error.message }];
  return [500, { code: 'INTERNAL_ERROR', message: error.message }];
}

/**
 * Every error leaves as `{code, message, ...}`; unexpected ones are logged and hidden. On a route whose handler
 * confirms its caller's access itself (`AccessConfirmedByHandler`), an error waits for that access before it is
 * answered: a revoked token is answered 401 first, whatever else was wrong (id, headers, body, dossier).
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void | Promise<void> {
    const caller: AccessToConfirm | undefined = host.switchToHttp().getRequest()[ACCESS_TO_CONFIRM];
    if (caller && !(exception instanceof UnauthenticatedError)) return this.answerConfirmed(caller, exception, host);
    this.answer(exception, host);
  }

  /** Answers `exception` once the caller's access holds, 401 when it does not (the guard's answer, had it read it). */
  private async answerConfirmed(caller: AccessToConfirm, exception: unknown, host: ArgumentsHost): Promise<void> {
    let answered = exception;
    try {
      if (!(await caller.confirm())) answered = new UnauthenticatedError();
    } catch (error) {
      // The access could not be read (the database away): answered as the guard's failed read would be.
      answered = error;
    }
    try {
      this.answer(answered, host);
    } catch (error) {
      // Nothing awaits this promise: a failure is logged rather than left unhandled.
      this.logger.error(error instanceof Error ? error : { error: String(error) }, 'answering an error failed');
    }
  }

  private answer(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    let status: number = HttpStatus.INTERNAL_SERVER_ERROR;
    let body: Record<string, unknown> = { code: 'INTERNAL_ERROR', message: 'Lỗi hệ thống / internal error' };

    if (exception instanceof EngineError) {
      [status, body] = engineErrorBody(exception, prefersEnglish(request));
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      const answer = exception.getResponse();
      body =
        typeof answer === 'object' && answer !== null && 'code' in answer
          ? (answer as Record<string, unknown>)
          : { code: CODES_BY_STATUS[status] ?? 'ERROR', message: exception.message };
    } else if (isDatabaseUnavailable(exception)) {
      // The pool drops the dead connection and opens a new one for the next request: no restart is needed.
      this.logger.warn(`Database unavailable: ${exception instanceof Error ? exception.message : String(exception)}`);
      [status, body] = [HttpStatus.SERVICE_UNAVAILABLE, DATABASE_UNAVAILABLE];
      response.setHeader('Retry-After', '1');
    } else if (isRetryableConflict(exception)) {
      // Still conflicting after every retry of the whole transaction: the client may send it again.
      [status, body] = [HttpStatus.CONFLICT, CONCURRENT_UPDATE];
    } else {
      this.logger.error(exception instanceof Error ? exception : { exception: String(exception) }, 'unexpected error');
    }
    response.status(status).json(body);
  }
}

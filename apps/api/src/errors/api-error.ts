import { HttpException, HttpStatus } from '@nestjs/common';

/** An error answered as `{code, message, ...details}` with a stable code. */
export class ApiError extends HttpException {
  constructor(status: HttpStatus, code: string, message: string, details: Record<string, unknown> = {}) {
    super({ code, message, ...details }, status);
  }
}

export const notFound = (what = 'Không tìm thấy / not found') => new ApiError(HttpStatus.NOT_FOUND, 'NOT_FOUND', what);

export const invalidRequest = (details: unknown, message = 'Yêu cầu không hợp lệ / invalid request') =>
  new ApiError(HttpStatus.BAD_REQUEST, 'INVALID_REQUEST', message, { details });

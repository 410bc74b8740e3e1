import { z } from 'zod';

/** Every stable `code` an error body can carry, with its status (docs/api.md, "Errors"). */
export const ERROR_STATUS = {
  INVALID_REQUEST: 400,
  INVALID_EVENT: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  EVENT_NOT_ALLOWED: 409,
  DUPLICATE_CANDIDATE: 409,
  DOCUMENT_NOT_AVAILABLE: 409,
  USERNAME_TAKEN: 409,
  CLASS_CLOSED: 409,
  ALREADY_ENROLLED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RULE_VIOLATION: 422,
  IDEMPOTENCY_KEY_REUSED: 422,
  NOT_A_CELL: 422,
  INVALID_HIERARCHY: 422,
  CANNOT_CHANGE_SELF: 422,
  IMPORT_REFUSED: 422,
  WEBHOOK_TARGET_REFUSED: 422,
  TOO_MANY_REQUESTS: 429,
  DATABASE_UNAVAILABLE: 503,
  QUEUE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The body of every error; each code adds its own fields (`details`, `currentVersion`, `rule`, ...). */
export const errorBody = z
  .looseObject({
    code: z.string().meta({ description: 'Mã lỗi ổn định / stable error code' }),
    message: z.string().meta({ description: 'Thông báo (tiếng Việt, hoặc tiếng Anh theo Accept-Language)' }),
    details: z.unknown().optional(),
  })
  .meta({ id: 'Error', title: 'Lỗi / error' });

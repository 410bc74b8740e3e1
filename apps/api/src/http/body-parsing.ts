import { json, text, type NextFunction, type Request, type Response } from 'express';

/** The import of past members takes a CSV file of up to 50,000 lines; every other route takes small JSON. */
export const CSV_ROUTES = ['/api/members/import'];
export const CSV_LIMIT = '30mb';
export const JSON_LIMIT = '256kb';

export const csvBody = text({ type: 'text/csv', limit: CSV_LIMIT });
export const jsonBody = json({ limit: JSON_LIMIT });

const ANSWERS: Record<string, [number, string, string]> = {
  'entity.too.large': [413, 'PAYLOAD_TOO_LARGE', 'Nội dung gửi lên quá lớn / request body too large'],
  'entity.parse.failed': [400, 'INVALID_REQUEST', 'JSON không hợp lệ / malformed JSON'],
  'charset.unsupported': [415, 'UNSUPPORTED_MEDIA_TYPE', 'Chỉ nhận UTF-8 / only UTF-8 is accepted'],
  'encoding.unsupported': [415, 'UNSUPPORTED_MEDIA_TYPE', 'Mã hóa nội dung không được hỗ trợ / unsupported encoding'],
};

/** The body parsers' refusals as `{code, message}` like every other error, instead of Express's HTML page. */
export function bodyParsingErrors(error: unknown, _request: Request, response: Response, next: NextFunction) {
  const answer = ANSWERS[(error as { type?: string } | null)?.type ?? ''];
  if (!answer) return next(error);
  const [status, code, message] = answer;
  response.status(status).json({ code, message });
}

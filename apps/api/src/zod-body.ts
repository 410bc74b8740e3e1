import type { z } from 'zod';
import { invalidRequest } from './errors/api-error';

/** Parses a request body with a zod schema, answering 400 INVALID_REQUEST with the issues. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw invalidRequest(parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })));
  return parsed.data;
}

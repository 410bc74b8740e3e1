/** Keys whose values never reach a log line, at any depth (compared without case, `_` or `-`). */
const SECRET_KEYS = new Set(
  [
    'password',
    'passwordHash',
    'newPassword',
    'token',
    'accessToken',
    'refreshToken',
    'authorization',
    'cookie',
    'setCookie',
    'secret',
    'signingSecret',
    'jwtSecret',
    'dataKey',
    'nationalId',
  ].map((key) => key.toLowerCase()),
);

export const REDACTED = '[redacted]';

const normalisedKey = (key: string) => key.replace(/[-_]/g, '').toLowerCase();

/** A JSON Web Token, a bearer credential, a 12-digit national ID (căn cước), a URL's password. */
const SECRET_TEXT: [RegExp, string][] = [
  [/\beyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[token]'],
  [/\b(Bearer|Basic)\s+[\w.~+/=-]+/gi, '$1 [token]'],
  [/(?<!\d)\d{12}(?!\d)/g, '[national id]'],
  [/(\w+:\/\/[^:/@\s]*:)[^@\s]+@/g, '$1[redacted]@'],
];

export function redactText(text: string): string {
  return SECRET_TEXT.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/**
 * A copy of `value` fit for a log: in plain objects and arrays, secret keys censored at any depth; tokens, national
 * IDs and URL passwords removed from text (a database error repeats the value that broke a unique key); errors kept
 * with their type, message and stack.
 */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return '[deep]';
  if (value instanceof Error)
    return {
      type: value.name,
      message: redactText(value.message),
      stack: value.stack && redactText(value.stack),
      ...(redact({ ...value }, depth + 1) as object),
    };
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  // Requests, responses and other instances go to pino's serializers, which pick the fields they log.
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      SECRET_KEYS.has(normalisedKey(key)) ? REDACTED : redact(item, depth + 1),
    ]),
  );
}

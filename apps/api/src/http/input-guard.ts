import { parse as parseQueryString } from 'node:querystring';
import type { NextFunction, Request, Response } from 'express';

/** A high surrogate without its low half, or a low one without its high half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Keys that reach an object's prototype when code later copies or indexes with them. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

interface Flaw {
  path: string;
  message: string;
}

/** What is wrong with one string of the input, or null: NUL and lone UTF-16 surrogates reach no database. */
function flawOf(text: string): string | null {
  if (text.includes('\u0000')) return 'Không được chứa ký tự NUL / must not contain NUL characters';
  if (LONE_SURROGATE.test(text)) return 'Ký tự Unicode không hợp lệ / unpaired UTF-16 surrogate';
  return null;
}

/** Walks a parsed JSON body or query: the first flaw found, and every string normalised to NFC on the way. */
function inspect(value: unknown, path: string): { value: unknown; flaw: Flaw | null } {
  if (typeof value === 'string') {
    const message = flawOf(value);
    return message ? { value, flaw: { path, message } } : { value: value.normalize('NFC'), flaw: null };
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = inspect(value[i], `${path}[${i}]`);
      if (item.flaw) return item;
      value[i] = item.value;
    }
    return { value, flaw: null };
  }
  if (value !== null && typeof value === 'object') {
    const clean: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      const keyFlaw = PROTOTYPE_KEYS.has(key) ? 'Tên trường không được phép / reserved field name' : flawOf(key);
      if (keyFlaw) return { value, flaw: { path: at, message: keyFlaw } };
      const item = inspect(entry, at);
      if (item.flaw) return item;
      clean[key.normalize('NFC')] = item.value;
    }
    return { value: clean, flaw: null };
  }
  return { value, flaw: null };
}

function refuse(response: Response, flaw: Flaw) {
  response.status(400).json({
    code: 'INVALID_REQUEST',
    message: 'Yêu cầu không hợp lệ / invalid request',
    details: [flaw],
  });
}

/**
 * Express's query parser, with the same refusals: a flawed query string parses to a marker that the guard below
 * answers with 400, so no handler ever sees NUL, a lone surrogate or a prototype key; strings come out in NFC.
 */
const QUERY_FLAW = Symbol('queryFlaw');
export function parseQuery(queryString: string): Record<string | symbol, unknown> {
  const inspected = inspect({ ...parseQueryString(queryString) }, 'query');
  return inspected.flaw ? { [QUERY_FLAW]: inspected.flaw } : (inspected.value as Record<string, unknown>);
}

/**
 * The one place where every request's text is checked before any handler: query and body (JSON or CSV) must be
 * well-formed Unicode without NUL, objects must not carry prototype keys, and text is normalised to NFC (so that
 * a name typed in decomposed form is stored, and found, as the same name).
 */
export function inputGuard(request: Request, response: Response, next: NextFunction) {
  const queryFlaw = (request.query as Record<symbol, Flaw | undefined>)[QUERY_FLAW];
  if (queryFlaw) return refuse(response, queryFlaw);
  if (request.body !== undefined) {
    const inspected = inspect(request.body, typeof request.body === 'string' ? 'body' : '');
    if (inspected.flaw) return refuse(response, inspected.flaw);
    request.body = inspected.value;
  }
  next();
}

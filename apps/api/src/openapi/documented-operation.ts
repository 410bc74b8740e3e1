import { Body, Param, ParseUUIDPipe, Query, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { notFound } from '../errors/api-error';
import { parseBody } from '../zod-body';
import type { ErrorCode } from './error-codes';

/** What an operation takes and answers, as its decorators declare it; `completeDocument` writes it out. */
export interface DocumentedOperation {
  body?: { schema: z.ZodType; mediaType: string };
  query?: z.ZodObject;
  /** Most operations have one; the import of a long file answers 202 instead of 200. */
  successes: { status: number; schema?: z.ZodType; mediaTypes: string[]; description: string }[];
  errors: Set<ErrorCode>;
  /** Path parameters that must be UUIDs. */
  uuids: Set<string>;
}

/** By Nest's operation id (`Controller_method`), filled as the controllers' decorators run. */
export const documentedOperations = new Map<string, DocumentedOperation>();

function operationOf(target: object, method: string | symbol | undefined): DocumentedOperation {
  const id = `${target.constructor.name}_${String(method)}`;
  const known = documentedOperations.get(id);
  if (known) return known;
  const operation: DocumentedOperation = { successes: [], errors: new Set(), uuids: new Set() };
  documentedOperations.set(id, operation);
  return operation;
}

class ZodPipe implements PipeTransform {
  constructor(private readonly schema: z.ZodType) {}

  transform(value: unknown) {
    return parseBody(this.schema, value);
  }
}

/**
 * The JSON body, parsed with `schema` (400 INVALID_REQUEST with the issues) and documented with the same schema: the
 * one place a handler names its body's schema.
 */
export function ZodBody(schema: z.ZodType): ParameterDecorator {
  return (target, method, index) => {
    Body(new ZodPipe(schema))(target, method, index);
    const operation = operationOf(target, method);
    operation.body = { schema, mediaType: 'application/json' };
    operation.errors.add('INVALID_REQUEST');
  };
}

/** The query string, parsed with `schema` and documented from it, one parameter per field. */
export function ZodQuery(schema: z.ZodObject): ParameterDecorator {
  return (target, method, index) => {
    Query(new ZodPipe(schema))(target, method, index);
    const operation = operationOf(target, method);
    operation.query = schema;
    operation.errors.add('INVALID_REQUEST');
  };
}

/** A path parameter that must be a UUID: any other value answers 404 NOT_FOUND with `message`, as an unknown id. */
export function UuidParam(name: string, message?: string): ParameterDecorator {
  return (target, method, index) => {
    Param(name, new ParseUUIDPipe({ exceptionFactory: () => notFound(message) }))(target, method, index);
    const operation = operationOf(target, method);
    operation.uuids.add(name);
    operation.errors.add('NOT_FOUND');
  };
}

/** A body parsed further on (by the engine with the workflow's schemas, or as CSV): documented here. */
export function RequestBody(schema: z.ZodType, mediaType = 'application/json'): MethodDecorator {
  return (target, method) => {
    operationOf(target, method).body = { schema, mediaType };
  };
}

/** A success status and, unless it answers nothing, the schema of its JSON or the media types of its file. */
export function Answers(
  status: number,
  schema?: z.ZodType,
  { mediaTypes = schema ? ['application/json'] : [], description = 'OK' } = {},
): MethodDecorator {
  return (target, method) => {
    operationOf(target, method).successes.push({ status, schema, mediaTypes, description });
  };
}

/** The error codes the operation answers besides those every operation may (401, 503 DATABASE_UNAVAILABLE). */
export function Errors(...codes: ErrorCode[]): MethodDecorator {
  return (target, method) => {
    const operation = operationOf(target, method);
    for (const code of codes) operation.errors.add(code);
  };
}

import type { OpenAPIObject } from '@nestjs/swagger';
import { documentedOperations, type DocumentedOperation } from './documented-operation';
import { ERROR_STATUS, errorBody, type ErrorCode } from './error-codes';
import { componentRef, documentedComponents, openApiSchema, type SchemaObject } from './json-schema';

interface Operation {
  operationId: string;
  parameters?: { name: string; in: string; schema?: SchemaObject; description?: string }[];
  security?: unknown[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
}

const FILE = { type: 'string', format: 'binary' };
const UUID_PARAMETER = 'UUID; một giá trị khác được trả lời 404 như một mã không có / any other value answers 404';

function content(mediaTypes: string[], schema: SchemaObject | undefined) {
  return Object.fromEntries(
    mediaTypes.map((type) => [type, { schema: type === 'application/json' && schema ? schema : FILE }]),
  );
}

function queryParameters(operation: DocumentedOperation) {
  if (!operation.query) return [];
  const { properties = {}, required = [] } = openApiSchema(operation.query, 'input') as {
    properties?: Record<string, SchemaObject>;
    required?: string[];
  };
  return Object.entries(properties).map(([name, { description, ...schema }]) => ({
    name,
    in: 'query',
    required: required.includes(name),
    ...(typeof description === 'string' && { description }),
    schema,
  }));
}

/** One response per status, naming its codes, each body an `Error` whose `code` is one of them. */
function errorResponses(codes: ErrorCode[]) {
  const statuses = [...new Set(codes.map((code) => ERROR_STATUS[code]))].sort();
  return Object.fromEntries(
    statuses.map((status) => {
      const own = codes.filter((code) => ERROR_STATUS[code] === status).sort();
      const schema = {
        allOf: [
          { $ref: componentRef('Error') },
          { type: 'object', properties: { code: { type: 'string', enum: own } } },
        ],
      };
      return [status, { description: own.join(', '), content: { 'application/json': { schema } } }];
    }),
  );
}

function complete(path: string, operation: Operation, documented: DocumentedOperation | undefined) {
  // The input guard refuses any request whose query or body holds malformed text (NUL, lone surrogates).
  const codes = new Set<ErrorCode>(['INVALID_REQUEST', ...(documented?.errors ?? [])]);
  // Every call under /api may find PostgreSQL away (the caller's account is read on each one); /health says so itself.
  if (path.startsWith('/api/')) codes.add('DATABASE_UNAVAILABLE');
  if (operation.security?.length) codes.add('UNAUTHENTICATED');
  // The body parsers' refusals: too large, or not UTF-8.
  if (documented?.body) codes.add('PAYLOAD_TOO_LARGE').add('UNSUPPORTED_MEDIA_TYPE');
  const parameters = (operation.parameters ?? [])
    .filter((parameter) => parameter.in !== 'query')
    .map((parameter) =>
      parameter.in === 'path' && documented?.uuids.has(parameter.name)
        ? { ...parameter, description: UUID_PARAMETER, schema: { type: 'string', format: 'uuid' } }
        : parameter,
    );
  operation.parameters = documented ? [...parameters, ...queryParameters(documented)] : operation.parameters;
  if (documented?.body)
    operation.requestBody = {
      required: true,
      content: { [documented.body.mediaType]: { schema: openApiSchema(documented.body.schema, 'input') } },
    };
  const successes = documented?.successes ?? [];
  // Nest's own entry is a placeholder for the success; answers declared with @ApiResponse (health's 503) stay.
  const declared = Object.entries(operation.responses).filter(([status]) => !successes.length || status >= '400');
  const responses = successes.map((success) => [
    success.status,
    {
      description: success.description,
      ...(success.mediaTypes.length && {
        content: content(success.mediaTypes, success.schema && openApiSchema(success.schema, 'output')),
      }),
    },
  ]);
  operation.responses = {
    ...Object.fromEntries(responses),
    ...errorResponses([...codes]),
    ...Object.fromEntries(declared),
  };
}

/**
 * Writes into Nest's document what the zod schemas and the decorators of `documented-operation.ts` declare: request
 * bodies, query parameters, success and error responses, and the named schemas they reference.
 */
export function completeDocument(document: OpenAPIObject): OpenAPIObject {
  const seen = new Set<string>();
  openApiSchema(errorBody, 'output');
  for (const [path, item] of Object.entries(document.paths))
    for (const operation of Object.values(item) as Operation[]) {
      if (!operation?.operationId) continue;
      seen.add(operation.operationId);
      complete(path, operation, documentedOperations.get(operation.operationId));
    }
  const stray = [...documentedOperations.keys()].filter((id) => !seen.has(id));
  if (stray.length) throw new Error(`Documented operations that no route serves: ${stray.join(', ')}`);
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...documentedComponents() },
  };
  return document;
}

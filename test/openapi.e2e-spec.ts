import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from './support/test-app';

/** The OpenAPI document as committed; `npm run docs:api` writes it again from the running code. */
const JSON_FILE = join(__dirname, '../docs/openapi.json');
const REFERENCE_FILE = join(__dirname, '../docs/api-reference.md');
const UPDATE = process.env.UPDATE_API_DOCS === '1';

interface Media {
  schema?: Schema;
}
interface Schema {
  $ref?: string;
  type?: string;
  items?: Schema;
}
interface Operation {
  summary?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { description?: string; content?: Record<string, Media> }>;
}

/** `Dossier`, `Dossier[]`, or the media type of a file. */
function schemaName(content: Record<string, Media> | undefined): string {
  const named = (schema?: Schema): string =>
    schema?.$ref ? schema.$ref.split('/').pop()! : schema?.type === 'array' ? `${named(schema.items)}[]` : 'object';
  return Object.entries(content ?? {})
    .map(([type, media]) => (type === 'application/json' ? `\`${named(media.schema)}\`` : type))
    .join(', ');
}

/** One line per operation, grouped by tag: the reference a reader opens before the JSON. */
function reference(document: { paths: Record<string, Record<string, Operation>> }): string {
  const rows = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => {
      const parameters = (operation.parameters ?? [])
        .filter((parameter) => parameter.in === 'query')
        .map((parameter) => `\`${parameter.name}\``)
        .join(', ');
      const statuses = Object.keys(operation.responses);
      const success = statuses.filter((status) => status < '400');
      const answer = success.map((status) => `${status} ${schemaName(operation.responses[status].content)}`.trim());
      const errors = statuses.filter((status) => status >= '400');
      const cells = [
        `\`${method.toUpperCase()} ${path}\``,
        operation.summary ?? '',
        parameters,
        schemaName(operation.requestBody?.content),
        answer.join('; '),
        // An error response's description lists its codes.
        errors.map((status) => `${status} ${operation.responses[status].description}`).join('; '),
      ];
      return { tag: operation.tags?.[0] ?? '', line: `| ${cells.join(' | ')} |` };
    }),
  );
  const tags = [...new Set(rows.map((row) => row.tag))].sort();
  return [
    '# API reference (generated)',
    '',
    'Generated from the running code by `npm run docs:api` (the full document: [`openapi.json`](openapi.json); the',
    'contract in prose: [`api.md`](api.md)). `test/openapi.e2e-spec.ts` fails when the code and these files differ.',
    '',
    ...tags.flatMap((tag) => [
      `## ${tag || 'other'}`,
      '',
      '| operation | summary | query parameters | request body | success | errors |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows.filter((row) => row.tag === tag).map((row) => row.line),
      '',
    ]),
  ].join('\n');
}

describe('the OpenAPI document', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp('openapi');
  });
  afterAll(() => t.close());

  it('is the one committed under docs/ (npm run docs:api regenerates it)', async () => {
    const document = (await t.http().get('/api/docs-json').expect(200)).body;
    const json = `${JSON.stringify(document, null, 2)}\n`;
    const markdown = reference(document);
    if (UPDATE) {
      writeFileSync(JSON_FILE, json);
      writeFileSync(REFERENCE_FILE, markdown);
    }
    expect(readFileSync(JSON_FILE, 'utf8')).toBe(json);
    expect(readFileSync(REFERENCE_FILE, 'utf8')).toBe(markdown);
  });

  it('gives every operation a summary in Vietnamese and English, its success and its errors', async () => {
    const document = (await t.http().get('/api/docs-json').expect(200)).body;
    const gaps = Object.entries(document.paths as Record<string, Record<string, Operation>>).flatMap(
      ([path, operations]) =>
        Object.entries(operations).flatMap(([method, operation]) => {
          const statuses = Object.keys(operation.responses);
          const missing = [
            !/^\S.* \/ \S/.test(operation.summary ?? '') && 'summary',
            !statuses.some((status) => status < '400') && 'success',
            path.startsWith('/api/') && !statuses.includes('503') && 'errors',
          ].filter(Boolean);
          return missing.length ? [`${method.toUpperCase()} ${path}: ${missing.join(', ')}`] : [];
        }),
    );
    expect(gaps).toEqual([]);
  });
});

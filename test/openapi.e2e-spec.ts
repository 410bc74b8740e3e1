import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, type TestApp } from './support/test-app';

/** The OpenAPI document as committed; `npm run docs:api` writes it again from the running code. */
const JSON_FILE = join(__dirname, '../docs/openapi.json');
const REFERENCE_FILE = join(__dirname, '../docs/api-reference.md');
const UPDATE = process.env.UPDATE_API_DOCS === '1';

interface Operation {
  summary?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean }[];
}

/** One line per operation, grouped by tag: the reference a reader opens before the JSON. */
function reference(document: { paths: Record<string, Record<string, Operation>> }): string {
  const rows = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => {
      const parameters = (operation.parameters ?? [])
        .filter((parameter) => parameter.in === 'query')
        .map((parameter) => `\`${parameter.name}\``)
        .join(', ');
      return {
        tag: operation.tags?.[0] ?? '',
        line: `| \`${method.toUpperCase()} ${path}\` | ${operation.summary ?? ''} | ${parameters} |`,
      };
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
      '| operation | summary | query parameters |',
      '| --- | --- | --- |',
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
});

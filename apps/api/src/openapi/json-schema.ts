import { z } from 'zod';

/** An OpenAPI 3.0 schema object, as zod's `toJSONSchema` writes it. */
export type SchemaObject = Record<string, unknown>;

/** Named schemas (`.meta({ id })`), gathered while the controllers load, published as `components.schemas`. */
const components = new Map<string, SchemaObject>();

export const componentRef = (id: string) => `#/components/schemas/${id}`;

/**
 * The OpenAPI form of a zod schema: `input` for what a client sends (defaults optional, coercions as the target
 * type), `output` for what the server answers. A schema with an `id` becomes a component, referenced by `$ref`; two
 * different schemas under one id fail at start-up rather than document one of them silently.
 */
export function openApiSchema(schema: z.ZodType, io: 'input' | 'output'): SchemaObject {
  const converted = z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' });
  const { definitions = {}, ...root } = JSON.parse(
    JSON.stringify(converted).replaceAll('"#/definitions/', `"${componentRef('')}`),
  ) as SchemaObject & { definitions?: Record<string, SchemaObject> };
  for (const [id, definition] of Object.entries(definitions)) {
    const known = components.get(id);
    if (known && JSON.stringify(known) !== JSON.stringify(definition))
      throw new Error(`Two different schemas are documented as ${id}`);
    components.set(id, definition);
  }
  return root;
}

export const documentedComponents = (): Record<string, SchemaObject> =>
  Object.fromEntries([...components].sort(([a], [b]) => a.localeCompare(b)));

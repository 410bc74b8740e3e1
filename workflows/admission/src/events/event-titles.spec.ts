import { z } from 'zod';
import { creationSchema, eventSchema, EVENT_TYPES } from './event-schemas';
import { transferEvent } from './transfer';

type JsonSchema = { title?: string; type?: string | string[]; properties?: Record<string, JsonSchema> } & {
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: string[];
  optionLabels?: Record<string, string>;
};

/** Every field below the event's own `type` and `occurredOn` with no Vietnamese title, or an option with no label. */
function untitled(schema: JsonSchema, path: string): string[] {
  const found: string[] = [];
  for (const [name, field] of Object.entries(schema.properties ?? {})) {
    if (path === '' && (name === 'type' || name === 'occurredOn')) continue;
    const where = `${path}${name}`;
    if (!field.title) found.push(where);
    if (field.enum && field.enum.some((value) => !field.optionLabels?.[value])) found.push(`${where} options`);
    for (const inner of [field, field.items, ...(field.anyOf ?? [])])
      if (inner?.properties) found.push(...untitled(inner, `${where}.`));
  }
  return found;
}

describe('Event schemas name every field in Vietnamese (the web application labels its forms with them)', () => {
  it.each([...EVENT_TYPES])('%s', (type) => {
    expect(untitled(z.toJSONSchema(eventSchema(type), { io: 'input' }) as JsonSchema, '')).toEqual([]);
  });

  it('TRANSFER and a new dossier’s candidate', () => {
    expect(untitled(z.toJSONSchema(transferEvent.schema, { io: 'input' }) as JsonSchema, '')).toEqual([]);
    expect(untitled(z.toJSONSchema(creationSchema, { io: 'input' }) as JsonSchema, '')).toEqual([]);
  });
});

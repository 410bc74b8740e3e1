/** The part of JSON Schema (as zod's `toJSONSchema` writes it) that the forms read, with the workflow's titles. */
export interface FieldSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  format?: string;
  enum?: (string | number)[];
  const?: unknown;
  /** Vietnamese names of the enumerated values, or of the categories a text is chosen among (`.meta({ optionLabels })`). */
  optionLabels?: Record<string, string>;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  pattern?: string;
  properties?: Record<string, FieldSchema>;
  required?: string[];
  items?: FieldSchema;
  anyOf?: FieldSchema[];
}

/** `anyOf: [X, {type: "null"}]` (nullable) is X. */
export function unwrap(schema: FieldSchema): FieldSchema {
  if (!schema.anyOf) return schema;
  const branches = schema.anyOf.filter((branch) => branch.type !== 'null');
  return branches.length === 1 ? { ...branches[0], title: schema.title ?? branches[0].title } : schema;
}

export const kindOf = (schema: FieldSchema) => (Array.isArray(schema.type) ? schema.type[0] : schema.type);

/** Drops what the user left empty, so that optional fields are absent rather than "" (the API refuses blanks). */
export function withoutBlanks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutBlanks);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .map(([key, inner]) => [key, withoutBlanks(inner)] as const)
      .filter(([, inner]) => inner !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  }
  if (typeof value === 'string' && value.trim() === '') return undefined;
  return value;
}

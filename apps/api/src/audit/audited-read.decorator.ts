import { SetMetadata } from '@nestjs/common';
import type { Request } from 'express';

/** What was read of a dossier; `list` is a line of a list or search answer (name, state, dates of each dossier). */
export const READ_KINDS = ['dossier', 'history', 'rejections', 'document', 'list'] as const;
export type ReadKind = (typeof READ_KINDS)[number];

/** Which dossiers an answer showed: by default the `:id` of the route. */
export type DossiersRead = (request: Request, answer: unknown) => string[];

export interface AuditedReadOptions {
  what: ReadKind;
  dossiers: DossiersRead;
}

export const AUDITED_READ = 'audit:read';

const routeDossier: DossiersRead = (request) => [request.params.id as string];

/** Records each successful answer of the handler in `read_audit` (one insert per request). */
export const AuditedRead = (what: ReadKind, dossiers: DossiersRead = routeDossier) =>
  SetMetadata(AUDITED_READ, { what, dossiers } satisfies AuditedReadOptions);

/** The dossiers of a list answer, `{items: [{id}]}` or `[{id}]`. */
export const listedDossiers: DossiersRead = (_request, answer) => {
  const items = Array.isArray(answer) ? answer : (answer as { items?: unknown[] }).items;
  return (items ?? []).map((item) => (item as { id: string }).id);
};

import { SetMetadata } from '@nestjs/common';
import type { Request } from 'express';

/**
 * What was read: of a dossier (`dossier`, `history`, `rejections`, `document`, the list of its `documents`), a line
 * of a list or search answer (`list`: name, state, dates of each dossier), a training `class` or its
 * `certificates`, a `report`.
 */
export const READ_KINDS = [
  'dossier',
  'history',
  'rejections',
  'document',
  'documents',
  'list',
  'class',
  'certificates',
  'report',
] as const;
export type ReadKind = (typeof READ_KINDS)[number];

/**
 * What an answer showed: the dossiers whose data it holds and, for a read of more than dossiers (a class, a report),
 * the path of the organisation that thing belongs to (the read is then also recorded by itself).
 */
export interface ReadShown {
  dossierIds: string[];
  organisationPath?: string;
}

/** Which dossiers an answer showed: by default the `:id` of the route. */
export type ShownBy = (request: Request, answer: unknown) => ReadShown;

export interface AuditedReadOptions {
  what: ReadKind;
  shown: ShownBy;
}

export const AUDITED_READ = 'audit:read';

const routeDossier: ShownBy = (request) => ({ dossierIds: [request.params.id as string] });

/** Records each successful answer of the handler in `read_audit` (one insert per request). */
export const AuditedRead = (what: ReadKind, shown: ShownBy = routeDossier) =>
  SetMetadata(AUDITED_READ, { what, shown } satisfies AuditedReadOptions);

/** The dossiers of a list answer, `{items: [{id}]}` or `[{id}]`. */
export const listedDossiers: ShownBy = (_request, answer) => {
  const items = Array.isArray(answer) ? answer : (answer as { items?: unknown[] }).items;
  return { dossierIds: (items ?? []).map((item) => (item as { id: string }).id) };
};

const SHOWN = Symbol('read shown');

/** A handler that knows what it showed (one that writes its answer itself) says it here, for `shownByHandler`. */
export function showRead(request: Request, shown: ReadShown): void {
  (request as Request & { [SHOWN]?: ReadShown })[SHOWN] = shown;
}

/** What the handler said it showed with `showRead`. */
export const shownByHandler: ShownBy = (request) =>
  (request as Request & { [SHOWN]?: ReadShown })[SHOWN] ?? { dossierIds: [] };

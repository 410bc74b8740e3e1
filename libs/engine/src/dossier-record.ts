import type { StateValue } from 'xstate';

export interface DeadlineRecord {
  id: string;
  kind: string;
  label: string;
  audience: string;
  anchorOn: string;
  dueOn: string;
  leadWorkingDays: number;
  isStep: boolean;
  status: 'open' | 'done' | 'cancelled';
  closedOn: string | null;
  late: boolean | null;
}

export interface DossierRecord {
  id: string;
  workflowName: string;
  workflowVersion: number;
  cellId: string;
  orgPath: string;
  state: string;
  stateValue: StateValue;
  snapshot: unknown;
  version: number;
  candidate: Record<string, unknown>;
  dates: Record<string, string | null>;
  createdAt: Date;
  updatedAt: Date;
  deadlines: DeadlineRecord[];
}

/** The select list of a dossier record, optionally qualified by a table alias. */
export function dossierColumns(alias?: string): string {
  const a = alias ? `${alias}.` : '';
  return `${a}id, ${a}workflow_name AS "workflowName", ${a}workflow_version AS "workflowVersion",
    ${a}cell_id AS "cellId", ${a}org_path AS "orgPath", ${a}state, ${a}state_value AS "stateValue", ${a}snapshot,
    ${a}version, ${a}candidate, ${a}dates, ${a}created_at AS "createdAt", ${a}updated_at AS "updatedAt"`;
}

export const DOSSIER_COLUMNS = dossierColumns();

export const DEADLINE_COLUMNS = `id, kind, label, audience, anchor_on AS "anchorOn", due_on AS "dueOn",
  lead_working_days AS "leadWorkingDays", is_step AS "isStep", status, closed_on AS "closedOn", late`;

/**
 * The deadline rows of the dossier whose id is in `dossierIdColumn`, as a JSON array of `DeadlineRecord` in the order
 * the API lists them: a subquery, so that the row lock brings them along without a round trip of their own.
 */
export function deadlinesJson(dossierIdColumn: string): string {
  return `(SELECT coalesce(json_agg(json_build_object('id', l.id, 'kind', l.kind, 'label', l.label,
      'audience', l.audience, 'anchorOn', l.anchor_on, 'dueOn', l.due_on, 'leadWorkingDays', l.lead_working_days,
      'isStep', l.is_step, 'status', l.status, 'closedOn', l.closed_on, 'late', l.late) ORDER BY l.created_at, l.kind),
    '[]') FROM deadlines l WHERE l.dossier_id = ${dossierIdColumn})`;
}

/**
 * What a statement that locks a dossier (FOR UPDATE OF `alias`) selects for a transition: the record, its deadline
 * rows, and the version its statement's snapshot saw (`versionSeen`). Under READ COMMITTED the subqueries of a locking
 * statement read that snapshot, taken before any wait for the lock, while the locked row is the latest: when another
 * transition committed meanwhile, `version` has moved past `versionSeen` and the rows may be stale (the engine then
 * reads them again). Otherwise they are current, because deadline rows change only in a transition that holds the
 * dossier's lock and bumps its version (`planDeadlineSync`, nowhere else).
 */
export function lockedRecordColumns(alias: string): string {
  return `${dossierWithDeadlinesColumns(alias)},
    (SELECT seen.version FROM dossiers seen WHERE seen.id = ${alias}.id) AS "versionSeen"`;
}

/** A dossier record with its deadline rows, in one statement: `alias` names the dossiers table. */
export function dossierWithDeadlinesColumns(alias: string): string {
  return `${dossierColumns(alias)}, ${deadlinesJson(`${alias}.id`)} AS deadlines`;
}

/** The top-level state name, for filters: `assembly` for `{assembly: {...}}`. */
export function topLevelState(value: StateValue): string {
  return typeof value === 'string' ? value : Object.keys(value)[0];
}

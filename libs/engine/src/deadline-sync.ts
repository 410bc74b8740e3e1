import type { QueryRunner } from 'typeorm';
import { preparedStatement } from '@libs/persistence';
import type { DeadlineSpec } from '@workflows/common/workflow-definition';
import { DEADLINE_COLUMNS, type DeadlineRecord } from './dossier-record';

export interface DeadlineChange {
  change: 'opened' | 'moved' | 'closed';
  deadline: DeadlineRecord;
  /** For a moved deadline, the due date its reminders were scheduled for. */
  previousDueOn?: string;
  /** An opened deadline that is a closed row reopened (a void), not a new one: jobs of its id may exist already. */
  reopened?: true;
}

const ALL_ROWS = preparedStatement(
  'deadlines.all',
  `SELECT ${DEADLINE_COLUMNS} FROM deadlines WHERE dossier_id = $1 ORDER BY created_at, kind`,
);
const CLOSE_SQL = preparedStatement(
  'deadlines.close',
  `UPDATE deadlines SET status = $2, closed_on = $3, late = $4, updated_at = now() WHERE id = $1
   RETURNING ${DEADLINE_COLUMNS}`,
);
const MOVE_SQL = preparedStatement(
  'deadlines.move',
  `UPDATE deadlines SET due_on = $2, anchor_on = $3, lead_working_days = $4, updated_at = now() WHERE id = $1
   RETURNING ${DEADLINE_COLUMNS}`,
);
const REOPEN_SQL = preparedStatement(
  'deadlines.reopen',
  `UPDATE deadlines SET status = 'open', closed_on = NULL, late = NULL, due_on = $2, anchor_on = $3,
     lead_working_days = $4, updated_at = now() WHERE id = $1 RETURNING ${DEADLINE_COLUMNS}`,
);
const OPEN_SQL = preparedStatement(
  'deadlines.open',
  `INSERT INTO deadlines (dossier_id, kind, label, audience, anchor_on, due_on, lead_working_days, is_step, status)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open') RETURNING ${DEADLINE_COLUMNS}`,
);

export interface SyncMode {
  /** How vanished deadlines close: done on `on`, or cancelled when the dossier ended without completing them. */
  closeAs: 'done' | 'cancelled';
  /** A voided event's deadlines come back: the kind's latest row reopens rather than a new one. */
  reopen?: boolean;
}

/**
 * Makes the open deadline rows of a dossier match the workflow's open deadlines:
 * new kinds are opened, changed due dates moved, vanished kinds closed. `rows` are the dossier's rows as read under
 * its lock, in the order the API lists them; answers the changes and every row of the dossier after them.
 */
export async function syncDeadlines(
  db: QueryRunner,
  dossierId: string,
  rows: readonly DeadlineRecord[],
  desired: DeadlineSpec[],
  on: string,
  { closeAs, reopen = false }: SyncMode,
): Promise<{ changes: DeadlineChange[]; deadlines: DeadlineRecord[] }> {
  // The lock order of every transaction on a dossier: the dossier row (the caller holds it), then its deadline rows
  // in id order, here as in the reminder worker; no two transactions then wait on each other in opposite orders.
  const open = rows.filter((row) => row.status === 'open').sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const changes: DeadlineChange[] = [];
  const wanted = new Map(desired.map((spec) => [spec.kind, spec]));

  for (const current of open) {
    const spec = wanted.get(current.kind);
    if (!spec) {
      const status = closeAs;
      const late = status === 'done' && current.isStep ? on > current.dueOn : null;
      const {
        records: [closed],
      } = await db.query(CLOSE_SQL, [current.id, status, on, late], true);
      changes.push({ change: 'closed', deadline: closed });
    } else if (spec.dueOn !== current.dueOn || spec.anchorOn !== current.anchorOn) {
      const {
        records: [moved],
      } = await db.query(MOVE_SQL, [current.id, spec.dueOn, spec.anchorOn, spec.leadWorkingDays], true);
      changes.push({ change: 'moved', deadline: moved, previousDueOn: current.dueOn });
    }
    wanted.delete(current.kind);
  }

  for (const spec of wanted.values()) {
    const previous = reopen ? rows.filter((row) => row.kind === spec.kind).at(-1) : undefined;
    if (previous) {
      const {
        records: [reopened],
      } = await db.query(REOPEN_SQL, [previous.id, spec.dueOn, spec.anchorOn, spec.leadWorkingDays], true);
      changes.push({ change: 'opened', deadline: reopened, reopened: true });
      continue;
    }
    const [opened] = await db.query(OPEN_SQL, [
      dossierId,
      spec.kind,
      spec.label,
      spec.audience,
      spec.anchorOn,
      spec.dueOn,
      spec.leadWorkingDays,
      spec.isStep,
    ]);
    changes.push({ change: 'opened', deadline: opened });
  }
  // A closed or moved row keeps its place. Opened rows sort by the transaction's start time and the database's
  // collation, which a concurrent transaction on the same dossier can interleave: those lists are read again.
  if (changes.some((change) => change.change === 'opened' && !rows.some((row) => row.id === change.deadline.id)))
    return { changes, deadlines: await db.query(ALL_ROWS, [dossierId]) };
  const updated = new Map(changes.map((change) => [change.deadline.id, change.deadline]));
  return { changes, deadlines: rows.map((row) => updated.get(row.id) ?? row) };
}

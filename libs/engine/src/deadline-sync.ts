import { preparedStatement, type PipelinedStatement } from '@libs/persistence';
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

/** Every deadline row of a dossier ($1), in the order the API lists them. */
export const ALL_DEADLINES_SQL = preparedStatement(
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

/** The statements that sync a dossier's deadline rows, and what their answers mean (see `planDeadlineSync`). */
export interface DeadlineSync {
  /** Independent of each other's answers: they can go to PostgreSQL together (`pipelined`, `commitWith`). */
  statements: PipelinedStatement[];
  /** The changes, and every row of the dossier after them, from the answers to `statements` in their order. */
  outcome(answers: unknown[][]): { changes: DeadlineChange[]; deadlines: DeadlineRecord[] };
}

/** One statement of a sync, and the change its returned row is (the change's fields but its deadline). */
type Step = PipelinedStatement & Omit<DeadlineChange, 'deadline'>;

/**
 * What makes the open deadline rows of a dossier match the workflow's open deadlines:
 * new kinds are opened, changed due dates moved, vanished kinds closed. `rows` are the dossier's rows as they are
 * under its lock (see `lockedRecordColumns`), in the order the API lists them. Decided from them alone, so nothing
 * waits for an answer in between. The only writer of deadline rows: always in a transition holding the dossier's
 * lock that bumps its version, which is what lets the lock statement read them.
 */
export function planDeadlineSync(
  dossierId: string,
  rows: readonly DeadlineRecord[],
  desired: DeadlineSpec[],
  on: string,
  { closeAs, reopen = false }: SyncMode,
): DeadlineSync {
  // The lock order of every transaction on a dossier: the dossier row (the caller holds it), then its deadline rows
  // in id order, here as in the reminder worker; no two transactions then wait on each other in opposite orders.
  // Pipelined statements run in the order they are sent.
  const open = rows.filter((row) => row.status === 'open').sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const steps: Step[] = [];
  const wanted = new Map(desired.map((spec) => [spec.kind, spec]));

  for (const current of open) {
    const spec = wanted.get(current.kind);
    if (!spec) {
      const status = closeAs;
      const late = status === 'done' && current.isStep ? on > current.dueOn : null;
      steps.push({ change: 'closed', sql: CLOSE_SQL, params: [current.id, status, on, late] });
    } else if (spec.dueOn !== current.dueOn || spec.anchorOn !== current.anchorOn) {
      const params = [current.id, spec.dueOn, spec.anchorOn, spec.leadWorkingDays];
      steps.push({ change: 'moved', sql: MOVE_SQL, params, previousDueOn: current.dueOn });
    }
    wanted.delete(current.kind);
  }

  let inserts = false;
  for (const spec of wanted.values()) {
    const previous = reopen ? rows.filter((row) => row.kind === spec.kind).at(-1) : undefined;
    if (previous) {
      const params = [previous.id, spec.dueOn, spec.anchorOn, spec.leadWorkingDays];
      steps.push({ change: 'opened', sql: REOPEN_SQL, params, reopened: true });
      continue;
    }
    inserts = true;
    steps.push({
      change: 'opened',
      sql: OPEN_SQL,
      params: [
        dossierId,
        spec.kind,
        spec.label,
        spec.audience,
        spec.anchorOn,
        spec.dueOn,
        spec.leadWorkingDays,
        spec.isStep,
      ],
    });
  }
  // A closed, moved or reopened row keeps its place. Inserted rows sort by the transaction's start time and the
  // database's collation, which a concurrent transaction on the same dossier can interleave: the list is read again,
  // by a statement after the others.
  const statements: PipelinedStatement[] = steps.map(({ sql, params }) => ({ sql, params }));
  if (inserts) statements.push({ sql: ALL_DEADLINES_SQL, params: [dossierId] });
  return {
    statements,
    outcome(answers) {
      const changes = steps.map(({ sql: _sql, params: _params, ...change }, index): DeadlineChange => {
        const [deadline] = answers[index] as DeadlineRecord[];
        return { ...change, deadline };
      });
      if (inserts) return { changes, deadlines: answers[steps.length] as DeadlineRecord[] };
      const updated = new Map(changes.map((change) => [change.deadline.id, change.deadline]));
      return { changes, deadlines: rows.map((row) => updated.get(row.id) ?? row) };
    },
  };
}

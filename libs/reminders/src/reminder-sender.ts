import type { DataSource } from 'typeorm';
import type { Clock } from '@libs/clock';
import { inRetriedTransaction } from '@libs/persistence';
import type { ReminderJob } from './queues';
import { isRecipientSql, recipientRolesTable } from './recipients';
import { reminderMessageTemplate } from './reminder-message';

export type SendOutcome =
  { status: 'stale' | 'duplicate' } | { status: 'sent'; notifications: number; deliveries: string[] };

/**
 * Every dossier of the reminders, locked in id order: the lock order of every transaction on a dossier (see the
 * engine's deadline sync) is the dossier row first, then its deadlines, and two batches take their dossiers in the
 * same order. Locking a deadline first would wait on a transition that holds the dossier and waits for it.
 */
const LOCK_DOSSIERS_SQL = `SELECT s.id FROM dossiers s
  WHERE s.id IN (SELECT dossier_id FROM deadlines WHERE id = ANY($1::uuid[])) ORDER BY s.id FOR UPDATE OF s`;

/**
 * The reminders ($1 deadline ids, $2 kinds, $3 due dates, $4 message templates; $5 the recipients' roles table,
 * $6 the time) in one statement, taken after their dossiers are locked, so it sees every transition before it:
 * - `due`: the reminders whose deadline is still open at that due date (the others are stale), deadline locked;
 * - `claimed`: one (deadline, kind, due date) row per reminder, which a second worker or a re-created job cannot
 *   insert again (ON CONFLICT DO NOTHING decides against committed rows, whatever the statement's snapshot), with
 *   its recipients' count: a new claim has no inbox row yet, so every recipient gets one;
 * - `inbox`: the notifications of the claimed reminders only; `hooks`: the pending deliveries, for the active
 *   webhooks of the organisations above the dossier only (none where the subtree has none).
 * One row per reminder, in the order given: whether it was due, claimed, and what it wrote.
 */
const SEND_SQL = `
  WITH jobs AS (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::date[], $4::text[]) WITH ORDINALITY
      AS j(deadline_id, kind, due_on, template, n)
  ),
  roles AS (
    SELECT * FROM jsonb_to_recordset($5::jsonb) AS r(audience text, kind text, "grassrootsCell" boolean, roles text[])
  ),
  due AS MATERIALIZED (
    SELECT j.n, j.deadline_id, j.kind, j.due_on, d.dossier_id, s.org_path,
      format(j.template, d.label, s.full_name) AS message, r.roles,
      jsonb_build_object('event', 'reminder', 'kind', j.kind, 'dossierId', d.dossier_id, 'deadlineId', d.id,
        'dueOn', j.due_on, 'label', d.label, 'message', format(j.template, d.label, s.full_name)) AS body
    FROM jobs j
    JOIN deadlines d ON d.id = j.deadline_id AND d.status = 'open' AND d.due_on = j.due_on
    JOIN dossiers s ON s.id = d.dossier_id
    JOIN organizations c ON c.id = s.cell_id
    JOIN roles r ON r.audience = d.audience AND r.kind = j.kind AND r."grassrootsCell" = (c.kind = 'grassrootsCell')
    FOR UPDATE OF d
  ),
  recipients AS MATERIALIZED (
    SELECT due.n, u.id AS user_id
    FROM due JOIN users u ON true JOIN organizations o ON o.id = u.scope_org_id
    WHERE ${isRecipientSql('due.org_path', 'due.roles')}
  ),
  claimed AS (
    INSERT INTO deadline_reminders (deadline_id, kind, due_on, recipients, sent_at)
    SELECT due.deadline_id, due.kind, due.due_on, (SELECT count(*) FROM recipients r WHERE r.n = due.n), $6
    FROM due
    ON CONFLICT DO NOTHING RETURNING deadline_id, kind, due_on
  ),
  sent AS (
    SELECT due.* FROM due
    JOIN claimed c ON c.deadline_id = due.deadline_id AND c.kind = due.kind AND c.due_on = due.due_on
  ),
  inbox AS (
    INSERT INTO notifications (user_id, dossier_id, deadline_id, kind, due_on, message, created_at)
    SELECT r.user_id, sent.dossier_id, sent.deadline_id, sent.kind, sent.due_on, sent.message, $6
    FROM sent JOIN recipients r ON r.n = sent.n
    ON CONFLICT DO NOTHING RETURNING deadline_id, kind, due_on
  ),
  hooks AS (
    INSERT INTO webhook_deliveries (webhook_id, deadline_id, kind, due_on, body, status)
    SELECT w.id, sent.deadline_id, sent.kind, sent.due_on, sent.body, 'pending'
    FROM sent JOIN organizations o ON sent.org_path LIKE o.path || '%' JOIN webhooks w ON w.org_id = o.id AND w.active
    ON CONFLICT DO NOTHING RETURNING id, deadline_id, kind, due_on
  )
  SELECT j.n::int AS n, due.n IS NOT NULL AS due,
    EXISTS (SELECT 1 FROM sent WHERE sent.n = j.n) AS claimed,
    (SELECT count(*)::int FROM inbox i
      WHERE i.deadline_id = j.deadline_id AND i.kind = j.kind AND i.due_on = j.due_on) AS notifications,
    ARRAY(SELECT h.id::text FROM hooks h
      WHERE h.deadline_id = j.deadline_id AND h.kind = j.kind AND h.due_on = j.due_on ORDER BY h.id) AS deliveries
  FROM jobs j LEFT JOIN due ON due.n = j.n
  ORDER BY j.n`;

const ROLES = JSON.stringify(recipientRolesTable());
const keyOf = (job: ReminderJob) => `${job.deadlineId} ${job.kind} ${job.dueOn}`;

/**
 * Sends reminders together in one transaction (run again whole on a deadlock or serialization failure): locks
 * their dossiers, then one statement re-reads each deadline (a closed or moved one sends nothing), claims the
 * (deadline, kind, due date) row so that a second worker or a re-created job sends nothing, and writes the inbox
 * notifications and the pending webhook deliveries. The outcomes are in the order of `jobs`; a job given twice is
 * sent once, its repeat a duplicate.
 */
export async function sendReminders(dataSource: DataSource, jobs: ReminderJob[], clock: Clock): Promise<SendOutcome[]> {
  const firstOf = new Map<string, number>();
  jobs.forEach((job, i) => firstOf.has(keyOf(job)) || firstOf.set(keyOf(job), i));
  const unique = [...firstOf.values()].map((i) => jobs[i]);
  const now = clock.now();
  const rows: { due: boolean; claimed: boolean; notifications: number; deliveries: string[] }[] =
    await inRetriedTransaction(dataSource, async (db) => {
      await db.query(LOCK_DOSSIERS_SQL, [unique.map((job) => job.deadlineId)]);
      return db.query(SEND_SQL, [
        unique.map((job) => job.deadlineId),
        unique.map((job) => job.kind),
        unique.map((job) => job.dueOn),
        unique.map((job) => reminderMessageTemplate(job.kind, job.dueOn)),
        ROLES,
        now,
      ]);
    });
  const outcomes = new Map<string, SendOutcome>(
    unique.map((job, i) => {
      const row = rows[i];
      if (!row.due) return [keyOf(job), { status: 'stale' }];
      if (!row.claimed) return [keyOf(job), { status: 'duplicate' }];
      return [keyOf(job), { status: 'sent', notifications: row.notifications, deliveries: row.deliveries }];
    }),
  );
  return jobs.map((job, i) => (firstOf.get(keyOf(job)) === i ? outcomes.get(keyOf(job))! : { status: 'duplicate' }));
}

/** One reminder alone: a batch of one. */
export async function sendReminder(dataSource: DataSource, job: ReminderJob, clock: Clock): Promise<SendOutcome> {
  const [outcome] = await sendReminders(dataSource, [job], clock);
  return outcome;
}

import type { DataSource } from 'typeorm';
import type { Clock } from '@libs/clock';
import { inRetriedTransaction } from '@libs/persistence';
import type { DeadlineAudience } from '@workflows/common/workflow-definition';
import type { ReminderJob } from './queues';
import { RECIPIENTS_SQL, recipientRoles } from './recipients';
import { reminderMessage } from './reminder-message';

export type SendOutcome =
  { status: 'stale' | 'duplicate' } | { status: 'sent'; notifications: number; deliveries: string[] };

/**
 * Sends one reminder in one transaction (run again whole on a deadlock or serialization failure): re-reads the
 * deadline (a closed or moved one sends nothing), claims the (deadline, kind, due date) row so a second worker or a
 * re-created job sends nothing, then writes the inbox notifications and the pending webhook deliveries.
 */
export async function sendReminder(dataSource: DataSource, job: ReminderJob, clock: Clock): Promise<SendOutcome> {
  const now = clock.now();
  return inRetriedTransaction(dataSource, async (db) => {
    // The lock order of every transaction on a dossier (see the engine's deadline sync): the dossier row first,
    // then the deadline. Locking the deadline first would wait on a transition that holds the dossier and waits
    // for this deadline: a deadlock.
    await db.query('SELECT id FROM dossiers WHERE id = (SELECT dossier_id FROM deadlines WHERE id = $1) FOR UPDATE', [
      job.deadlineId,
    ]);
    const [deadline] = await db.query(
      `SELECT d.id, d.label, d.audience, d.due_on AS "dueOn", d.status, d.dossier_id AS "dossierId",
         s.org_path AS "orgPath", s.full_name AS "fullName", c.kind = 'grassrootsCell' AS "grassrootsCell"
       FROM deadlines d JOIN dossiers s ON s.id = d.dossier_id JOIN organizations c ON c.id = s.cell_id
       WHERE d.id = $1 FOR UPDATE OF d`,
      [job.deadlineId],
    );
    if (!deadline || deadline.status !== 'open' || deadline.dueOn !== job.dueOn) return { status: 'stale' };

    const claimed = await db.query(
      `INSERT INTO deadline_reminders (deadline_id, kind, due_on, recipients, sent_at) VALUES ($1, $2, $3, 0, $4)
       ON CONFLICT DO NOTHING RETURNING deadline_id`,
      [job.deadlineId, job.kind, job.dueOn, now],
    );
    if (claimed.length === 0) return { status: 'duplicate' };

    const roles = recipientRoles(deadline.audience as DeadlineAudience, job.kind, deadline.grassrootsCell);
    const users: { id: string }[] = await db.query(RECIPIENTS_SQL, [deadline.orgPath, roles]);
    const message = reminderMessage(job.kind, deadline.label, job.dueOn, deadline.fullName);
    const inserted = await db.query(
      `INSERT INTO notifications (user_id, dossier_id, deadline_id, kind, due_on, message, created_at)
       SELECT unnest($1::uuid[]), $2, $3, $4, $5, $6, $7 ON CONFLICT DO NOTHING RETURNING id`,
      [users.map((user) => user.id), deadline.dossierId, job.deadlineId, job.kind, job.dueOn, message, now],
    );
    await db.query(
      'UPDATE deadline_reminders SET recipients = $4 WHERE deadline_id = $1 AND kind = $2 AND due_on = $3',
      [job.deadlineId, job.kind, job.dueOn, inserted.length],
    );

    const body = {
      event: 'reminder',
      kind: job.kind,
      dossierId: deadline.dossierId,
      deadlineId: job.deadlineId,
      dueOn: job.dueOn,
      label: deadline.label,
      message,
    };
    const deliveries: { id: string }[] = await db.query(
      `INSERT INTO webhook_deliveries (webhook_id, deadline_id, kind, due_on, body, status)
       SELECT w.id, $2, $3, $4, $5, 'pending' FROM webhooks w JOIN organizations o ON o.id = w.org_id
       WHERE w.active AND $1 LIKE o.path || '%'
       ON CONFLICT DO NOTHING RETURNING id`,
      [deadline.orgPath, job.deadlineId, job.kind, job.dueOn, JSON.stringify(body)],
    );
    return { status: 'sent', notifications: inserted.length, deliveries: deliveries.map((d) => d.id) };
  });
}

import type { Job, Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { isDayJob, type ReminderJob, type ReminderQueueJob } from './queues';
import { OWN_JOB_WITHIN_MS, reminderJobId, type DeadlineToRemind } from './reminder-plan';
import type { ReminderScheduler } from './reminder-scheduler';

const PAGE = 5_000;

/**
 * Makes Redis agree with PostgreSQL: re-creates the jobs of open deadlines whose reminders were not sent yet
 * (after a FLUSHALL or a lost Redis, say: the wake-up calls of the days ahead, and a job of its own for a reminder
 * whose time has come or is near, unless its day's wake-up call is still to run), and removes the waiting jobs of
 * deadlines that closed or moved. A job that finished without sending (it failed every attempt, or found its deadline
 * closed before a void reopened it) keeps its id in Redis and would make re-adding a no-op: it is removed first.
 */
export async function reconcileReminders(
  dataSource: DataSource,
  queue: Queue<ReminderQueueJob>,
  scheduler: ReminderScheduler,
): Promise<{ ensured: number; removed: number }> {
  let ensured = 0;
  // 0 to -1: every id (the range defaults to the first two).
  const finished = new Set(await queue.getRanges(['completed', 'failed'], 0, -1));
  const waiting = await queue.getJobs(['delayed', 'waiting', 'prioritized']);
  // Days whose call is still to run; one running now may have read its deadlines already.
  const wakingDays = new Set(waiting.flatMap((job) => (isDayJob(job.data) ? [job.data.fireOn] : [])));
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const deadlines: DeadlineToRemind[] = await dataSource.query(
      `SELECT id, due_on AS "dueOn", lead_working_days AS "leadWorkingDays" FROM deadlines
       WHERE status = 'open' AND id > $1 ORDER BY id LIMIT $2`,
      [after, PAGE],
    );
    if (deadlines.length === 0) break;
    after = deadlines[deadlines.length - 1].id;
    const sent: { deadlineId: string; kind: 'lead' | 'due' | 'overdue'; dueOn: string }[] = await dataSource.query(
      `SELECT deadline_id AS "deadlineId", kind, due_on AS "dueOn" FROM deadline_reminders WHERE deadline_id = ANY($1)`,
      [deadlines.map((deadline) => deadline.id)],
    );
    const done = new Set(sent.map((row) => reminderJobId(row.deadlineId, row.kind, row.dueOn)));
    const jobs = scheduler.plan(deadlines, (plan) => done.has(plan.jobId) || wakingDays.has(plan.fireOn));
    // A finished job under an id to add: a reminder's that did not send, or a day's call run ahead of its day (promoted
    // by hand, say). Re-adding an existing job id is a no-op in BullMQ, so jobs still waiting are left as they are.
    const ids = jobs.map((job) => job.opts.jobId!);
    await Promise.all(ids.filter((jobId) => finished.has(jobId)).map((jobId) => queue.remove(jobId)));
    if (jobs.length) await queue.addBulk(jobs);
    ensured += jobs.length;
  }

  let removed = 0;
  // A day's wake-up call reads its deadlines when it runs: only the jobs of single reminders can be stale. So can
  // the jobs of reminders well ahead, which their day's call (ensured above) now wakes: a version before the days'
  // calls queued a job for every reminder.
  const ahead = Date.now() + OWN_JOB_WITHIN_MS;
  const single = waiting.filter((job): job is Job<ReminderJob> => !isDayJob(job.data));
  const ids = single.map((job) => job.data.deadlineId);
  const open: { id: string; dueOn: string }[] = ids.length
    ? await dataSource.query(`SELECT id, due_on AS "dueOn" FROM deadlines WHERE status = 'open' AND id = ANY($1)`, [
        [...new Set(ids)],
      ])
    : [];
  const current = new Map(open.map((row) => [row.id, row.dueOn]));
  for (const job of single) {
    if (current.get(job.data.deadlineId) === job.data.dueOn && job.timestamp + (job.opts.delay ?? 0) <= ahead) continue;
    // 0 when the job started meanwhile (it is locked): the sender finds it stale itself.
    removed += await queue.remove(job.id!);
  }
  return { ensured, removed };
}

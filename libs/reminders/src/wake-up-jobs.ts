import type { JobsOptions } from 'bullmq';
import type { LocalDate } from '@workflows/common/local-date';
import { JOB_RETENTION, REMINDER_ATTEMPTS, type ReminderQueueJob } from './queues';
import {
  planReminders,
  wakeUpJobId,
  type DeadlineToRemind,
  type PlannedReminder,
  type ReminderCalendar,
} from './reminder-plan';

/** A job for the reminder queue, as `addBulk` takes it. */
export interface WakeUpJob {
  name: string;
  data: ReminderQueueJob;
  opts: JobsOptions;
}

/**
 * The jobs that wake the reminders of these deadlines, planned on `today` as of `now`: the wake-up call of each day
 * ahead (once, whatever the number of reminders it wakes), a job of its own for each reminder whose time has come or
 * is near (`wakeUpJobId`). `skip`: reminders that need no job (sent already, say). `requestId`: the request that
 * changed the deadlines, carried by the reminders' own jobs into the worker's logs.
 */
export function wakeUpJobs(
  deadlines: DeadlineToRemind[],
  calendar: ReminderCalendar,
  today: LocalDate,
  now: Date,
  skip: (plan: PlannedReminder) => boolean = () => false,
  requestId?: string,
): WakeUpJob[] {
  const jobs = new Map<string, WakeUpJob>();
  for (const deadline of deadlines)
    for (const plan of planReminders(deadline, calendar, today)) {
      const jobId = wakeUpJobId(plan, now);
      if (skip(plan) || jobs.has(jobId)) continue;
      const own = jobId === plan.jobId;
      jobs.set(jobId, {
        name: own ? plan.kind : 'day',
        data: own
          ? { deadlineId: deadline.id, kind: plan.kind, dueOn: deadline.dueOn, ...(requestId && { requestId }) }
          : { fireOn: plan.fireOn },
        opts: {
          jobId,
          delay: Math.max(0, plan.fireAt.getTime() - now.getTime()),
          // A wake-up that failed (PostgreSQL away, say) is tried again: sending is idempotent.
          ...REMINDER_ATTEMPTS,
          ...JOB_RETENTION,
        },
      });
    }
  return [...jobs.values()];
}

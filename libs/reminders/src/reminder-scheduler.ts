import type { Queue } from 'bullmq';
import type { DeadlineChange } from '@libs/engine';
import type { Clock } from '@libs/clock';
import { isDayJob, type ReminderQueueJob } from './queues';
import { type DeadlineToRemind, type PlannedReminder, type ReminderCalendar } from './reminder-plan';
import { wakeUpJobs, type WakeUpJob } from './wake-up-jobs';

/**
 * Puts the wake-up calls of deadlines into BullMQ and takes them out again. PostgreSQL stays the truth: a reminder
 * whose time is ahead is woken by its day's job (one per day, reading the day's reminders from PostgreSQL when it
 * runs, so that a closed or moved deadline needs nothing withdrawn from it); one whose time has come, or is near
 * (`wakeUpJobId`), gets a job of its own.
 */
export class ReminderScheduler {
  constructor(
    private readonly queue: Queue<ReminderQueueJob>,
    private readonly calendar: () => ReminderCalendar,
    private readonly clock: Clock,
  ) {}

  /** The `wakeUpJobs` of these deadlines, today and now. */
  plan(deadlines: DeadlineToRemind[], skip?: (plan: PlannedReminder) => boolean, requestId?: string): WakeUpJob[] {
    return wakeUpJobs(deadlines, this.calendar(), this.clock.today(), this.clock.now(), skip, requestId);
  }

  /** Adds the jobs `plan` gives; returns how many (those already in Redis, even finished, stay as they are). */
  async schedule(
    deadlines: DeadlineToRemind[],
    skip?: (plan: PlannedReminder) => boolean,
    requestId?: string,
  ): Promise<number> {
    const jobs = this.plan(deadlines, skip, requestId);
    if (jobs.length) await this.queue.addBulk(jobs);
    return jobs.length;
  }

  /**
   * After a transition: schedule opened and moved deadlines, and take out of Redis the jobs of their own that closed
   * deadlines, the old dates of moved ones and reopened ones may have there. A new deadline has none. Only the jobs
   * that planning the deadline now would give it are looked for (its reminders whose time has come or is near): those
   * ahead are woken by their day's call, which reads the deadlines when it runs, and a job that started already, or
   * one a worker whose clock runs ahead planned, re-checks the row and sends nothing for a closed or moved deadline.
   * A reopened deadline (a void) may find its jobs for the same date finished, having found it closed: their ids are
   * cleared so that the new jobs are not taken for them.
   */
  async apply(changes: DeadlineChange[], requestId?: string): Promise<void> {
    const withdrawn = changes
      .filter((change) => change.change !== 'opened' || change.reopened)
      .map(({ deadline, previousDueOn }) => ({ ...deadline, dueOn: previousDueOn ?? deadline.dueOn }));
    await Promise.all(this.ownJobIds(withdrawn).map((jobId) => this.queue.remove(jobId)));
    await this.schedule(
      changes.filter((change) => change.change !== 'closed').map((change) => change.deadline),
      undefined,
      requestId,
    );
  }

  /** The ids of the jobs of their own that planning these deadlines now would give their reminders. */
  private ownJobIds(deadlines: DeadlineToRemind[]): string[] {
    return this.plan(deadlines)
      .filter((job) => !isDayJob(job.data))
      .map((job) => job.opts.jobId!);
  }
}

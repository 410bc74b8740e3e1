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
   * After a transition: schedule opened and moved deadlines. Nothing is taken out of Redis for a closed deadline or
   * the old date of a moved one: a reminder ahead is woken by its day's call, which reads the deadlines when it runs,
   * and a job of its own (a reminder whose time had come, or was near, when planned) re-checks its row and sends
   * nothing once the deadline is closed or its date has moved; such a job runs at its time, soon, whatever it finds.
   * A reopened deadline (a void) may find the jobs of its own for the same date finished, having found it closed:
   * their ids are cleared first, so that the new jobs are not taken for them.
   */
  async apply(changes: DeadlineChange[], requestId?: string): Promise<void> {
    const reopened = changes.filter((change) => change.reopened).map((change) => change.deadline);
    await Promise.all(this.ownJobIds(reopened).map((jobId) => this.queue.remove(jobId)));
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

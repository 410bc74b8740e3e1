import type { Queue } from 'bullmq';
import type { DeadlineChange } from '@libs/engine';
import type { Clock } from '@libs/clock';
import type { LocalDate } from '@workflows/common/local-date';
import type { ReminderQueueJob } from './queues';
import {
  REMINDER_KINDS,
  reminderJobId,
  type DeadlineToRemind,
  type PlannedReminder,
  type ReminderCalendar,
} from './reminder-plan';
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
   * Removes the pending jobs of a deadline's own reminders for one due date; a job already running re-checks
   * the row itself, and a day's wake-up call reads the deadlines when it runs.
   */
  async withdraw(deadlineId: string, dueOn: LocalDate): Promise<void> {
    await Promise.all(REMINDER_KINDS.map((kind) => this.queue.remove(reminderJobId(deadlineId, kind, dueOn))));
  }

  /**
   * After a transition: schedule opened and moved deadlines, withdraw closed ones and the old dates of moved ones.
   * An opened deadline may be one a void reopened, whose jobs for the same date already ran and found it closed:
   * their ids are cleared so that the new jobs are not taken for them.
   */
  async apply(changes: DeadlineChange[], requestId?: string): Promise<void> {
    for (const change of changes)
      await this.withdraw(change.deadline.id, change.previousDueOn ?? change.deadline.dueOn);
    await this.schedule(
      changes.filter((change) => change.change !== 'closed').map((change) => change.deadline),
      undefined,
      requestId,
    );
  }
}

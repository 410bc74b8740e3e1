import type { Queue } from 'bullmq';
import type { DeadlineChange } from '@libs/engine';
import type { Clock } from '@libs/clock';
import type { LocalDate } from '@workflows/common/local-date';
import { JOB_RETENTION, REMINDER_ATTEMPTS, type ReminderJob } from './queues';
import {
  planReminders,
  REMINDER_KINDS,
  reminderJobId,
  type DeadlineToRemind,
  type ReminderCalendar,
} from './reminder-plan';

/** Puts the wake-up calls of deadlines into BullMQ and takes them out again. PostgreSQL stays the truth. */
export class ReminderScheduler {
  constructor(
    private readonly queue: Queue<ReminderJob>,
    private readonly calendar: () => ReminderCalendar,
    private readonly clock: Clock,
  ) {}

  /** `requestId`: the request that changed the deadlines, carried by the jobs into the worker's logs. */
  async schedule(
    deadlines: DeadlineToRemind[],
    skip: (jobId: string) => boolean = () => false,
    requestId?: string,
  ): Promise<number> {
    const now = this.clock.now();
    const today = this.clock.today();
    const jobs = deadlines.flatMap((deadline) =>
      planReminders(deadline, this.calendar(), today)
        .filter((plan) => !skip(plan.jobId))
        .map((plan) => ({
          name: plan.kind,
          data: { deadlineId: deadline.id, kind: plan.kind, dueOn: deadline.dueOn, ...(requestId && { requestId }) },
          opts: {
            jobId: plan.jobId,
            delay: Math.max(0, plan.fireAt.getTime() - now.getTime()),
            // A reminder that failed (PostgreSQL away, say) is tried again: sending is idempotent.
            ...REMINDER_ATTEMPTS,
            ...JOB_RETENTION,
          },
        })),
    );
    if (jobs.length) await this.queue.addBulk(jobs);
    return jobs.length;
  }

  /** The ids of the jobs `schedule` would add today for these deadlines. */
  plannedJobIds(deadlines: DeadlineToRemind[]): string[] {
    const today = this.clock.today();
    return deadlines.flatMap((deadline) => planReminders(deadline, this.calendar(), today).map((plan) => plan.jobId));
  }

  /** Removes the pending jobs of a deadline for one due date; a job already running re-checks the row itself. */
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

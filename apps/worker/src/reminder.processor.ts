import { InjectQueue, Processor } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { OfficeCalendar } from '@libs/calendar';
import { Clock } from '@libs/clock';
import {
  isDayJob,
  REMINDER_CONCURRENCY,
  REMINDER_QUEUE,
  ReminderBatcher,
  remindersFiringOn,
  sendReminders,
  WEBHOOK_QUEUE,
  webhookDeliveryJob,
  type ReminderDayJob,
  type ReminderJob,
  type ReminderQueueJob,
  type SendOutcome,
  type WebhookJob,
} from '@libs/reminders';
import { JobHost } from './job-host';

/** What a day's wake-up call did, for its log line and its job's result. */
interface DayTally {
  sent: number;
  notifications: number;
  stale: number;
  duplicate: number;
  failed: number;
}

/**
 * Sends reminders once each (PostgreSQL decides), and queues their webhook deliveries. A day's wake-up call sends
 * every reminder of the day, read from PostgreSQL; a reminder planned when its time had come, or was near, has a job
 * of its own. Reminders waiting together are sent together, in batches (ReminderBatcher).
 */
@Processor(REMINDER_QUEUE, { concurrency: REMINDER_CONCURRENCY })
export class ReminderProcessor extends JobHost<ReminderQueueJob> {
  private readonly batcher: ReminderBatcher;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly office: OfficeCalendar,
    @InjectQueue(WEBHOOK_QUEUE) private readonly webhooks: Queue<WebhookJob>,
  ) {
    super();
    this.batcher = new ReminderBatcher((jobs) => sendReminders(this.dataSource, jobs, this.clock));
  }

  run(job: Job<ReminderQueueJob>): Promise<SendOutcome | DayTally> {
    return isDayJob(job.data) ? this.wakeDay(job as Job<ReminderDayJob>) : this.sendOne(job as Job<ReminderJob>);
  }

  private async sendOne(job: Job<ReminderJob>): Promise<SendOutcome> {
    const outcome = await this.batcher.send(job.data).catch((error: unknown) => {
      this.metrics.reminders.inc({ kind: job.data.kind, outcome: 'failed' });
      throw error;
    });
    this.record(job, job.data, outcome);
    if (outcome.status === 'sent') {
      await this.deliver(outcome.deliveries, job.data.requestId);
      this.logger.log(
        `${job.data.kind} reminder of deadline ${job.data.deadlineId}: ${outcome.notifications} notifications`,
      );
    }
    return outcome;
  }

  /**
   * Every reminder that fires on the day, page after page (the office calendar read again first: an admin may have
   * changed it since the worker started). One that cannot be sent makes the job fail and run again: the reminders
   * sent meanwhile are then found sent and skipped.
   */
  private async wakeDay(job: Job<ReminderDayJob>): Promise<DayTally> {
    const { fireOn } = job.data;
    const { calendar } = await this.office.reload();
    const tally: DayTally = { sent: 0, notifications: 0, stale: 0, duplicate: 0, failed: 0 };
    let firstError: unknown;
    for await (const reminders of remindersFiringOn(this.dataSource, calendar, fireOn, this.clock.today())) {
      const outcomes = await Promise.allSettled(reminders.map((reminder) => this.batcher.send(reminder)));
      const deliveries = outcomes.flatMap((settled, i) => {
        if (settled.status === 'rejected') {
          tally.failed += 1;
          firstError ??= settled.reason;
          this.metrics.reminders.inc({ kind: reminders[i].kind, outcome: 'failed' });
          return [];
        }
        const outcome = settled.value;
        this.record(job, reminders[i], outcome);
        tally[outcome.status] += 1;
        if (outcome.status !== 'sent') return [];
        tally.notifications += outcome.notifications;
        return outcome.deliveries;
      });
      await this.deliver(deliveries);
    }
    this.logger.log(
      `Reminders of ${fireOn}: ${tally.sent} sent (${tally.notifications} notifications), ${tally.stale} no longer ` +
        `due, ${tally.duplicate} sent before, ${tally.failed} failed`,
    );
    if (tally.failed)
      throw new Error(`${tally.failed} reminders of ${fireOn} not sent: ${(firstError as Error).message}`);
    return tally;
  }

  private record(job: Job<ReminderQueueJob>, reminder: ReminderJob, outcome: SendOutcome): void {
    this.metrics.reminders.inc({ kind: reminder.kind, outcome: outcome.status });
    // Planned for when the job was added plus its delay: the time it woke up late includes a worker or Redis away.
    if (outcome.status === 'sent')
      this.metrics.reminderLateness.observe(Math.max(0, (Date.now() - job.timestamp - (job.opts.delay ?? 0)) / 1000));
  }

  private async deliver(deliveries: string[], requestId?: string): Promise<void> {
    if (!deliveries.length) return;
    await this.webhooks.addBulk(deliveries.map((deliveryId) => webhookDeliveryJob(deliveryId, requestId)));
  }
}

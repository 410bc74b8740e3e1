import { InjectQueue, Processor } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Clock } from '@libs/clock';
import {
  JOB_RETENTION,
  REMINDER_CONCURRENCY,
  REMINDER_QUEUE,
  ReminderBatcher,
  sendReminders,
  WEBHOOK_QUEUE,
  type ReminderJob,
  type WebhookJob,
} from '@libs/reminders';
import { JobHost } from './job-host';

/**
 * Wakes up at a reminder's time, sends it once (PostgreSQL decides), and queues its webhook deliveries. Reminders
 * due together are sent together, in batches (ReminderBatcher).
 */
@Processor(REMINDER_QUEUE, { concurrency: REMINDER_CONCURRENCY })
export class ReminderProcessor extends JobHost<ReminderJob> {
  private readonly batcher: ReminderBatcher;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @InjectQueue(WEBHOOK_QUEUE) private readonly webhooks: Queue<WebhookJob>,
  ) {
    super();
    this.batcher = new ReminderBatcher((jobs) => sendReminders(this.dataSource, jobs, this.clock));
  }

  async run(job: Job<ReminderJob>) {
    const outcome = await this.batcher.send(job.data);
    this.metrics.reminders.inc({ kind: job.data.kind, outcome: outcome.status });
    // Planned for when the job was added plus its delay: the time it woke up late includes a worker or Redis away.
    if (outcome.status === 'sent')
      this.metrics.reminderLateness.observe(Math.max(0, (Date.now() - job.timestamp - (job.opts.delay ?? 0)) / 1000));
    if (outcome.status === 'sent' && outcome.deliveries.length)
      await this.webhooks.addBulk(
        outcome.deliveries.map((deliveryId) => ({
          name: 'deliver',
          data: { deliveryId, ...(job.data.requestId && { requestId: job.data.requestId }) },
          opts: {
            jobId: `webhook-${deliveryId}`,
            attempts: 6,
            backoff: { type: 'exponential', delay: 2_000 },
            ...JOB_RETENTION,
          },
        })),
      );
    if (outcome.status === 'sent')
      this.logger.log(
        `${job.data.kind} reminder of deadline ${job.data.deadlineId}: ${outcome.notifications} notifications`,
      );
    return outcome;
  }
}

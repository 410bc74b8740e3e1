import { InjectQueue, Processor } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { OfficeCalendar } from '@libs/calendar';
import {
  MAINTENANCE_QUEUE,
  reconcileReminders,
  REMINDER_QUEUE,
  ReminderScheduler,
  requeueLostDeliveries,
  WEBHOOK_QUEUE,
  type ReminderQueueJob,
  type WebhookJob,
} from '@libs/reminders';
import { JobHost } from './job-host';

/**
 * Runs the reconciler on the schedule set at start (`upsertJobScheduler`), one run at a time, on the office calendar
 * as it is then; queues again the webhook deliveries whose job was lost.
 */
@Processor(MAINTENANCE_QUEUE, { concurrency: 1 })
export class MaintenanceProcessor extends JobHost<{ requestId?: string }> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scheduler: ReminderScheduler,
    private readonly office: OfficeCalendar,
    @InjectQueue(REMINDER_QUEUE) private readonly reminders: Queue<ReminderQueueJob>,
    @InjectQueue(WEBHOOK_QUEUE) private readonly webhooks: Queue<WebhookJob>,
  ) {
    super();
  }

  async run() {
    // The scheduler plans on this calendar: an admin may have changed the days off since the last run.
    await this.office.reload();
    const result = await reconcileReminders(this.dataSource, this.reminders, this.scheduler);
    const requeued = await requeueLostDeliveries(this.dataSource, this.webhooks);
    this.logger.log(
      `Reconciled reminders: ${result.ensured} jobs ensured, ${result.removed} stale jobs removed, ` +
        `${requeued} lost webhook deliveries queued again`,
    );
    return { ...result, requeued };
  }
}

import { InjectQueue, Processor } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { OfficeCalendar } from '@libs/calendar';
import {
  MAINTENANCE_QUEUE,
  reconcileReminders,
  REMINDER_QUEUE,
  ReminderScheduler,
  type ReminderQueueJob,
} from '@libs/reminders';
import { JobHost } from './job-host';

/**
 * Runs the reconciler on the schedule set at start (`upsertJobScheduler`), one run at a time, on the office calendar
 * as it is then.
 */
@Processor(MAINTENANCE_QUEUE, { concurrency: 1 })
export class MaintenanceProcessor extends JobHost<{ requestId?: string }> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scheduler: ReminderScheduler,
    private readonly office: OfficeCalendar,
    @InjectQueue(REMINDER_QUEUE) private readonly reminders: Queue<ReminderQueueJob>,
  ) {
    super();
  }

  async run() {
    // The scheduler plans on this calendar: an admin may have changed the days off since the last run.
    await this.office.reload();
    const result = await reconcileReminders(this.dataSource, this.reminders, this.scheduler);
    this.logger.log(`Reconciled reminders: ${result.ensured} jobs ensured, ${result.removed} stale jobs removed`);
    return result;
  }
}

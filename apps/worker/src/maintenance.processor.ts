import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import {
  MAINTENANCE_QUEUE,
  reconcileReminders,
  REMINDER_QUEUE,
  ReminderScheduler,
  type ReminderJob,
} from '@libs/reminders';

/** Runs the reconciler on the schedule set at start (`upsertJobScheduler`), one run at a time. */
@Processor(MAINTENANCE_QUEUE, { concurrency: 1 })
export class MaintenanceProcessor extends WorkerHost {
  private readonly logger = new Logger(MaintenanceProcessor.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly scheduler: ReminderScheduler,
    @InjectQueue(REMINDER_QUEUE) private readonly reminders: Queue<ReminderJob>,
  ) {
    super();
  }

  async process() {
    const result = await reconcileReminders(this.dataSource, this.reminders, this.scheduler);
    this.logger.log(`Reconciled reminders: ${result.ensured} jobs ensured, ${result.removed} stale jobs removed`);
    return result;
  }
}

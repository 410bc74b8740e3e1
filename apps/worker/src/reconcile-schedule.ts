import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { MAINTENANCE_QUEUE, RECONCILE_SCHEDULER } from '@libs/reminders';

/** How often the reconciler runs besides the run at start. */
export const RECONCILE_EVERY_MS = 10 * 60 * 1000;
/** How often the worker checks that Redis still holds the reconciler's schedule. */
export const SCHEDULE_CHECK_EVERY_MS = 10_000;

const RUN_OPTIONS = { removeOnComplete: true, removeOnFail: 100 };

/**
 * The reconciler runs at start and then every `RECONCILE_EVERY_MS`. Its schedule lives in Redis, so a Redis that
 * restarted empty or was flushed loses it: the worker looks for it every `SCHEDULE_CHECK_EVERY_MS` and, when it is
 * gone, re-creates it and reconciles at once (the lost reminder jobs went with it).
 */
@Injectable()
export class ReconcileSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReconcileSchedule.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(@InjectQueue(MAINTENANCE_QUEUE) private readonly maintenance: Queue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensure('reconcile-at-start');
    this.timer = setInterval(() => void this.check(), SCHEDULE_CHECK_EVERY_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async check(): Promise<void> {
    try {
      if (await this.maintenance.getJobScheduler(RECONCILE_SCHEDULER)) return;
      this.logger.warn('The reconciler schedule is missing from Redis: re-created, reconciling now');
      // One job id for every worker that notices: the run happens once.
      await this.ensure('reconcile-after-loss', 'reconcile-after-loss');
    } catch (error) {
      // Redis is away: the next check will find it back.
      this.logger.warn(`Cannot check the reconciler schedule: ${(error as Error).message}`);
    }
  }

  private async ensure(name: string, jobId?: string): Promise<void> {
    await this.maintenance.add(name, {}, { ...RUN_OPTIONS, jobId });
    await this.maintenance.upsertJobScheduler(
      RECONCILE_SCHEDULER,
      // The run just queued comes first; the schedule takes over one interval later.
      { every: RECONCILE_EVERY_MS, startDate: Date.now() + RECONCILE_EVERY_MS },
      { name: 'reconcile', opts: RUN_OPTIONS },
    );
  }
}

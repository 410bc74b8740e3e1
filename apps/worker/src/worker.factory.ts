import { getQueueToken } from '@nestjs/bullmq';
import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Queue } from 'bullmq';
import type { AppConfig } from '@libs/config';
import { MAINTENANCE_QUEUE, RECONCILE_SCHEDULER } from '@libs/reminders';
import { WorkerModule } from './worker.module';

/** How often the reconciler runs besides the run at start. */
export const RECONCILE_EVERY_MS = 10 * 60 * 1000;

/** The worker process: no HTTP, only BullMQ processors; reconciles at start and then on a schedule. */
export async function createWorker(config: AppConfig, logLevels: LogLevel[] | false = ['log', 'warn', 'error']) {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: logLevels });
  app.enableShutdownHooks();
  const maintenance = app.get<Queue>(getQueueToken(MAINTENANCE_QUEUE));
  await maintenance.add('reconcile-at-start', {}, { removeOnComplete: true, removeOnFail: 100 });
  await maintenance.upsertJobScheduler(
    RECONCILE_SCHEDULER,
    // The run at start is the job above; the schedule takes over one interval later.
    { every: RECONCILE_EVERY_MS, startDate: Date.now() + RECONCILE_EVERY_MS },
    { name: 'reconcile', opts: { removeOnComplete: true, removeOnFail: 100 } },
  );
  return app;
}

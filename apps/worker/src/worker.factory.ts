import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '@libs/config';
import { WorkerModule } from './worker.module';

/** The worker process: no HTTP, only BullMQ processors; the reconciler keeps its own schedule (`ReconcileSchedule`). */
export async function createWorker(config: AppConfig, logLevels: LogLevel[] | false = ['log', 'warn', 'error']) {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: logLevels });
  app.enableShutdownHooks();
  await app.init();
  return app;
}

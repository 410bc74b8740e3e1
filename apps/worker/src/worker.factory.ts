import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@libs/config';
import { WorkerModule } from './worker.module';

/** The worker process: no HTTP (but its metrics), only BullMQ processors; the reconciler keeps its own schedule. */
export async function createWorker(config: AppConfig) {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  return app;
}

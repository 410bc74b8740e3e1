import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { OfficeCalendar } from '@libs/calendar';
import { Clock } from '@libs/clock';
import type { AppConfig } from '@libs/config';
import { loggerParams } from '@libs/logging';
import { MetricsAccess, ServiceMetrics } from '@libs/metrics';
import { loadCalendarOverrides, openDatabase } from '@libs/persistence';
import {
  MAINTENANCE_QUEUE,
  queueConnection,
  REMINDER_QUEUE,
  ReminderScheduler,
  WEBHOOK_QUEUE,
  WebhookTargetPolicy,
  type DeliveryOptions,
} from '@libs/reminders';
import { MaintenanceProcessor } from './maintenance.processor';
import { ReconcileSchedule } from './reconcile-schedule';
import { WorkerMetricsServer } from './worker-metrics-server';
import { ReminderProcessor } from './reminder.processor';
import { ReportCountsFold } from './report-counts-fold';
import { DELIVERY_OPTIONS, WebhookProcessor } from './webhook.processor';

class DatabaseShutdown implements OnApplicationShutdown {
  // Explicit: an undecorated class gets no constructor metadata, and Nest would inject nothing.
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown() {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

const QUEUE_NAMES = [REMINDER_QUEUE, WEBHOOK_QUEUE, MAINTENANCE_QUEUE];

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        LoggerModule.forRoot(loggerParams(config.log)),
        BullModule.forRoot({ connection: queueConnection(config.redisUrl), prefix: config.queuePrefix }),
        BullModule.registerQueue(...QUEUE_NAMES.map((name) => ({ name }))),
      ],
      providers: [
        { provide: Clock, useValue: config.clock },
        { provide: DataSource, useFactory: () => openDatabase(config.databaseUrl, 10) },
        {
          provide: OfficeCalendar,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new OfficeCalendar(() => loadCalendarOverrides(dataSource)).reload(),
        },
        {
          provide: ReminderScheduler,
          inject: [getQueueToken(REMINDER_QUEUE), OfficeCalendar],
          useFactory: (queue: Queue, calendar: OfficeCalendar) =>
            new ReminderScheduler(queue, () => calendar.calendar, config.clock),
        },
        {
          provide: DELIVERY_OPTIONS,
          useValue: {
            keys: config.dataKeys,
            targets: new WebhookTargetPolicy(config.webhookAllowedTargets),
          } satisfies DeliveryOptions,
        },
        {
          provide: ServiceMetrics,
          inject: [DataSource, ...QUEUE_NAMES.map(getQueueToken)],
          useFactory: (dataSource: DataSource, ...queues: Queue[]) =>
            new ServiceMetrics('worker').watchQueues(queues).watchPool(dataSource),
        },
        { provide: MetricsAccess, useValue: new MetricsAccess(config.metrics.access) },
        ...(config.metrics.workerPort === null
          ? []
          : [
              {
                provide: WorkerMetricsServer,
                inject: [ServiceMetrics, MetricsAccess],
                useFactory: (metrics: ServiceMetrics, access: MetricsAccess) =>
                  new WorkerMetricsServer(metrics, access, config.metrics.workerPort!),
              },
            ]),
        DatabaseShutdown,
        ReminderProcessor,
        WebhookProcessor,
        MaintenanceProcessor,
        ReconcileSchedule,
        ReportCountsFold,
      ],
    };
  }
}

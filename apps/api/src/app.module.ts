import { createSecretKey } from 'node:crypto';
import { Inject, Logger, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_GUARD, APP_INTERCEPTOR, Reflector } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { AccessTokens, AuthGuard, USER_ACCESS } from '@libs/auth';
import { Clock } from '@libs/clock';
import { DossierEngine, WorkflowRegistry } from '@libs/engine';
import { OfficeCalendar } from '@libs/calendar';
import { currentRequestId, loggerParams } from '@libs/logging';
import { MetricsAccess, ServiceMetrics } from '@libs/metrics';
import { loadCalendarOverrides, openDatabase } from '@libs/persistence';
import {
  MAINTENANCE_QUEUE,
  queueConnection,
  REMINDER_QUEUE,
  ReminderScheduler,
  WEBHOOK_QUEUE,
  type ReminderQueueJob,
} from '@libs/reminders';
import { admissionWorkflow } from '@workflows/admission';
import { APP_CONFIG } from './app-config.token';
import { AuditController } from './audit/audit.controller';
import { ReadAuditInterceptor } from './audit/read-audit.interceptor';
import { ReadAuditWriter } from './audit/read-audit.writer';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { LoginFailureLimits } from './auth/login-failure-limits';
import { CalendarController } from './calendar/calendar.controller';
import type { AppConfig } from '@libs/config';
import { DocumentsController } from './documents/documents.controller';
import { DocumentsService } from './documents/documents.service';
import { DossiersController } from './dossiers/dossiers.controller';
import { DossiersService } from './dossiers/dossiers.service';
import { HistoryVerificationController } from './dossiers/history-verification.controller';
import { HealthController } from './health/health.controller';
import { MetricsController } from './metrics/metrics.controller';
import { ApprovalsInboxController } from './inbox/approvals-inbox.controller';
import { TasksInboxController } from './inbox/tasks-inbox.controller';
import { TasksInboxService } from './inbox/tasks-inbox.service';
import { OrganizationsController } from './organizations/organizations.controller';
import { OrganizationChangesService } from './organizations/organization-changes.service';
import { OrganizationsService } from './organizations/organizations.service';
import { createRedis, REDIS } from './redis.provider';
import { ClassesController } from './classes/classes.controller';
import { ClassesService } from './classes/classes.service';
import { MembersImportController } from './members/members-import.controller';
import { MembersImportService } from './members/members-import.service';
import { MemberImportsService } from './members/member-imports.service';
import { NotificationsController } from './notifications/notifications.controller';
import { AdmissionsReportService } from './reports/admissions-report.service';
import { VotesReportService } from './reports/votes-report.service';
import { ReportScopes } from './reports/report-scope';
import { ComplianceReportService } from './reports/compliance-report.service';
import { PoliciesController } from './policies/policies.controller';
import { PoliciesService } from './policies/policies.service';
import { QuotasController } from './reports/quotas.controller';
import { QuotasService } from './reports/quotas.service';
import { ReportsController } from './reports/reports.controller';
import { UsersController } from './users/users.controller';
import { WebhooksController } from './webhooks/webhooks.controller';
import { UsersService } from './users/users.service';
import { WorkflowsController } from './workflows/workflows.controller';
import { within } from './within';

export const REMINDER_QUEUE_TOKEN = Symbol('REMINDER_QUEUE');
/** The BullMQ queues the API writes to or shows on the dashboard: reminders, webhooks, maintenance. */
/** How long an answer waits for its reminder jobs to reach Redis before leaving them to the reconciler. */
const SCHEDULING_WAIT_MS = 1_000;

export const QUEUES = Symbol('QUEUES');

class Connections implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(QUEUES) private readonly queues: Queue[],
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close()));
    this.redis.disconnect();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(loggerParams(config.log)),
        ThrottlerModule.forRoot([{ name: 'default', limit: 10, ttl: 60_000 }]),
        // A key object, not the string: given a string, jsonwebtoken first tries to parse it as a PEM public key on
        // every verification, which cost a tenth of the API's CPU per request.
        JwtModule.register({
          secret: createSecretKey(Buffer.from(config.jwtSecret)),
          signOptions: { expiresIn: config.tokenLifetime as never },
        }),
      ],
      controllers: [
        AuthController,
        OrganizationsController,
        UsersController,
        DossiersController,
        HistoryVerificationController,
        DocumentsController,
        AuditController,
        WorkflowsController,
        ApprovalsInboxController,
        TasksInboxController,
        CalendarController,
        NotificationsController,
        WebhooksController,
        ReportsController,
        QuotasController,
        ClassesController,
        MembersImportController,
        PoliciesController,
        HealthController,
        MetricsController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: config.clock },
        { provide: DataSource, useFactory: () => openDatabase(config.databaseUrl) },
        { provide: REDIS, useFactory: () => createRedis(config.redisUrl) },
        {
          provide: OfficeCalendar,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new OfficeCalendar(() => loadCalendarOverrides(dataSource)).reload(),
        },
        {
          provide: WorkflowRegistry,
          inject: [OfficeCalendar],
          useFactory: (calendar: OfficeCalendar) => new WorkflowRegistry().register(admissionWorkflow(calendar)),
        },
        {
          provide: QUEUES,
          useFactory: () =>
            [REMINDER_QUEUE, WEBHOOK_QUEUE, MAINTENANCE_QUEUE].map(
              (name) => new Queue(name, { connection: queueConnection(config.redisUrl), prefix: config.queuePrefix }),
            ),
        },
        {
          provide: ServiceMetrics,
          inject: [DataSource, QUEUES],
          useFactory: (dataSource: DataSource, queues: Queue[]) =>
            new ServiceMetrics('api').watchQueues(queues).watchPool(dataSource),
        },
        { provide: MetricsAccess, useValue: new MetricsAccess(config.metrics.access) },
        { provide: REMINDER_QUEUE_TOKEN, inject: [QUEUES], useFactory: (queues: Queue[]) => queues[0] },
        {
          provide: ReminderScheduler,
          inject: [REMINDER_QUEUE_TOKEN, OfficeCalendar],
          useFactory: (queue: Queue<ReminderQueueJob>, calendar: OfficeCalendar) =>
            new ReminderScheduler(queue, () => calendar.calendar, config.clock),
        },
        {
          provide: DossierEngine,
          inject: [DataSource, WorkflowRegistry, ReminderScheduler],
          useFactory: (dataSource: DataSource, registry: WorkflowRegistry, reminders: ReminderScheduler) =>
            new DossierEngine(dataSource, registry, config.clock, async (dossierId, changes) => {
              const requestId = currentRequestId();
              // The transition has committed: a Redis failure here only delays reminders until the reconciler runs.
              // Redis away: BullMQ would wait for it; the answer does not, and the reconciler re-creates the jobs.
              await within(reminders.apply(changes, requestId), SCHEDULING_WAIT_MS).catch((error: Error) =>
                new Logger('Reminders').warn(`Scheduling reminders of ${dossierId} failed: ${error.message}`),
              );
            }),
        },
        { provide: USER_ACCESS, useExisting: UsersService },
        AccessTokens,
        { provide: APP_GUARD, useClass: AuthGuard },
        {
          provide: ReadAuditWriter,
          useFactory: () => (config.auditReads === false ? null : new ReadAuditWriter(config.databaseUrl)),
        },
        {
          provide: APP_INTERCEPTOR,
          inject: [Reflector, ReadAuditWriter],
          useFactory: (reflector: Reflector, writer: ReadAuditWriter | null) =>
            new ReadAuditInterceptor(reflector, writer),
        },
        Connections,
        OrganizationsService,
        OrganizationChangesService,
        PoliciesService,
        ReportScopes,
        UsersService,
        AuthService,
        LoginFailureLimits,
        DossiersService,
        TasksInboxService,
        DocumentsService,
        AdmissionsReportService,
        VotesReportService,
        ComplianceReportService,
        QuotasService,
        ClassesService,
        MembersImportService,
        MemberImportsService,
      ],
    };
  }
}

import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { AuthGuard } from '../../../libs/auth/src';
import { DossierEngine, WorkflowRegistry } from '../../../libs/engine/src';
import { openDatabase } from '../../../libs/persistence/src';
import { admissionWorkflow } from '../../../workflows/admission/src';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { CalendarController } from './calendar/calendar.controller';
import { OfficeCalendar } from './calendar/office-calendar';
import type { AppConfig } from './config';
import { DossiersController } from './dossiers/dossiers.controller';
import { DossiersService } from './dossiers/dossiers.service';
import { HealthController } from './health/health.controller';
import { ApprovalsInboxController } from './inbox/approvals-inbox.controller';
import { OrganizationsController } from './organizations/organizations.controller';
import { OrganizationsService } from './organizations/organizations.service';
import { createRedis, REDIS } from './redis.provider';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';
import { WorkflowsController } from './workflows/workflows.controller';

export const APP_CONFIG = Symbol('APP_CONFIG');

class Connections implements OnApplicationShutdown {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async onApplicationShutdown(): Promise<void> {
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
        JwtModule.register({ secret: config.jwtSecret, signOptions: { expiresIn: config.tokenLifetime as never } }),
      ],
      controllers: [
        AuthController,
        OrganizationsController,
        UsersController,
        DossiersController,
        WorkflowsController,
        ApprovalsInboxController,
        CalendarController,
        HealthController,
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DataSource, useFactory: () => openDatabase(config.databaseUrl) },
        { provide: REDIS, useFactory: () => createRedis(config.redisUrl) },
        {
          provide: OfficeCalendar,
          inject: [DataSource],
          useFactory: async (dataSource: DataSource) => {
            const calendar = new OfficeCalendar(dataSource);
            await calendar.reload();
            return calendar;
          },
        },
        {
          provide: WorkflowRegistry,
          inject: [OfficeCalendar],
          useFactory: (calendar: OfficeCalendar) => new WorkflowRegistry().register(admissionWorkflow(calendar)),
        },
        {
          provide: DossierEngine,
          inject: [DataSource, WorkflowRegistry],
          useFactory: (dataSource: DataSource, registry: WorkflowRegistry) => new DossierEngine(dataSource, registry),
        },
        { provide: APP_GUARD, useClass: AuthGuard },
        Connections,
        OrganizationsService,
        UsersService,
        AuthService,
        DossiersService,
      ],
    };
  }
}

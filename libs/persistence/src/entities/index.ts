import { CalendarOverrideEntity } from './calendar-override.entity';
import { DeadlineEntity } from './deadline.entity';
import { DossierEventEntity } from './dossier-event.entity';
import { DossierEntity } from './dossier.entity';
import { OrganizationEntity } from './organization.entity';
import { RejectedEventEntity } from './rejected-event.entity';
import { UserEntity } from './user.entity';

export * from './calendar-override.entity';
export * from './deadline.entity';
export * from './dossier-event.entity';
export * from './dossier.entity';
export * from './organization.entity';
export * from './rejected-event.entity';
export * from './user.entity';

export const ENTITIES = [
  OrganizationEntity,
  UserEntity,
  DossierEntity,
  DossierEventEntity,
  DeadlineEntity,
  RejectedEventEntity,
  CalendarOverrideEntity,
];

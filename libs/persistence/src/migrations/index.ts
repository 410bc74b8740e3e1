import { InitialSchema1764230400000 } from './1764230400000-initial-schema';
import { Reminders1764316800000 } from './1764316800000-reminders';
import { ReportsAndClasses1764403200000 } from './1764403200000-reports-and-classes';
import { AdmissionsReportAtScale1764504000000 } from './1764504000000-admissions-report-at-scale';
import { DeadlinesByDossier1764590400000 } from './1764590400000-deadlines-by-dossier';
import { CandidateIdentity1764800000000 } from './1764800000000-candidate-identity';
import { UserTokenVersions1765100000000 } from './1765100000000-user-token-versions';
import { OrganisationsOverTime1764900000000 } from './1764900000000-organisations-over-time';
import { PolicyVersions1764900000001 } from './1764900000001-policy-versions';
import { HoldingsEnded1764900000002 } from './1764900000002-holdings-ended';
import { EventHashChain1765200000000 } from './1765200000000-event-hash-chain';
import { SealedWebhookSecrets1765100000001 } from './1765100000001-sealed-webhook-secrets';
import { MemberImports1765100000002 } from './1765100000002-member-imports';
import { ReadAudit1765200000001 } from './1765200000001-read-audit';
import { ReadAuditBeyondDossiers1765400000000 } from './1765400000000-read-audit-beyond-dossiers';
import { GrassrootsCells1764800000001 } from './1764800000001-grassroots-cells';
import { AdmissionV21764800000002 } from './1764800000002-admission-v2';
import { YouthUnionOverTime1765300000000 } from './1765300000000-youth-union-over-time';
import { ReportCounts1765500000000 } from './1765500000000-report-counts';
import { DossiersByUpdate1765700000000 } from './1765700000000-dossiers-by-update';
import { NotificationsWithoutTwinIndex1765800000000 } from './1765800000000-notifications-without-twin-index';
import { OpenDeadlinesByLead1765900000000 } from './1765900000000-open-deadlines-by-lead';

/** Every migration, oldest first; `npm start` applies the pending ones. */
export const MIGRATIONS = [
  InitialSchema1764230400000,
  Reminders1764316800000,
  ReportsAndClasses1764403200000,
  AdmissionsReportAtScale1764504000000,
  DeadlinesByDossier1764590400000,
  CandidateIdentity1764800000000,
  OrganisationsOverTime1764900000000,
  PolicyVersions1764900000001,
  HoldingsEnded1764900000002,
  UserTokenVersions1765100000000,
  SealedWebhookSecrets1765100000001,
  MemberImports1765100000002,
  EventHashChain1765200000000,
  ReadAudit1765200000001,
  GrassrootsCells1764800000001,
  AdmissionV21764800000002,
  YouthUnionOverTime1765300000000,
  ReadAuditBeyondDossiers1765400000000,
  ReportCounts1765500000000,
  DossiersByUpdate1765700000000,
  NotificationsWithoutTwinIndex1765800000000,
  OpenDeadlinesByLead1765900000000,
];

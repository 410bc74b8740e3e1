/** The report answers, as types of the server's own source (erased at build time). */
import type { ComplianceReportService } from '@apps/api/reports/compliance-report.service';

export type { AdmissionsReport, PeriodRow, Share } from '@apps/api/reports/admissions-report.service';
export type { ComplianceItem, ComplianceRow } from '@apps/api/reports/compliance-report.service';
export type ComplianceReport = Awaited<ReturnType<ComplianceReportService['build']>>;
export type { QuotaRow } from '@apps/api/reports/quotas.service';

import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { CurrentUser, type AuthenticatedUser } from '@libs/auth';
import { Clock } from '@libs/clock';
import { localDate } from '@workflows/admission/events/event-schemas';
import { AuditedRead, showRead, shownByHandler } from '../audit/audited-read.decorator';
import { invalidRequest } from '../errors/api-error';
import { OrganizationsService } from '../organizations/organizations.service';
import { Answers, Errors, ZodQuery } from '../openapi/documented-operation';
import { admissionsReportSchema } from './admissions-report.schema';
import { complianceReportSchema, votesReportSchema } from './report.schemas';
import { AdmissionsReportService } from './admissions-report.service';
import { ComplianceReportService } from './compliance-report.service';
import { ReportScopes } from './report-scope';
import { admissionsTables, complianceTables, toCsv, toXlsx, votesTables, type ExportTable } from './report-export';
import { VotesReportService } from './votes-report.service';

const reportQuery = z.strictObject({
  orgId: z
    .uuid()
    .optional()
    .meta({ description: 'Mặc định: tổ chức trong phạm vi người dùng / default: the caller’s scope' }),
  from: localDate.optional().meta({ description: 'Mặc định: ngày 1/1 năm nay / default: 1 January this year' }),
  to: localDate.optional().meta({ description: 'Mặc định: hôm nay / default: today' }),
  groupBy: z.enum(['year', 'halfYear']).default('year'),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
  tree: z.enum(['historical', 'current']).default('historical').meta({
    description: 'historical: tổ chức giữ hồ sơ vào ngày đó; current: cây hôm nay / the tree of that day or today’s',
  }),
});
type ReportQuery = z.infer<typeof reportQuery>;

/** A report answers JSON, or a file with `format=csv|xlsx`. */
const REPORT_TYPES = [
  'application/json',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly admissions: AdmissionsReportService,
    private readonly compliance: ComplianceReportService,
    private readonly votes: VotesReportService,
    private readonly scopes: ReportScopes,
    private readonly clock: Clock,
  ) {}

  /**
   * Admissions against the quota and their breakdowns, for the caller's subtree or a part of it; `tree=historical`
   * (default) places each admission where its dossier was held that day, `tree=current` in today's tree.
   */
  @Get('admissions')
  @AuditedRead('report', shownByHandler)
  @ApiOperation({ summary: 'Báo cáo kết nạp so với chỉ tiêu / Admissions against the target' })
  @Answers(200, admissionsReportSchema, { mediaTypes: REPORT_TYPES })
  @Errors('NOT_FOUND')
  async admissionsReport(
    @CurrentUser() user: AuthenticatedUser,
    @ZodQuery(reportQuery) query: ReportQuery,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const { organization, from, to, groupBy, format, tree } = await this.resolve(user, query, request);
    const scope = await this.scopes.resolve(organization, tree);
    const report = await this.admissions.build(scope, { from, to, groupBy }, tree);
    await this.send(response, format, report, () => admissionsTables(report), `bao-cao-ket-nap-${from}-${to}`);
  }

  /**
   * The meetings that voted in the period by kind, passed and failed (a failed vote is a fact that admits no one), in
   * the same trees as the admissions report.
   */
  @Get('votes')
  @AuditedRead('report', shownByHandler)
  @ApiOperation({ summary: 'Báo cáo các cuộc biểu quyết / Votes held in the period' })
  @Answers(200, votesReportSchema, { mediaTypes: REPORT_TYPES })
  @Errors('NOT_FOUND')
  async votesReport(
    @CurrentUser() user: AuthenticatedUser,
    @ZodQuery(reportQuery) query: ReportQuery,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const { organization, from, to, format, tree } = await this.resolve(user, query, request);
    const report = await this.votes.build(await this.scopes.resolve(organization, tree), { from, to }, tree);
    await this.send(response, format, report, () => votesTables(report), `bieu-quyet-${from}-${to}`);
  }

  /** Steps done late and overdue now, per organisation, for inspection teams. */
  @Get('compliance')
  @AuditedRead('report', shownByHandler)
  @ApiOperation({ summary: 'Báo cáo kiểm tra thời hạn / Steps done late and overdue' })
  @Answers(200, complianceReportSchema, { mediaTypes: REPORT_TYPES })
  @Errors('NOT_FOUND')
  async complianceReport(
    @CurrentUser() user: AuthenticatedUser,
    @ZodQuery(reportQuery) query: ReportQuery,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const { organization, from, to, format, tree } = await this.resolve(user, query, request);
    const report = await this.compliance.build(await this.scopes.resolve(organization, tree), from, to, tree);
    const items = report.organizations.flatMap((row) => [...row.completedLate.items, ...row.overdueNow.items]);
    showRead(request, {
      dossierIds: [...new Set(items.map((item) => item.dossierId))],
      organisationPath: organization.path,
    });
    await this.send(response, format, report, () => complianceTables(report), `kiem-tra-thoi-han-${from}-${to}`);
  }

  /** The report's query; the read is recorded for the organisation (a report of counts names no dossier). */
  private async resolve(user: AuthenticatedUser, query: ReportQuery, request: Request) {
    const { orgId, from, to, groupBy, format, tree } = query;
    const id = orgId ?? user.scopeOrgId;
    if (!id)
      throw invalidRequest([
        {
          path: 'orgId',
          message:
            'Cần chọn tổ chức (tài khoản không gắn với tổ chức nào) / required for a user without a scope organisation',
        },
      ]);
    const organization = await this.organizations.findInScope(user, id);
    showRead(request, { dossierIds: [], organisationPath: organization.path });
    const today = this.clock.today();
    const period = { from: from ?? `${today.slice(0, 4)}-01-01`, to: to ?? today };
    if (period.from > period.to)
      throw invalidRequest([
        { path: 'from', message: 'Ngày bắt đầu không được sau ngày kết thúc / must not be after to' },
      ]);
    if (Number(period.to.slice(0, 4)) - Number(period.from.slice(0, 4)) > 50)
      throw invalidRequest([
        { path: 'from', message: 'Kỳ báo cáo dài tối đa 50 năm / the period may span at most 50 years' },
      ]);
    return { organization, ...period, groupBy, format, tree };
  }

  private async send(response: Response, format: string, report: unknown, tables: () => ExportTable[], name: string) {
    if (format === 'csv') {
      response.setHeader('Content-Type', 'text/csv; charset=utf-8');
      response.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
      response.send(toCsv(tables()));
    } else if (format === 'xlsx') {
      response.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      response.setHeader('Content-Disposition', `attachment; filename="${name}.xlsx"`);
      response.send(await toXlsx(tables()));
    } else {
      response.json(report);
    }
  }
}

import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { CurrentUser, inScope, Roles, type AuthenticatedUser } from '@libs/auth';
import { localDate } from '@workflows/admission/events/event-schemas';
import { invalidRequest, notFound } from '../errors/api-error';
import { neutraliseFormula } from '../reports/formula-injection';
import { Answers, Errors, ZodQuery } from '../openapi/documented-operation';
import { READ_KINDS } from './audited-read.decorator';
import { ReadAuditWriter } from './read-audit.writer';

export const auditQuery = z.strictObject({
  dossierId: z.uuid().optional(),
  userId: z.uuid().optional(),
  what: z.enum(READ_KINDS).optional(),
  /** Days of Vietnam's calendar, both included. */
  from: localDate.optional(),
  to: localDate.optional(),
  format: z.enum(['json', 'csv']).default('json'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
type AuditQuery = z.infer<typeof auditQuery>;

const auditReadsSchema = z
  .object({
    items: z.array(
      z.object({
        readAt: z.string(),
        user: z.object({ id: z.uuid(), username: z.string() }),
        dossierId: z.uuid().nullable(),
        subject: z.string().nullable(),
        what: z.enum(READ_KINDS),
        address: z.string().nullable(),
        requestId: z.string().nullable(),
      }),
    ),
    total: z.int(),
  })
  .meta({ id: 'AuditReads', title: 'Nhật ký đọc hồ sơ / reads of dossiers' });

/** A CSV export holds every matching read up to this many (newest first); beyond, narrow the period. */
const CSV_ROWS = 100_000;

interface AuditRow {
  readAt: Date;
  userId: string;
  username: string;
  dossierId: string | null;
  subject: string | null;
  what: string;
  address: string | null;
  requestId: string | null;
}

/** A read is in scope by its dossier's organisation, or by the organisation of what it read (a class, a report). */
const READS_WITH_SCOPE = 'read_audit a LEFT JOIN dossiers d ON d.id = a.dossier_id';
const SCOPE_PATH = 'COALESCE(d.org_path, a.org_path)';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly dataSource: DataSource,
    // Named: `ReadAuditWriter | null` gives no usable type to inject under every compiler (swc emits Object).
    @Inject(ReadAuditWriter) private readonly writer: ReadAuditWriter | null,
  ) {}

  @Get()
  @Roles('admin', 'inspector')
  @ApiOperation({
    summary: 'Ai đã đọc hồ sơ nào / Who read which dossier',
    description:
      'Reads of dossiers, classes and reports in the caller’s scope, newest first; `format=csv` exports them all.',
  })
  @Answers(200, auditReadsSchema, { mediaTypes: ['application/json', 'text/csv'] })
  @Errors('FORBIDDEN', 'NOT_FOUND')
  async list(
    @CurrentUser() user: AuthenticatedUser,
    @ZodQuery(auditQuery) query: AuditQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (query.from && query.to && query.from > query.to)
      throw invalidRequest([{ path: 'from', message: 'phải không sau `to` / must not be after `to`' }]);
    if (query.dossierId) await this.dossierInScope(user, query.dossierId);
    // Reads answered before this query are in its answer.
    await this.writer?.flushed();

    const { where, params } = this.filter(user, query);
    const csv = query.format === 'csv';
    const rows: AuditRow[] = await this.dataSource.query(
      `SELECT a.read_at AS "readAt", a.user_id AS "userId", a.username, a.dossier_id AS "dossierId", a.subject,
         a.what, a.address, a.request_id AS "requestId"
       FROM ${READS_WITH_SCOPE} ${where}
       ORDER BY a.read_at DESC, a.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, csv ? CSV_ROWS : query.limit, csv ? 0 : query.offset],
    );
    if (csv) {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', 'attachment; filename="nhat-ky-doc-ho-so.csv"');
      return toCsv(rows);
    }
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM ${READS_WITH_SCOPE} ${where}`,
      params,
    );
    return { items: rows.map(view), total };
  }

  private async dossierInScope(user: AuthenticatedUser, id: string) {
    const [dossier] = await this.dataSource.query('SELECT org_path AS "orgPath" FROM dossiers WHERE id = $1', [id]);
    if (!dossier || !inScope(user, dossier.orgPath)) throw notFound('Không tìm thấy hồ sơ / dossier not found');
  }

  private filter(user: AuthenticatedUser, query: AuditQuery) {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (placeholder: string) => string, value: unknown) => {
      params.push(value);
      conditions.push(sql(`$${params.length}`));
    };
    if (user.scopePath !== null) add((p) => `${SCOPE_PATH} LIKE ${p} || '%'`, user.scopePath);
    if (query.dossierId) add((p) => `a.dossier_id = ${p}`, query.dossierId);
    if (query.userId) add((p) => `a.user_id = ${p}`, query.userId);
    if (query.what) add((p) => `a.what = ${p}`, query.what);
    if (query.from) add((p) => `a.read_at >= (${p}::date)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`, query.from);
    if (query.to) add((p) => `a.read_at < (${p}::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`, query.to);
    return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
  }
}

const view = ({ userId, username, readAt, ...row }: AuditRow) => ({
  readAt: new Date(readAt).toISOString(),
  user: { id: userId, username },
  ...row,
});

function toCsv(rows: AuditRow[]): string {
  return stringify(
    rows.map((row) =>
      [
        new Date(row.readAt).toISOString(),
        row.username,
        row.userId,
        row.dossierId ?? '',
        row.what,
        row.subject ?? '',
        row.address ?? '',
        row.requestId ?? '',
      ].map(neutraliseFormula),
    ),
    {
      bom: true,
      delimiter: ';',
      header: true,
      columns: [
        'Thời điểm',
        'Người đọc',
        'Mã người dùng',
        'Mã hồ sơ',
        'Nội dung đọc',
        'Trang đọc',
        'Địa chỉ',
        'Mã yêu cầu',
      ],
    },
  );
}

import { Body, Controller, Get, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  AccessConfirmedByHandler,
  CallerToConfirm,
  CurrentUser,
  type AccessToConfirm,
  type AuthenticatedUser,
} from '@libs/auth';
import { creationSchema, eventSchema, EVENT_TYPES, localDate } from '@workflows/admission/events/event-schemas';
import { transferEvent } from '@workflows/admission/events/transfer';
import { invalidRequest } from '../errors/api-error';
import { queryOffset } from '../http/query-fields';
import { AuditedRead, listedDossiers } from '../audit/audited-read.decorator';
import { Answers, Errors, RequestBody, UuidParam, ZodBody, ZodQuery } from '../openapi/documented-operation';
import { DossiersService } from './dossiers.service';
import { dossierListSchema, dossierViewSchema, historySchema } from './dossier-view.schema';

const newDossier = z.looseObject({
  cellId: z.uuid(),
  occurredOn: localDate,
  workflow: z.string().optional(),
});
/** The engine checks the rest of the body (the candidate) with the workflow's creation schema. */
const newDossierDocumented = newDossier
  .extend(creationSchema.shape)
  .meta({ id: 'NewDossier', title: 'Hồ sơ mới / new dossier' });
/** The engine checks an event with its type's schema in the workflow. */
const eventSchemas: [z.ZodType, ...z.ZodType[]] = [
  transferEvent.schema,
  ...EVENT_TYPES.map((type) => eventSchema(type)),
];
const eventDocumented = z.union(eventSchemas).meta({ id: 'DossierEvent', title: 'Sự kiện / event' });

const rejectionsSchema = z
  .array(
    z.object({
      id: z.int(),
      type: z.string(),
      payload: z.unknown(),
      actor: z.object({ id: z.uuid().nullable(), username: z.string() }),
      occurredOn: z.string().nullable(),
      rule: z.string(),
      message: z.string(),
      recordedAt: z.string(),
    }),
  )
  .meta({ id: 'Rejections', title: 'Sự kiện bị từ chối / rejected events' });

const listQuery = z.strictObject({
  state: z.string().max(100).optional().meta({ description: 'Trạng thái cấp trên cùng / top-level state' }),
  cellId: z.uuid().optional().meta({ description: 'Chi bộ giữ hồ sơ / the cell holding the dossier' }),
  orgId: z
    .uuid()
    .optional()
    .meta({ description: 'Hồ sơ trong cây của tổ chức này / dossiers in this organisation’s subtree' }),
  year: z.coerce
    .number()
    .int()
    .min(1900)
    .max(2199)
    .optional()
    .meta({ description: 'Năm phát hiện người xin vào Đảng (dates.identifiedOn) / year identified' }),
  overdue: z
    .enum(['true', 'false'])
    .optional()
    .meta({ description: 'Chỉ hồ sơ có bước quá hạn / only dossiers with an overdue step' }),
  q: z.string().max(200).optional().meta({
    description: 'Tìm theo tên (không dấu, không phân biệt hoa thường) hoặc số định danh / name or national id',
  }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: queryOffset,
});

/** `If-Match: 3`, `"3"` or `W/"3"`: the dossier version the client last saw. */
function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match)
    throw invalidRequest([
      {
        path: 'If-Match',
        message: 'Phải là số phiên bản của hồ sơ, ví dụ "3" / must be the dossier version, e.g. "3"',
      },
    ]);
  return Number(match[1]);
}

const DOSSIER_NOT_FOUND = 'Không tìm thấy hồ sơ / dossier not found';

@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('dossiers')
export class DossiersController {
  constructor(private readonly dossiers: DossiersService) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Lập hồ sơ người xin vào Đảng / Open a candidate dossier' })
  @RequestBody(newDossierDocumented)
  @Answers(201, dossierViewSchema, { description: 'Created' })
  @Errors('INVALID_EVENT', 'FORBIDDEN', 'NOT_FOUND', 'DUPLICATE_CANDIDATE', 'NOT_A_CELL', 'RULE_VIOLATION')
  create(@CurrentUser() user: AuthenticatedUser, @ZodBody(newDossier) body: z.infer<typeof newDossier>) {
    return this.dossiers.create(user, body);
  }

  @Get()
  @AuditedRead('list', listedDossiers)
  @ApiOperation({ summary: 'Danh sách hồ sơ trong phạm vi / Dossiers in the caller’s scope' })
  @Answers(200, dossierListSchema)
  list(@CurrentUser() user: AuthenticatedUser, @ZodQuery(listQuery) filters: z.infer<typeof listQuery>) {
    return this.dossiers.list(user, { ...filters, overdue: filters.overdue === 'true' });
  }

  @Get(':id')
  @AuditedRead('dossier')
  @ApiOperation({ summary: 'Xem hồ sơ / Read a dossier' })
  @Answers(200, dossierViewSchema)
  @Errors('NOT_FOUND')
  get(@CurrentUser() user: AuthenticatedUser, @UuidParam('id', DOSSIER_NOT_FOUND) id: string) {
    return this.dossiers.get(user, id);
  }

  @Post(':id/events')
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false, description: 'The dossier version the change is based on' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Repeats answer the first result' })
  @ApiOperation({ summary: 'Ghi nhận một sự kiện của hồ sơ / Record an event of a dossier' })
  @RequestBody(eventDocumented)
  @Answers(200, dossierViewSchema)
  @Errors(
    'INVALID_REQUEST',
    'INVALID_EVENT',
    'FORBIDDEN',
    'NOT_FOUND',
    'EVENT_NOT_ALLOWED',
    'VERSION_CONFLICT',
    'DUPLICATE_CANDIDATE',
    'CONFLICT',
    'RULE_VIOLATION',
    'IDEMPOTENCY_KEY_REUSED',
    'NOT_A_CELL',
  )
  // The caller's access is read by the statement that locks the dossier; errors answered before wait for it (401 first).
  @AccessConfirmedByHandler()
  applyEvent(
    @CallerToConfirm() caller: AccessToConfirm,
    @UuidParam('id', DOSSIER_NOT_FOUND) id: string,
    // The engine parses the body with the schema of the event's type.
    @Body() body: unknown,
    @Headers('if-match') ifMatch?: string,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    if (idempotencyKey !== undefined && (idempotencyKey.length === 0 || idempotencyKey.length > 200))
      throw invalidRequest([{ path: 'Idempotency-Key', message: 'Từ 1 đến 200 ký tự / must be 1 to 200 characters' }]);
    return this.dossiers.applyEvent(caller, id, body, { ifMatch: parseIfMatch(ifMatch), idempotencyKey });
  }

  @Get(':id/history')
  @AuditedRead('history')
  @ApiOperation({ summary: 'Lịch sử sự kiện của hồ sơ, cũ trước / A dossier’s events, oldest first' })
  @Answers(200, historySchema)
  @Errors('NOT_FOUND')
  history(@CurrentUser() user: AuthenticatedUser, @UuidParam('id', DOSSIER_NOT_FOUND) id: string) {
    return this.dossiers.history(user, id);
  }

  @Get(':id/rejections')
  @AuditedRead('rejections')
  @ApiOperation({ summary: 'Các sự kiện bị từ chối của hồ sơ / A dossier’s refused events' })
  @Answers(200, rejectionsSchema)
  @Errors('NOT_FOUND')
  rejections(@CurrentUser() user: AuthenticatedUser, @UuidParam('id', DOSSIER_NOT_FOUND) id: string) {
    return this.dossiers.rejections(user, id);
  }
}

import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, type AuthenticatedUser } from '@libs/auth';
import { localDate } from '@workflows/admission/events/event-schemas';
import { invalidRequest, notFound } from '../errors/api-error';
import { queryOffset } from '../http/query-fields';
import { AuditedRead, listedDossiers } from '../audit/audited-read.decorator';
import { parseBody } from '../zod-body';
import { DossiersService } from './dossiers.service';

const newDossier = z.looseObject({
  cellId: z.uuid(),
  occurredOn: localDate,
  workflow: z.string().optional(),
});

const listQuery = z.strictObject({
  state: z.string().max(100).optional(),
  cellId: z.uuid().optional(),
  orgId: z.uuid().optional(),
  year: z.coerce.number().int().min(1900).max(2199).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: queryOffset,
});

/** `If-Match: 3`, `"3"` or `W/"3"`: the dossier version the client last saw. */
function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match) throw invalidRequest([{ path: 'If-Match', message: 'must be the dossier version, e.g. "3"' }]);
  return Number(match[1]);
}

const uuid = new ParseUUIDPipe({ exceptionFactory: () => notFound('Không tìm thấy hồ sơ / dossier not found') });

@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('dossiers')
export class DossiersController {
  constructor(private readonly dossiers: DossiersService) {}

  @Post()
  @HttpCode(201)
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: unknown) {
    return this.dossiers.create(user, parseBody(newDossier, body));
  }

  @Get()
  @AuditedRead('list', listedDossiers)
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: unknown) {
    const filters = parseBody(listQuery, query);
    return this.dossiers.list(user, { ...filters, overdue: filters.overdue === 'true' });
  }

  @Get(':id')
  @AuditedRead('dossier')
  get(@CurrentUser() user: AuthenticatedUser, @Param('id', uuid) id: string) {
    return this.dossiers.get(user, id);
  }

  @Post(':id/events')
  @HttpCode(200)
  @ApiHeader({ name: 'If-Match', required: false, description: 'The dossier version the change is based on' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Repeats answer the first result' })
  applyEvent(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', uuid) id: string,
    @Body() body: unknown,
    @Headers('if-match') ifMatch?: string,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    if (idempotencyKey !== undefined && (idempotencyKey.length === 0 || idempotencyKey.length > 200))
      throw invalidRequest([{ path: 'Idempotency-Key', message: 'must be 1 to 200 characters' }]);
    return this.dossiers.applyEvent(user, id, body, { ifMatch: parseIfMatch(ifMatch), idempotencyKey });
  }

  @Get(':id/history')
  @AuditedRead('history')
  history(@CurrentUser() user: AuthenticatedUser, @Param('id', uuid) id: string) {
    return this.dossiers.history(user, id);
  }

  @Get(':id/rejections')
  @AuditedRead('rejections')
  rejections(@CurrentUser() user: AuthenticatedUser, @Param('id', uuid) id: string) {
    return this.dossiers.rejections(user, id);
  }
}

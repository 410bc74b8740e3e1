import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentUser, Roles, type AuthenticatedUser } from '@libs/auth';
import { ApiError, invalidRequest, notFound } from '../errors/api-error';
import { parseBody } from '../zod-body';
import { MemberImportsService } from './member-imports.service';

const importQuery = z.strictObject({ mode: z.enum(['perLine', 'allOrNothing']).default('perLine') });

@ApiTags('members')
@ApiBearerAuth()
@Controller('members')
export class MembersImportController {
  constructor(private readonly imports: MemberImportsService) {}

  /**
   * CSV (UTF-8, header row) of past members: each valid line becomes a dossier in its end or probation state.
   * `mode=perLine` (default): the valid lines are imported together and the others reported; `allOrNothing`: any
   * refused line imports nothing (422 IMPORT_REFUSED). Up to 1,000 lines: 200 `{imported, rejected, mode,
   * importId}`; longer files: 202 with `statusUrl`. The same file again answers the first import.
   */
  @Post('import')
  @Roles('admin', 'specialist')
  @ApiConsumes('text/csv')
  async importCsv(
    @CurrentUser() user: AuthenticatedUser,
    @Body() body: unknown,
    @Query() query: unknown,
    @Res({ passthrough: true }) response: Response,
    @Headers('content-type') type?: string,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    if (typeof body !== 'string' || !type?.startsWith('text/csv'))
      throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Gửi tệp CSV với Content-Type: text/csv / send text/csv');
    const { mode } = parseBody(importQuery, query);
    if (idempotencyKey !== undefined && (idempotencyKey.length === 0 || idempotencyKey.length > 200))
      throw invalidRequest([{ path: 'Idempotency-Key', message: 'must be 1 to 200 characters' }]);
    const { status, body: answer } = await this.imports.submit(user, body, mode, idempotencyKey);
    response.status(status);
    if ('statusUrl' in answer) response.setHeader('Location', String(answer.statusUrl));
    return answer;
  }

  @Get('imports/:id')
  @Roles('admin', 'specialist')
  status(
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', new ParseUUIDPipe({ exceptionFactory: () => notFound() })) id: string,
  ) {
    return this.imports.statusOf(id, user);
  }
}

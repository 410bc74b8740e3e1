import { Body, Controller, Get, Headers, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { z } from 'zod';
import { CurrentUser, Roles, type AuthenticatedUser } from '@libs/auth';
import { ApiError, invalidRequest } from '../errors/api-error';
import { Answers, Errors, RequestBody, UuidParam, ZodQuery } from '../openapi/documented-operation';
import { MemberImportsService } from './member-imports.service';

const importQuery = z.strictObject({ mode: z.enum(['perLine', 'allOrNothing']).default('perLine') });
const csvFile = z.string().meta({ description: 'CSV, UTF-8, dòng tiêu đề / header row' });
const rejected = z.array(z.object({ line: z.int(), message: z.string() }));

/** A long file's import while it runs, as `GET /api/members/imports/:id` answers it. */
const importStatus = z.object({
  importId: z.uuid(),
  status: z.enum(['running', 'done', 'refused', 'failed']),
  mode: z.enum(['perLine', 'allOrNothing']),
  total: z.int(),
  processed: z.int(),
  imported: z.int(),
  rejected,
  error: z.string().optional(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  statusUrl: z.string(),
  replayed: z.boolean().optional(),
});
const importOutcome = z
  .object({
    imported: z.int(),
    rejected,
    mode: z.enum(['perLine', 'allOrNothing']),
    importId: z.uuid(),
    replayed: z.boolean().optional(),
  })
  .meta({ id: 'MemberImport', title: 'Kết quả nhập đảng viên / import outcome' });
const importStatusSchema = importStatus.meta({ id: 'MemberImportStatus', title: 'Tiến độ nhập / import status' });

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
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Repeats answer the first import' })
  @ApiOperation({
    summary: 'Nhập đảng viên đã kết nạp từ tệp CSV / Import past members from CSV',
    description: 'Up to 1,000 lines: 200 with the outcome; longer files: 202 with `statusUrl` (also in `Location`).',
  })
  @RequestBody(csvFile, 'text/csv')
  @Answers(200, importOutcome)
  @Answers(202, importStatusSchema, { description: 'Accepted: `statusUrl` (also in `Location`) follows the import' })
  @Errors('FORBIDDEN', 'CONFLICT', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'IMPORT_REFUSED')
  async importCsv(
    @CurrentUser() user: AuthenticatedUser,
    // Parsed as CSV by the import, line by line.
    @Body() body: unknown,
    @ZodQuery(importQuery) { mode }: z.infer<typeof importQuery>,
    @Res({ passthrough: true }) response: Response,
    @Headers('content-type') type?: string,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    if (typeof body !== 'string' || !type?.startsWith('text/csv'))
      throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Gửi tệp CSV với Content-Type: text/csv / send text/csv');
    if (idempotencyKey !== undefined && (idempotencyKey.length === 0 || idempotencyKey.length > 200))
      throw invalidRequest([{ path: 'Idempotency-Key', message: 'Từ 1 đến 200 ký tự / must be 1 to 200 characters' }]);
    const { status, body: answer } = await this.imports.submit(user, body, mode, idempotencyKey);
    response.status(status);
    if ('statusUrl' in answer) response.setHeader('Location', String(answer.statusUrl));
    return answer;
  }

  @Get('imports/:id')
  @Roles('admin', 'specialist')
  @ApiOperation({ summary: 'Tiến độ của một lần nhập / Progress of an import' })
  @Answers(200, importStatusSchema)
  @Errors('FORBIDDEN', 'NOT_FOUND')
  status(@CurrentUser() user: AuthenticatedUser, @UuidParam('id') id: string) {
    return this.imports.statusOf(id, user);
  }
}

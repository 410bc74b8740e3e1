import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentUser, inScope, type AuthenticatedUser } from '@libs/auth';
import { verifyEventChain } from '@libs/persistence';
import { z } from 'zod';
import { notFound } from '../errors/api-error';
import { Answers, Errors, UuidParam } from '../openapi/documented-operation';

const DOSSIER_NOT_FOUND = 'Không tìm thấy hồ sơ / dossier not found';
const verificationSchema = z
  .object({
    dossierId: z.uuid(),
    valid: z.boolean(),
    events: z.int(),
    headHash: z.string().nullable(),
    firstBroken: z
      .object({
        seq: z.int(),
        reason: z.enum(['CONTENT_CHANGED', 'LINK_CHANGED', 'EVENT_MISSING', 'EVENTS_TRUNCATED']),
      })
      .nullable(),
  })
  .meta({ id: 'HistoryVerification', title: 'Kết quả kiểm tra chuỗi băm / hash chain check' });

@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('dossiers')
export class HistoryVerificationController {
  constructor(private readonly dataSource: DataSource) {}

  @Get(':id/history/verify')
  @ApiOperation({
    summary: 'Kiểm tra chuỗi băm của lịch sử hồ sơ / Verify the hash chain of a dossier history',
    description: 'Recomputes every link and names the first one that does not hold (`firstBroken`).',
  })
  @Answers(200, verificationSchema)
  @Errors('NOT_FOUND')
  async verify(@CurrentUser() user: AuthenticatedUser, @UuidParam('id', DOSSIER_NOT_FOUND) id: string) {
    const [dossier] = await this.dataSource.query('SELECT org_path AS "orgPath", version FROM dossiers WHERE id = $1', [
      id,
    ]);
    if (!dossier || !inScope(user, dossier.orgPath)) throw notFound(DOSSIER_NOT_FOUND);
    return { dossierId: id, ...(await verifyEventChain(this.dataSource, id, dossier.version)) };
  }
}

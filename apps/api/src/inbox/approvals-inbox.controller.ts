import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { DataSource } from 'typeorm';
import { CurrentUser, Roles, type AuthenticatedUser } from '@libs/auth';
import { AuditedRead, listedDossiers } from '../audit/audited-read.decorator';
import { DossiersService, viewedRecordColumns, type ViewedRecord } from '../dossiers/dossiers.service';
import { admissionFactsOf } from '../organizations/organizations.service';
import { dossierViewSchema } from '../dossiers/dossier-view.schema';
import { Answers, Errors } from '../openapi/documented-operation';

/** Where a standing committee member gives their approval or objection. */
const DECISION_STATES = ['committeeDecision', 'recognitionDecision'];

@ApiTags('inbox')
@ApiBearerAuth()
@Controller('inbox')
export class ApprovalsInboxController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly dossiers: DossiersService,
  ) {}

  /** Dossiers awaiting a decision of a body the member sits on, which the member has not yet voted on. */
  @Get('approvals')
  @Roles('committeeMember')
  @AuditedRead('list', listedDossiers)
  @ApiOperation({ summary: 'Hồ sơ chờ ủy viên cho ý kiến / Dossiers awaiting the member’s approval' })
  @Answers(200, z.array(dossierViewSchema))
  @Errors('FORBIDDEN')
  async approvals(@CurrentUser() user: AuthenticatedUser) {
    const rows: ViewedRecord[] = await this.dataSource.query(
      `SELECT ${viewedRecordColumns('d')} FROM dossiers d
       WHERE d.state = ANY($1) AND ($2::text IS NULL OR d.org_path LIKE $2 || '%')
         AND NOT (d.snapshot -> 'context' -> 'decisionVotes' @> jsonb_build_array(jsonb_build_object('memberId', $3::text)))
       ORDER BY d.updated_at`,
      [DECISION_STATES, user.scopePath, user.id],
    );
    return rows
      .filter((row) => admissionFactsOf(row.ancestry ?? []).decidingBody?.memberIds.includes(user.id))
      .map((row) => this.dossiers.view(row, user));
  }
}

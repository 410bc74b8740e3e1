import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentUser, Roles, type AuthenticatedUser } from '@libs/auth';
import { dossierWithDeadlinesColumns, type DossierRecord } from '@libs/engine';
import { DossiersService } from '../dossiers/dossiers.service';

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

  /** Dossiers in the member's scope that await a decision the member has not yet voted on. */
  @Get('approvals')
  @Roles('committeeMember')
  async approvals(@CurrentUser() user: AuthenticatedUser) {
    const rows: DossierRecord[] = await this.dataSource.query(
      `SELECT ${dossierWithDeadlinesColumns('d')} FROM dossiers d
       WHERE d.state = ANY($1) AND ($2::text IS NULL OR d.org_path LIKE $2 || '%')
         AND NOT (d.snapshot -> 'context' -> 'decisionVotes' @> jsonb_build_array(jsonb_build_object('memberId', $3::text)))
       ORDER BY d.updated_at`,
      [DECISION_STATES, user.scopePath, user.id],
    );
    return rows.map((row) => this.dossiers.view(row, user));
  }
}

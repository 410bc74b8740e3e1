import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@libs/auth';
import { ApiError } from '../errors/api-error';
import { MembersImportService } from './members-import.service';

@ApiTags('members')
@ApiBearerAuth()
@Controller('members')
export class MembersImportController {
  constructor(private readonly members: MembersImportService) {}

  /** CSV (UTF-8, header row) of past members: each valid line becomes a dossier in its end or probation state. */
  @Post('import')
  @HttpCode(200)
  @Roles('admin', 'specialist')
  @ApiConsumes('text/csv')
  importCsv(@CurrentUser() user: AuthenticatedUser, @Body() body: unknown, @Headers('content-type') type?: string) {
    if (typeof body !== 'string' || !type?.startsWith('text/csv'))
      throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Gửi tệp CSV với Content-Type: text/csv / send text/csv');
    return this.members.import(user, body);
  }
}

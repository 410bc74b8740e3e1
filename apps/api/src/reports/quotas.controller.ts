import { Body, Controller, Get, Param, ParseIntPipe, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, Roles, type AuthenticatedUser } from '@libs/auth';
import { invalidRequest, notFound } from '../errors/api-error';
import { OrganizationsService } from '../organizations/organizations.service';
import { parseBody } from '../zod-body';
import { QuotasService } from './quotas.service';

const quota = z.strictObject({ target: z.number().int().min(0).max(1_000_000) });

@ApiTags('quotas')
@ApiBearerAuth()
@Controller('quotas')
export class QuotasController {
  constructor(
    private readonly quotas: QuotasService,
    private readonly organizations: OrganizationsService,
  ) {}

  /** The admission target an organisation's congress resolution set for a year (chỉ tiêu nghị quyết). */
  @Put(':orgId/:year')
  @Roles('admin', 'specialist')
  async put(
    @CurrentUser() user: AuthenticatedUser,
    @Param('orgId', new ParseUUIDPipe({ exceptionFactory: () => notFound() })) orgId: string,
    @Param('year', new ParseIntPipe({ exceptionFactory: () => invalidRequest([{ path: 'year', message: 'a year' }]) }))
    year: number,
    @Body() body: unknown,
  ) {
    if (year < 1930 || year > 2200) throw invalidRequest([{ path: 'year', message: 'between 1930 and 2200' }]);
    const { target } = parseBody(quota, body);
    await this.organizations.findInScope(user, orgId);
    return this.quotas.set(orgId, year, target);
  }

  @Get()
  async list(@CurrentUser() user: AuthenticatedUser, @Query() query: unknown) {
    const { orgId } = parseBody(z.strictObject({ orgId: z.uuid().optional() }), query);
    const id = orgId ?? user.scopeOrgId;
    if (!id) throw invalidRequest([{ path: 'orgId', message: 'required for a user without a scope organisation' }]);
    return this.quotas.list(await this.organizations.findInScope(user, id));
  }
}

import { Controller, Get, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, Roles, type AuthenticatedUser } from '@libs/auth';
import { invalidRequest } from '../errors/api-error';
import { OrganizationsService } from '../organizations/organizations.service';
import { Answers, Errors, UuidParam, ZodBody, ZodQuery } from '../openapi/documented-operation';
import { quotaSchema, quotasSchema } from './report.schemas';
import { QuotasService } from './quotas.service';

const quota = z
  .strictObject({ target: z.number().int().min(0).max(1_000_000) })
  .meta({ id: 'QuotaTarget', title: 'Chỉ tiêu / target' });
const listQuery = z.strictObject({ orgId: z.uuid().optional() });

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
  @ApiOperation({ summary: 'Đặt chỉ tiêu kết nạp của một năm / Set a year’s admission target' })
  @Answers(200, quotaSchema)
  @Errors('FORBIDDEN', 'NOT_FOUND')
  async put(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('orgId') orgId: string,
    @Param(
      'year',
      new ParseIntPipe({
        exceptionFactory: () => invalidRequest([{ path: 'year', message: 'Phải là một năm / a year' }]),
      }),
    )
    year: number,
    @ZodBody(quota) { target }: z.infer<typeof quota>,
  ) {
    if (year < 1930 || year > 2200)
      throw invalidRequest([{ path: 'year', message: 'Từ năm 1930 đến 2200 / between 1930 and 2200' }]);
    await this.organizations.findInScope(user, orgId);
    return this.quotas.set(orgId, year, target);
  }

  @Get()
  @ApiOperation({ summary: 'Chỉ tiêu kết nạp của tổ chức / Admission targets of an organisation' })
  @Answers(200, quotasSchema)
  @Errors('NOT_FOUND')
  async list(@CurrentUser() user: AuthenticatedUser, @ZodQuery(listQuery) { orgId }: z.infer<typeof listQuery>) {
    const id = orgId ?? user.scopeOrgId;
    if (!id)
      throw invalidRequest([
        {
          path: 'orgId',
          message:
            'Cần chọn tổ chức (tài khoản không gắn với tổ chức nào) / required for a user without a scope organisation',
        },
      ]);
    return this.quotas.list(await this.organizations.findInScope(user, id));
  }
}

import { Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { visibleText } from '@workflows/common/visible-text';
import { CurrentUser, Roles, type AuthenticatedUser } from '@libs/auth';
import { ORGANIZATION_KINDS } from '@libs/persistence';
import { localDate } from '@workflows/admission/events/event-schemas';

import { Answers, Errors, UuidParam, ZodBody, ZodQuery } from '../openapi/documented-operation';
import { organizationChangesSchema, organizationNodeSchema, organizationTreeSchema } from './organization-node.schema';
import { OrganizationChangesService } from './organization-changes.service';
import { OrganizationsService } from './organizations.service';

const name = visibleText(300);
const committeeSize = z.number().int().min(1).max(500).nullable();

const newOrganization = z
  .strictObject({
    name,
    kind: z.enum(ORGANIZATION_KINDS),
    parentId: z.uuid().nullable().optional(),
    delegatedAdmission: z.boolean().optional(),
    committeeSize: committeeSize.optional(),
    openedOn: localDate.nullable().optional(),
    youthUnionPresent: z.boolean().optional(),
  })
  .meta({ id: 'NewOrganization', title: 'Tổ chức mới / new organisation' });

const organizationUpdate = z
  .strictObject({
    name: name.optional(),
    parentId: z.uuid().nullable().optional(),
    committeeSize: committeeSize.optional(),
    delegatedAdmission: z.boolean().optional(),
    youthUnionPresent: z.boolean().optional(),
    effectiveFrom: localDate,
  })
  .meta({ id: 'OrganizationUpdate', title: 'Thay đổi tổ chức / organisation change' });

const merge = z
  .strictObject({ intoId: z.uuid(), effectiveFrom: localDate })
  .meta({ id: 'OrganizationMerge', title: 'Hợp nhất tổ chức / merge' });
const closing = z
  .strictObject({ effectiveFrom: localDate })
  .meta({ id: 'OrganizationClosing', title: 'Giải thể tổ chức / closing' });
const ORGANIZATION_NOT_FOUND = 'Không tìm thấy tổ chức / organisation not found';
const treeQuery = z.strictObject({
  asOf: localDate.optional().meta({ description: 'Cây tổ chức vào ngày này / the tree on this date' }),
});

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly changes: OrganizationChangesService,
  ) {}

  /** The tree within the caller's scope: today's, or as it was on `asOf`. */
  @Get()
  @ApiOperation({ summary: 'Cây tổ chức trong phạm vi, hôm nay hoặc tại một ngày / The organisation tree in scope' })
  @Answers(200, organizationTreeSchema)
  tree(@CurrentUser() user: AuthenticatedUser, @ZodQuery(treeQuery) { asOf }: z.infer<typeof treeQuery>) {
    return asOf ? this.organizations.treeAsOf(user, asOf) : this.organizations.tree(user);
  }

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({ summary: 'Lập tổ chức đảng / Create an organisation' })
  @Answers(201, organizationNodeSchema, { description: 'Created' })
  @Errors('FORBIDDEN', 'NOT_FOUND', 'INVALID_HIERARCHY')
  async create(
    @CurrentUser() user: AuthenticatedUser,
    @ZodBody(newOrganization) body: z.infer<typeof newOrganization>,
  ) {
    return this.organizations.node((await this.organizations.create(body, user)).id);
  }

  /**
   * Rename, move under another parent, change the deciding body's size or powers, or whether a Youth Union exists in
   * a cell, from `effectiveFrom`.
   */
  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Thay đổi tổ chức từ một ngày / Change an organisation from a date' })
  @Answers(200, organizationNodeSchema)
  @Errors('FORBIDDEN', 'NOT_FOUND', 'INVALID_HIERARCHY', 'RULE_VIOLATION')
  async update(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id', ORGANIZATION_NOT_FOUND) id: string,
    @ZodBody(organizationUpdate) body: z.infer<typeof organizationUpdate>,
  ) {
    return this.organizations.node((await this.changes.update(user, id, body)).id);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Hợp nhất vào tổ chức khác / Merge into another organisation' })
  @Answers(200, organizationNodeSchema)
  @Errors('FORBIDDEN', 'NOT_FOUND', 'INVALID_HIERARCHY', 'RULE_VIOLATION')
  async merge(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id', ORGANIZATION_NOT_FOUND) id: string,
    @ZodBody(merge) body: z.infer<typeof merge>,
  ) {
    return this.organizations.node((await this.changes.merge(user, id, body)).id);
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Giải thể tổ chức không còn hồ sơ / Close an organisation without dossiers' })
  @Answers(200, organizationNodeSchema)
  @Errors('FORBIDDEN', 'NOT_FOUND', 'INVALID_HIERARCHY', 'RULE_VIOLATION')
  async close(
    @CurrentUser() user: AuthenticatedUser,
    @UuidParam('id', ORGANIZATION_NOT_FOUND) id: string,
    @ZodBody(closing) { effectiveFrom }: z.infer<typeof closing>,
  ) {
    return this.organizations.node((await this.changes.close(user, id, effectiveFrom)).id);
  }

  /** Every recorded change of the organisation: what, effective from when, who recorded it and when. */
  @Get(':id/changes')
  @ApiOperation({ summary: 'Các thay đổi đã ghi của tổ chức / Recorded changes of an organisation' })
  @Answers(200, organizationChangesSchema)
  @Errors('NOT_FOUND')
  changesOf(@CurrentUser() user: AuthenticatedUser, @UuidParam('id', ORGANIZATION_NOT_FOUND) id: string) {
    return this.changes.changes(user, id);
  }
}

import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { visibleText } from '@workflows/common/visible-text';
import { CurrentUser, Roles, type AuthenticatedUser } from '@libs/auth';
import { ORGANIZATION_KINDS, type OrganizationEntity } from '@libs/persistence';
import { localDate } from '@workflows/admission/events/event-schemas';
import { notFound } from '../errors/api-error';
import { parseBody } from '../zod-body';
import { OrganizationChangesService } from './organization-changes.service';
import { holdsDossiers, OrganizationsService } from './organizations.service';

const name = visibleText(300);
const committeeSize = z.number().int().min(1).max(500).nullable();

const newOrganization = z.strictObject({
  name,
  kind: z.enum(ORGANIZATION_KINDS),
  parentId: z.uuid().nullable().optional(),
  delegatedAdmission: z.boolean().optional(),
  committeeSize: committeeSize.optional(),
  openedOn: localDate.nullable().optional(),
  youthUnionPresent: z.boolean().optional(),
});

const organizationUpdate = z.strictObject({
  name: name.optional(),
  parentId: z.uuid().nullable().optional(),
  committeeSize: committeeSize.optional(),
  delegatedAdmission: z.boolean().optional(),
  youthUnionPresent: z.boolean().optional(),
  effectiveFrom: localDate,
});

const merge = z.strictObject({ intoId: z.uuid(), effectiveFrom: localDate });
const closing = z.strictObject({ effectiveFrom: localDate });
const uuid = new ParseUUIDPipe({ exceptionFactory: () => notFound('Không tìm thấy tổ chức / organisation not found') });
const treeQuery = z.strictObject({ asOf: localDate.optional() });

const nodeOf = (organization: OrganizationEntity) => {
  const { id, name, kind, parentId, delegatedAdmission, committeeSize, openedOn, closedOn } = organization;
  const youthUnionPresent = holdsDossiers(kind) ? organization.youthUnionPresent : null;
  return {
    id,
    name,
    kind,
    parentId,
    delegatedAdmission,
    committeeSize,
    youthUnionPresent,
    openedOn,
    closedOn,
    children: [],
  };
};

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
  tree(@CurrentUser() user: AuthenticatedUser, @Query() query: unknown) {
    const { asOf } = parseBody(treeQuery, query);
    return asOf ? this.organizations.treeAsOf(user, asOf) : this.organizations.tree(user);
  }

  @Post()
  @HttpCode(201)
  @Roles('admin')
  async create(@CurrentUser() user: AuthenticatedUser, @Body() body: unknown) {
    return nodeOf(await this.organizations.create(parseBody(newOrganization, body), user));
  }

  /**
   * Rename, move under another parent, change the deciding body's size or powers, or whether a Youth Union exists in
   * a cell, from `effectiveFrom`.
   */
  @Patch(':id')
  @Roles('admin')
  async update(@CurrentUser() user: AuthenticatedUser, @Param('id', uuid) id: string, @Body() body: unknown) {
    return nodeOf(await this.changes.update(user, id, parseBody(organizationUpdate, body)));
  }

  @Post(':id/merge')
  @HttpCode(200)
  @Roles('admin')
  async merge(@CurrentUser() user: AuthenticatedUser, @Param('id', uuid) id: string, @Body() body: unknown) {
    return nodeOf(await this.changes.merge(user, id, parseBody(merge, body)));
  }

  @Post(':id/close')
  @HttpCode(200)
  @Roles('admin')
  async close(@CurrentUser() user: AuthenticatedUser, @Param('id', uuid) id: string, @Body() body: unknown) {
    return nodeOf(await this.changes.close(user, id, parseBody(closing, body).effectiveFrom));
  }

  /** Every recorded change of the organisation: what, effective from when, who recorded it and when. */
  @Get(':id/changes')
  changesOf(@CurrentUser() user: AuthenticatedUser, @Param('id', uuid) id: string) {
    return this.changes.changes(user, id);
  }
}

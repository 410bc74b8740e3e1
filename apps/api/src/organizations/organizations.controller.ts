import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, Roles, type AuthenticatedUser } from '@libs/auth';
import { ORGANIZATION_KINDS } from '@libs/persistence';
import { parseBody } from '../zod-body';
import { OrganizationsService } from './organizations.service';

const newOrganization = z.strictObject({
  name: z.string().trim().min(1).max(300),
  kind: z.enum(ORGANIZATION_KINDS),
  parentId: z.uuid().nullable().optional(),
  delegatedAdmission: z.boolean().optional(),
  committeeSize: z.number().int().min(1).max(500).nullable().optional(),
});

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Get()
  tree(@CurrentUser() user: AuthenticatedUser) {
    return this.organizations.tree(user);
  }

  @Post()
  @HttpCode(201)
  @Roles('admin')
  async create(@Body() body: unknown) {
    const organization = await this.organizations.create(parseBody(newOrganization, body));
    const { id, name, kind, parentId, delegatedAdmission, committeeSize } = organization;
    return { id, name, kind, parentId, delegatedAdmission, committeeSize, children: [] };
  }
}

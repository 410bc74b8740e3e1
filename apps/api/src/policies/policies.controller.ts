import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, requireUnscopedAdmin, Roles, type AuthenticatedUser } from '@libs/auth';
import { localDate } from '@workflows/admission/events/event-schemas';
import { DEFAULT_WORKFLOW } from '../dossiers/dossiers.service';
import { parseBody } from '../zod-body';
import { PoliciesService } from './policies.service';

const workflowQuery = z.strictObject({ workflow: z.string().max(100).default(DEFAULT_WORKFLOW) });
const newPolicy = z.strictObject({
  effectiveFrom: localDate,
  parameters: z.record(z.string(), z.unknown()),
  citation: z.string().trim().min(1).max(500),
  note: z.string().trim().max(2000).optional(),
});

/**
 * The legal numbers in force by date, each with its citation and how sure the research is of it: readable by
 * every role; a new version is published by an administrator, effective from today or later.
 */
@ApiTags('policies')
@ApiBearerAuth()
@Controller('policies')
export class PoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  @Get()
  list(@Query() query: unknown) {
    return this.policies.list(parseBody(workflowQuery, query).workflow);
  }

  @Get(':version')
  get(@Param('version') version: string) {
    return this.policies.get(version);
  }

  @Post()
  @HttpCode(201)
  @Roles('admin')
  publish(@CurrentUser() user: AuthenticatedUser, @Query() query: unknown, @Body() body: unknown) {
    // A policy version binds every organisation: an admin with a scope may not publish one.
    requireUnscopedAdmin(user);
    return this.policies.publish(user, parseBody(workflowQuery, query).workflow, parseBody(newPolicy, body));
  }
}

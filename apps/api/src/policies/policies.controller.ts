import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CurrentUser, requireUnscopedAdmin, Roles, type AuthenticatedUser } from '@libs/auth';
import { localDate } from '@workflows/admission/events/event-schemas';
import { DEFAULT_WORKFLOW } from '../dossiers/dossiers.service';
import { Answers, Errors, ZodBody, ZodQuery } from '../openapi/documented-operation';
import { PoliciesService } from './policies.service';

const workflowQuery = z.strictObject({ workflow: z.string().max(100).default(DEFAULT_WORKFLOW) });
const newPolicy = z
  .strictObject({
    effectiveFrom: localDate,
    parameters: z.record(z.string(), z.unknown()),
    citation: z.string().trim().min(1).max(500),
    note: z.string().trim().max(2000).optional(),
  })
  .meta({ id: 'NewPolicy', title: 'Phiên bản quy định mới / new policy version' });
type WorkflowQuery = z.infer<typeof workflowQuery>;

/** `PolicyVersionView`. */
const policySchema = z
  .object({
    version: z.string(),
    effectiveFrom: z.string(),
    parameters: z.record(z.string(), z.unknown()),
    citation: z.string(),
    note: z.string().nullable(),
    baseVersion: z.string().nullable(),
    changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })).nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Policy', title: 'Phiên bản quy định / policy version' });

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
  @ApiOperation({ summary: 'Các phiên bản quy định theo ngày hiệu lực / Policy versions by effective date' })
  @Answers(200, z.array(policySchema))
  list(@ZodQuery(workflowQuery) { workflow }: WorkflowQuery) {
    return this.policies.list(workflow);
  }

  @Get(':version')
  @ApiOperation({ summary: 'Một phiên bản quy định / A policy version' })
  @Answers(200, policySchema)
  @Errors('NOT_FOUND')
  get(@Param('version') version: string) {
    return this.policies.get(version);
  }

  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiOperation({ summary: 'Ban hành phiên bản quy định mới / Publish a policy version' })
  @Answers(201, policySchema, { description: 'Created' })
  @Errors('FORBIDDEN', 'NOT_FOUND', 'RULE_VIOLATION')
  publish(
    @CurrentUser() user: AuthenticatedUser,
    @ZodQuery(workflowQuery) { workflow }: WorkflowQuery,
    @ZodBody(newPolicy) body: z.infer<typeof newPolicy>,
  ) {
    // A policy version binds every organisation: an admin with a scope may not publish one.
    requireUnscopedAdmin(user);
    return this.policies.publish(user, workflow, body);
  }
}

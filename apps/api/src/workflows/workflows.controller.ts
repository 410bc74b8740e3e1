import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { WorkflowRegistry } from '@libs/engine';
import type { WorkflowDefinition } from '@workflows/common/workflow-definition';
import { notFound } from '../errors/api-error';
import { Answers, Errors } from '../openapi/documented-operation';

function summary(definition: WorkflowDefinition) {
  return {
    name: definition.name,
    version: definition.version,
    label: definition.label,
    states: definition.states.map((state) => state.path),
    events: Object.keys(definition.events),
  };
}

/** The full definition: per state its label and events, per event its label, roles and JSON Schema. */
function description(definition: WorkflowDefinition) {
  return {
    ...summary(definition),
    states: definition.states.map((state) => ({
      name: state.path,
      label: state.label,
      final: state.final,
      events: state.events.map((type) => ({
        type,
        label: definition.events[type].label,
        roles: definition.events[type].roles,
      })),
    })),
    events: Object.values(definition.events).map((event) => ({
      type: event.type,
      label: event.label,
      roles: event.roles,
      schema: z.toJSONSchema(event.schema, { io: 'input' }),
    })),
    creation: { roles: definition.creation.roles, schema: z.toJSONSchema(definition.creation.schema, { io: 'input' }) },
  };
}

/** What `GET /api/workflows/:name` answers; the web application builds its forms from it. */
export type WorkflowDescription = ReturnType<typeof description>;

// A definition never changes once registered: its JSON Schemas (tens of milliseconds to build) are built once.
const descriptions = new WeakMap<WorkflowDefinition, WorkflowDescription>();

function describe(definition: WorkflowDefinition) {
  let described = descriptions.get(definition);
  if (!described) descriptions.set(definition, (described = description(definition)));
  return described;
}

const summarySchema = {
  name: z.string(),
  version: z.int(),
  label: z.string(),
};
const roles = z.array(z.string());
const jsonSchema = z.record(z.string(), z.unknown()).meta({ description: 'JSON Schema' });
const workflowSummarySchema = z
  .object({ ...summarySchema, states: z.array(z.string()), events: z.array(z.string()) })
  .meta({ id: 'WorkflowSummary', title: 'Quy trình / workflow' });
const workflowSchema = z
  .object({
    ...summarySchema,
    states: z.array(
      z.object({
        name: z.string(),
        label: z.string(),
        final: z.boolean(),
        events: z.array(z.object({ type: z.string(), label: z.string(), roles })),
      }),
    ),
    events: z.array(z.object({ type: z.string(), label: z.string(), roles, schema: jsonSchema })),
    creation: z.object({ roles, schema: jsonSchema }),
  })
  .meta({ id: 'Workflow', title: 'Định nghĩa quy trình / workflow definition' });

@ApiTags('workflows')
@ApiBearerAuth()
@Controller('workflows')
export class WorkflowsController {
  constructor(private readonly registry: WorkflowRegistry) {}

  @Get()
  @ApiOperation({ summary: 'Các quy trình / Workflows' })
  @Answers(200, z.array(workflowSummarySchema))
  list() {
    return this.registry.list().map(summary);
  }

  @Get(':name')
  @ApiOperation({ summary: 'Định nghĩa quy trình: trạng thái, sự kiện, vai trò, lược đồ / A workflow’s definition' })
  @Answers(200, workflowSchema)
  @Errors('NOT_FOUND')
  get(@Param('name') name: string) {
    const definition = this.registry.latest(name);
    if (!definition) throw notFound(`Không có quy trình ${name} / unknown workflow`);
    return describe(definition);
  }
}

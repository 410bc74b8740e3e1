import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { WorkflowRegistry } from '@libs/engine';
import type { WorkflowDefinition } from '@workflows/common/workflow-definition';
import { notFound } from '../errors/api-error';

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
function describe(definition: WorkflowDefinition) {
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
export type WorkflowDescription = ReturnType<typeof describe>;

@ApiTags('workflows')
@ApiBearerAuth()
@Controller('workflows')
export class WorkflowsController {
  constructor(private readonly registry: WorkflowRegistry) {}

  @Get()
  list() {
    return this.registry.list().map(summary);
  }

  @Get(':name')
  get(@Param('name') name: string) {
    const definition = this.registry.latest(name);
    if (!definition) throw notFound(`Không có quy trình ${name} / unknown workflow`);
    return describe(definition);
  }
}

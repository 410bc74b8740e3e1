import type { WorkflowDefinition } from '@workflows/common/workflow-definition';

/** Every workflow definition by name and version: running dossiers keep the version they started on. */
export class WorkflowRegistry {
  private readonly definitions = new Map<string, Map<number, WorkflowDefinition>>();

  register(definition: WorkflowDefinition): this {
    const versions = this.definitions.get(definition.name) ?? new Map<number, WorkflowDefinition>();
    if (versions.has(definition.version))
      throw new Error(`Workflow ${definition.name} v${definition.version} is already registered`);
    versions.set(definition.version, definition);
    this.definitions.set(definition.name, versions);
    return this;
  }

  get(name: string, version: number): WorkflowDefinition | undefined {
    return this.definitions.get(name)?.get(version);
  }

  latest(name: string): WorkflowDefinition | undefined {
    const versions = this.definitions.get(name);
    if (!versions) return undefined;
    return versions.get(Math.max(...versions.keys()));
  }

  list(): WorkflowDefinition[] {
    return [...this.definitions.values()].flatMap((versions) => [...versions.values()]);
  }
}

import {
  getMicrosteps,
  getNextTransitions,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type AnyStateNode,
  type AnyTransitionDefinition,
  type EventObject,
} from 'xstate';

/** Every state node under the root, depth first in document order. */
export function stateNodesOf(node: AnyStateNode): AnyStateNode[] {
  return (Object.values(node.states) as AnyStateNode[]).flatMap((child) => [child, ...stateNodesOf(child)]);
}

export const pathOf = (node: AnyStateNode) => node.path.join('.') || '(root)';

/** A readable, stable name for one transition of the configuration: source, event, target and alternative. */
export interface TransitionName {
  id: string;
  source: string;
  event: string;
  targets: string[];
  definition: AnyTransitionDefinition;
}

function eventLabel(eventType: string) {
  if (eventType === '') return 'always';
  if (eventType.startsWith('xstate.done.state.')) return 'done';
  return eventType;
}

/** Every transition of the machine's configuration, including guarded alternatives, `always` and `onDone`. */
export function transitionsOf(machine: AnyStateMachine): TransitionName[] {
  const names: TransitionName[] = [];
  for (const node of [machine.root, ...stateNodesOf(machine.root)]) {
    const groups: [string, AnyTransitionDefinition[]][] = [...node.transitions.entries()];
    if (node.always?.length) groups.push(['', node.always]);
    for (const [eventType, alternatives] of groups) {
      alternatives.forEach((definition, index) => {
        const source = pathOf(node);
        const targets = (definition.target ?? []).map(pathOf);
        const event = eventLabel(eventType);
        const alternative = alternatives.length > 1 ? ` (alternative ${index + 1})` : '';
        const id = `${source} --${event}--> ${targets.join(', ') || '(stays)'}${alternative}`;
        names.push({ id, source, event, targets, definition });
      });
    }
  }
  return names;
}

/**
 * The transitions a pure `transition(machine, snapshot, event)` takes: those the machine selects for the event
 * (the selection `transition()` itself uses), then the eventless and done-state transitions of the following
 * microsteps, recognised by the microstep in which their targets became active.
 */
export function takenTransitions(
  machine: AnyStateMachine,
  snapshot: AnyMachineSnapshot,
  event: EventObject,
): AnyTransitionDefinition[] {
  const taken: AnyTransitionDefinition[] = [...machine.getTransitionData(snapshot, event)];
  const microsteps = getMicrosteps(machine, snapshot, event).map(([step]) => step as AnyMachineSnapshot);
  for (let i = 1; i < microsteps.length; i++) {
    const before = new Set(microsteps[i - 1]._nodes);
    const after = new Set(microsteps[i]._nodes);
    for (const candidate of getNextTransitions(microsteps[i - 1])) {
      const internal = candidate.eventType === '' || candidate.eventType.startsWith('xstate.done.');
      const targets = candidate.target ?? [];
      if (!internal || targets.length === 0 || !before.has(candidate.source)) continue;
      if (targets.every((t) => after.has(t)) && targets.some((t) => !before.has(t))) taken.push(candidate);
    }
  }
  return taken;
}

import { readFileSync } from 'node:fs';
import { renderMermaid, renderWorkflowDoc, WORKFLOW_DOC } from '../scripts/diagram';
import { EVENT_TYPES } from '../src/events/event-schemas';
import { definition, machine } from './dossier';
import { transitionsOf } from './transitions';

describe('docs/workflow.md', () => {
  it('is up to date with the generator (run `npm run diagram` after changing the machine or its labels)', () => {
    const current = readFileSync(WORKFLOW_DOC, 'utf8');
    expect(current).toBe(renderWorkflowDoc());
  });

  const diagram = renderMermaid(machine);
  const lines = diagram.split('\n').map((line) => line.trim());

  it('declares every state node, nested and parallel ones included', () => {
    for (const { path } of definition.states) {
      const id = path.replace(/\./g, '_');
      const declared = lines.some(
        (line) => line === id || line === `state ${id} {` || line.endsWith(` as ${id}`) || line.startsWith(`${id} -->`),
      );
      expect([path, declared]).toEqual([path, true]);
    }
    expect(diagram.match(/{/g)?.length).toBe(diagram.match(/}/g)?.length);
    // Four assembly regions and three probation regions: five separators.
    expect(lines.filter((line) => line === '--')).toHaveLength(5);
  });

  it('draws every transition with its event type, between its states or the states that contain them', () => {
    const arrows = lines
      .filter((line) => line.includes(' --> ') && !line.includes('[*]'))
      .map((line) => {
        const [, source, target, labels] = /^(\S+) --> (\S+) : (.*)$/.exec(line) as RegExpExecArray;
        return { source, target, labels };
      });
    const selfAndAncestors = (path: string) => path.split('.').map((_, i, parts) => parts.slice(0, i + 1).join('_'));
    // Root transitions (AMEND_CANDIDATE, any state) are stated in the legend, not drawn from every state.
    for (const t of transitionsOf(machine).filter((transition) => transition.source !== '(root)')) {
      const sources = selfAndAncestors(t.source);
      const targets = selfAndAncestors(t.targets[0] ?? t.source);
      const drawn = arrows.some(
        (a) => sources.includes(a.source) && targets.includes(a.target) && a.labels.includes(t.event),
      );
      expect([t.id, drawn]).toEqual([t.id, true]);
    }
    // The corrections, possible in every state, are named in the legend above the diagram.
    const corrections = ['AMEND_CANDIDATE', 'VOID_LAST_EVENT'];
    for (const type of EVENT_TYPES.filter((t) => !corrections.includes(t)))
      expect([type, diagram.includes(type)]).toEqual([type, true]);
    for (const type of corrections)
      expect([type, readFileSync(WORKFLOW_DOC, 'utf8').includes(type)]).toEqual([type, true]);
  });

  it('keeps every arrow inside one block, so that Mermaid can draw it', () => {
    const parents = new Map(
      definition.states.map((s) => [s.path.replace(/\./g, '_'), s.path.split('.').slice(0, -1).join('_')]),
    );
    const arrows = lines.filter((line) => line.includes(' --> ') && !line.includes('[*]'));
    for (const arrow of arrows) {
      const [source, , target] = arrow.split(' ');
      expect([arrow, parents.get(source)]).toEqual([arrow, parents.get(target)]);
    }
  });
});

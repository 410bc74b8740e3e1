/**
 * Generates docs/workflow.md: a Mermaid `stateDiagram-v2` of the admission statechart, drawn from the machine
 * itself, with the Vietnamese labels of its states and events. `npm run diagram` rewrites the file;
 * `npm run diagram -- --check` only reports whether it is up to date (a test does the same).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate';
import type { WorkingDaysPort } from '@workflows/common/working-days-port';
import { admissionWorkflow, ADMISSION_VERSION } from '../src/admission.workflow';
import { EVENT_CATALOG } from '../src/events/event-catalog';
import { EVENT_TYPES } from '../src/events/event-schemas';
import { STATE_LABELS } from '../src/states/state-labels';

export const WORKFLOW_DOC = resolve(__dirname, '../../../docs/workflow.md');

/** The diagram needs the shape of the machine only; no deadline is computed. */
const NO_CALENDAR: WorkingDaysPort = {
  addWorkingDays: () => {
    throw new Error('The diagram computes no working days');
  },
};

/** The condition every transition checks; the diagram names only the others. */
const RULES_GUARD = 'rulesHold';

/** What each other condition means. A condition missing here stops the generator, so the legend cannot lag. */
const CONDITIONS: Readonly<Record<string, string>> = {
  verificationPassed: 'Kết luận thẩm tra: đạt / the verification concluded as passed',
  introductionComplete:
    'Đủ người giới thiệu (2 đảng viên, hoặc Đoàn / Công đoàn và 1 đảng viên) / the introducers are complete',
  grassrootsVotePassed: 'Đảng ủy cơ sở biểu quyết đạt ít nhất 2/3 / the grassroots committee voted with at least 2/3',
  delegated:
    'Đảng ủy cơ sở được ủy quyền quyết định kết nạp / the grassroots committee holds the delegated power to decide',
  recognitionVotePassed: 'Chi bộ biểu quyết đạt ít nhất 2/3 / the cell voted with at least 2/3',
  recognitionGrassrootsVotePassed:
    'Đảng ủy cơ sở biểu quyết công nhận đạt ít nhất 2/3 / the grassroots committee voted with at least 2/3',
  proposesRemoval: 'Chi bộ đề nghị xóa tên / the cell proposed removal from the probation list',
  escalates:
    'Lần biểu quyết không đạt thứ 3: báo cáo cấp ủy cấp trên / the third failed vote escalates to the committee above',
  cellVotePassed: 'Chi bộ biểu quyết đạt ít nhất 2/3 đảng viên chính thức / the cell voted with at least 2/3',
  grassrootsCell: 'Chi bộ cơ sở: không qua đảng ủy cơ sở / a grassroots cell, with no grassroots committee above it',
  probationOngoing: 'Còn trong thời gian dự bị (đề nghị xóa tên không được chấp thuận) / the probation is not over',
  newMemberCourseDone: 'Đã có giấy chứng nhận lớp đảng viên mới / the new-member course is recorded',
  memberHistoryFiled: 'Đã hoàn thành lý lịch đảng viên / the member history is filed',
};

const idOf = (node: AnyStateNode) => node.path.join('_');
const childrenOf = (node: AnyStateNode) => Object.values(node.states) as AnyStateNode[];

function guardNames(guard: unknown): string[] {
  if (!guard) return [];
  if (typeof guard === 'string') return [guard];
  if (typeof guard === 'object' && 'type' in guard) return [String(guard.type)];
  const inner = (guard as { guards?: unknown[] }).guards;
  return inner ? inner.flatMap(guardNames) : [];
}

function labelOf(transition: AnyTransitionDefinition, index: number, alternatives: number): string {
  const event =
    transition.eventType === ''
      ? 'always'
      : transition.eventType.startsWith('xstate.done.')
        ? 'done'
        : transition.eventType;
  const conditions = guardNames(transition.guard).filter((name) => name !== RULES_GUARD);
  const unexplained = conditions.filter((name) => !(name in CONDITIONS));
  if (unexplained.length > 0) throw new Error(`Explain the condition ${unexplained.join(', ')} in CONDITIONS`);
  if (conditions.length > 0) return `${event} [${conditions.join(', ')}]`;
  return alternatives > 1 && index > 0 ? `${event} [else]` : event;
}

interface Edge {
  /** The states the arrow joins: both direct children of the block that holds the arrow. */
  source: AnyStateNode;
  target: AnyStateNode;
  block: AnyStateNode;
  labels: string[];
}

/** The node itself, then its parent, up to the root. */
function lineageOf(node: AnyStateNode): AnyStateNode[] {
  const chain: AnyStateNode[] = [];
  for (let current: AnyStateNode | undefined = node; current; current = current.parent) chain.push(current);
  return chain;
}

/**
 * Where an arrow goes. It is drawn in the innermost block that holds both ends, between the direct children of
 * that block that contain them; the label then names the nested state it really leaves or enters
 * (`→ certificate.recorded`). Mermaid cannot draw arrows that cross into or out of the regions of a parallel state
 * (mermaid-js/mermaid#4052, #5096), and this keeps every arrow inside one block.
 */
function placementOf(source: AnyStateNode, target: AnyStateNode) {
  const targetLineage = new Set(lineageOf(target).slice(1));
  const block = lineageOf(source)
    .slice(1)
    .find((a) => targetLineage.has(a)) as AnyStateNode;
  const drawn = (node: AnyStateNode) => lineageOf(node).find((a) => a.parent === block) as AnyStateNode;
  const relative = (node: AnyStateNode, to: AnyStateNode) => node.path.slice(to.path.length).join('.');
  const from = drawn(source) === source ? '' : `from ${relative(source, drawn(source))}`;
  const into = drawn(target) === target ? '' : `→ ${relative(target, drawn(target))}`;
  const detail = [from, into].filter(Boolean).join(' ');
  return { block, source: drawn(source), target: drawn(target), detail: detail && ` (${detail})` };
}

/** Every transition of the machine as an arrow; transitions between the same two drawn states share one arrow. */
function edgesOf(machine: AnyStateMachine): Edge[] {
  const edges = new Map<string, Edge>();
  const visit = (node: AnyStateNode) => {
    const groups: AnyTransitionDefinition[][] = [...node.transitions.values()];
    if (node.always?.length) groups.push(node.always);
    for (const alternatives of groups)
      alternatives.forEach((transition, index) => {
        for (const target of transition.target?.length ? transition.target : [node]) {
          const placed = placementOf(node, target);
          const key = `${idOf(placed.source)}->${idOf(placed.target)}`;
          const edge = edges.get(key) ?? {
            source: placed.source,
            target: placed.target,
            block: placed.block,
            labels: [],
          };
          edge.labels.push(labelOf(transition, index, alternatives.length) + placed.detail);
          edges.set(key, edge);
        }
      });
    childrenOf(node).forEach(visit);
  };
  childrenOf(machine.root).forEach(visit);
  return [...edges.values()];
}

/** The conditions the machine's guards name besides the rules, in document order. */
function conditionsOf(machine: AnyStateMachine): string[] {
  const names = new Set<string>();
  const visit = (node: AnyStateNode) => {
    for (const transition of [...[...node.transitions.values()].flat(), ...(node.always ?? [])])
      guardNames(transition.guard).forEach((name) => name !== RULES_GUARD && names.add(name));
    childrenOf(node).forEach(visit);
  };
  visit(machine.root);
  return [...names];
}

/** The Mermaid `stateDiagram-v2` of the machine: compound states as blocks, parallel regions split by `--`. */
export function renderMermaid(machine: AnyStateMachine): string {
  const edges = edgesOf(machine);
  const lines = ['stateDiagram-v2'];

  const block = (node: AnyStateNode, indent: string) => {
    const children = childrenOf(node);
    const initial = node.type === 'compound' || node === machine.root ? node.initial?.target?.[0] : undefined;
    if (initial) lines.push(`${indent}[*] --> ${idOf(initial)}`);
    children.forEach((child, index) => {
      if (node.type === 'parallel' && index > 0) lines.push(`${indent}--`);
      if (childrenOf(child).length === 0) {
        if (child.parent !== machine.root) lines.push(`${indent}state "${child.key}" as ${idOf(child)}`);
        else lines.push(`${indent}${idOf(child)}`);
      } else {
        lines.push(`${indent}state ${idOf(child)} {`);
        block(child, `${indent}  `);
        lines.push(`${indent}}`);
      }
      if (child.type === 'final') lines.push(`${indent}${idOf(child)} --> [*]`);
    });
    for (const edge of edges.filter((e) => e.block === node))
      lines.push(`${indent}${idOf(edge.source)} --> ${idOf(edge.target)} : ${edge.labels.join(', ')}`);
  };
  block(machine.root, '  ');
  return lines.join('\n');
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The whole of docs/workflow.md. */
export function renderWorkflowDoc(): string {
  const definition = admissionWorkflow(NO_CALENDAR);
  const machine = definition.machine;
  const stateRows = definition.states.map(
    (s) => `| \`${s.path}\` | \`${s.path.replace(/\./g, '_')}\` | ${cell(STATE_LABELS[s.path] ?? '')} |`,
  );
  const eventRows = EVENT_TYPES.map(
    (type) => `| \`${type}\` | ${cell(EVENT_CATALOG[type].label)} | ${EVENT_CATALOG[type].roles.join(', ')} |`,
  );
  return [
    `# Quy trình kết nạp đảng viên / The admission workflow (\`${definition.name}\` v${ADMISSION_VERSION})`,
    '',
    '<!-- Generated by `npm run diagram` (workflows/admission/scripts/diagram.ts). Do not edit by hand. -->',
    '',
    'Sơ đồ trạng thái được sinh tự động từ máy trạng thái XState của quy trình; một bài kiểm thử bảo đảm tài liệu',
    'này luôn khớp với mã nguồn. The state diagram is generated from the XState machine itself; a test fails when',
    'this file no longer matches the machine.',
    '',
    'Cách đọc / How to read it:',
    '',
    '- Mỗi mũi tên là một chuyển trạng thái, ghi loại sự kiện; mũi tên quay về chính trạng thái đó là một bước được ghi',
    '  nhận mà không đổi trạng thái. Each arrow is a transition labelled with its event type; an arrow back to the same',
    '  state records a step without changing state.',
    `- Mọi chuyển trạng thái đều kiểm tra các quy tắc (\`${RULES_GUARD}\`: tuổi, biểu quyết, ngày, giấy chứng nhận...); vi`,
    '  phạm một quy tắc thì hồ sơ không thay đổi (HTTP 422). Every transition checks the rules; a broken rule changes',
    '  nothing (HTTP 422).',
    '- `[điều kiện]` là các điều kiện khác của một nhánh (xem bảng dưới); `[else]` là nhánh được chọn khi các nhánh trước',
    '  không áp dụng. `[condition]` names the other conditions of a guarded alternative (see the table below); `[else]`',
    '  is the alternative taken when the earlier ones do not apply.',
    '- `always`: chuyển tự động khi điều kiện thỏa mãn; `done`: khi mọi vùng song song đã hoàn tất. `always` fires as',
    '  soon as its condition holds; `done` when every parallel region has reached its final state.',
    '- `--` ngăn cách các vùng song song. `--` separates parallel regions.',
    '- Mũi tên vào hoặc ra một trạng thái song song ghi rõ trạng thái con thực sự: `(→ certificate.recorded)`,',
    '  `(from application.verifying)`. An arrow into or out of a parallel state names the nested state it really',
    '  enters or leaves (Mermaid cannot draw arrows across parallel regions).',
    '- Ở mọi trạng thái, kể cả khi đã kết thúc: `AMEND_CANDIDATE` (sửa thông tin, ở lại trạng thái) và',
    '  `VOID_LAST_EVENT` (do engine thực hiện: trở lại trạng thái trước bước gần nhất). In every state, closed ones',
    '  included: `AMEND_CANDIDATE` (stays) and `VOID_LAST_EVENT` (the engine returns to the state before the last step).',
    '',
    '```mermaid',
    renderMermaid(machine),
    '```',
    '',
    '## Điều kiện / Conditions',
    '',
    '| Điều kiện / Condition | Ý nghĩa / Meaning |',
    '| --- | --- |',
    ...conditionsOf(machine).map((name) => `| \`${name}\` | ${cell(CONDITIONS[name])} |`),
    '',
    '## Trạng thái / States',
    '',
    '| Đường dẫn / Path | Mermaid id | Nhãn / Label |',
    '| --- | --- | --- |',
    ...stateRows,
    '',
    '## Sự kiện / Events',
    '',
    '| Sự kiện / Event | Nhãn / Label | Vai trò ghi nhận / Roles |',
    '| --- | --- | --- |',
    ...eventRows,
    '',
  ].join('\n');
}

function main(argv: string[]) {
  const expected = renderWorkflowDoc();
  if (argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(WORKFLOW_DOC, 'utf8');
    } catch {
      // A missing file is out of date.
    }
    if (current !== expected) {
      console.error(`${WORKFLOW_DOC} is out of date: run npm run diagram`);
      process.exitCode = 1;
    }
    return;
  }
  mkdirSync(dirname(WORKFLOW_DOC), { recursive: true });
  writeFileSync(WORKFLOW_DOC, expected);
  console.log(`Wrote ${WORKFLOW_DOC}`);
}

if (require.main === module) main(process.argv.slice(2));

import { vietnameseDate } from '@workflows/common/local-date';
import type { Bilingual, EventMeta } from '@workflows/common/workflow-definition';
import type { AdmissionContext, OrgFacts } from '../machine/context';
import type { AdmissionEvent } from '../machine/admission-event';
import { violation, type RuleCheck } from './rule-check';

/** Whether a member has approved or objected to the decision already (one opinion each). */
export const hasGivenOpinion = (context: AdmissionContext, memberId: string) =>
  context.decisionVotes.some((v) => v.memberId === memberId);

export const oneVotePerMember: RuleCheck = ({ context, event }) =>
  hasGivenOpinion(context, event.meta.actorId)
    ? violation(
        'decision.oneVotePerMember',
        'Mỗi ủy viên Ban Thường vụ chỉ cho ý kiến một lần đối với mỗi quyết định.',
        'Each standing committee member gives one approval or objection per decision.',
        'Điều lệ Đảng Điều 9 (biểu quyết của tập thể lãnh đạo)',
      )
    : null;

/** Approvals and objections of the members of the deciding body: a vote by anyone else is not counted. */
export function approvalsOf(context: AdmissionContext, facts: Pick<OrgFacts, 'decidingBody'>) {
  const members = new Set(facts.decidingBody?.memberIds ?? []);
  const votes = context.decisionVotes.filter((v) => members.has(v.memberId));
  const approvals = votes.filter((v) => v.approve).length;
  return { approvals, objections: votes.length - approvals };
}

/** Only a member of the body that decides gives an approval or objection (Điều lệ Đảng Điều 9, Điều 10). */
export function decidingBodyRefusal(meta: EventMeta<OrgFacts>): Bilingual | null {
  return meta.facts.decidingBody?.memberIds.includes(meta.actorId)
    ? null
    : {
        vi: 'Chỉ ủy viên của cấp ủy có thẩm quyền quyết định hồ sơ này được cho ý kiến tán thành hoặc không tán thành.',
        en: 'Only members of the committee that decides this dossier may approve or object.',
      };
}

/** More than half of the committee's members: count × 2 > size for the fraction 1/2. */
function isMajority(count: number, size: number, [numerator, denominator]: [number, number]) {
  return count * denominator > size * numerator;
}

function majorityCheck(pick: (context: AdmissionContext, event: AdmissionEvent) => 'approvals' | 'objections' | null) {
  const check: RuleCheck = ({ context, event, policy }) => {
    const side = pick(context, event);
    if (side === null) return null;
    const size = event.meta.facts.committeeSize;
    const citation = policy.committeeMajorityFraction.citation;
    if (!size)
      return violation(
        'decision.committeeSize',
        'Chưa cấu hình số ủy viên Ban Thường vụ của cấp ủy có thẩm quyền.',
        "The competent committee's number of members is not configured.",
        citation,
      );
    const count = approvalsOf(context, event.meta.facts)[side];
    if (isMajority(count, size, policy.committeeMajorityFraction.value)) return null;
    const needed =
      Math.floor((size * policy.committeeMajorityFraction.value[0]) / policy.committeeMajorityFraction.value[1]) + 1;
    const word =
      side === 'approvals' ? { vi: 'tán thành', en: 'approvals' } : { vi: 'không tán thành', en: 'objections' };
    return violation(
      'decision.majority',
      `Quyết định cần quá nửa số ủy viên (${needed}/${size}) ${word.vi}; hiện có ${count}.`,
      `The decision needs more than half of the committee (${needed} of ${size}) ${word.en}; there are ${count}.`,
      citation,
    );
  };
  return check;
}

export const admissionMajority = majorityCheck(() => 'approvals');

/** An escalated dossier is decided by the competent committee itself, without the members' round. */
export const recognitionMajority = majorityCheck((context) => (context.recognition.escalatedOn ? null : 'approvals'));

export const removalMajority = majorityCheck((context) => {
  if (context.recognition.escalatedOn) return null;
  return context.recognition.cellResolution?.proposal === 'remove' ? 'approvals' : 'objections';
});

export const recognitionProposed: RuleCheck = ({ context }) =>
  !context.recognition.escalatedOn && context.recognition.cellResolution?.proposal === 'remove'
    ? violation(
        'recognition.proposal',
        'Chi bộ đề nghị xóa tên, không đề nghị công nhận đảng viên chính thức.',
        'The cell proposed removal, not recognition.',
        'Điều lệ Đảng Điều 5.2',
      )
    : null;

export const extensionOnce: RuleCheck = ({ context, policy }) => {
  const used = context.ceremony ? context.recognition.extension : context.extension;
  return used
    ? violation(
        'deadline.extension.once',
        `Thời hạn chỉ được gia hạn một lần (đã gia hạn ngày ${vietnameseDate(used.on)}).`,
        `The deadline may be extended only once (already extended on ${used.on}).`,
        policy.decisionExtensionWorkingDays.citation,
      )
    : null;
};

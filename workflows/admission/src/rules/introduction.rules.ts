import { addMonths, fullMonthsBetween, type LocalDate } from '@workflows/common/local-date';
import type { AdmissionContext, OrgFacts } from '../machine/context';
import { payloadOf } from '../machine/admission-event';
import type { PolicyParameters } from '../policy/policy';
import { violation, type RuleCheck } from './rule-check';

const CHARTER_4_1 = 'Điều lệ Đảng Điều 4.1';

/** A candidate of youth age in a unit with a Youth Union comes by the Youth Union route (Charter art. 4.1). */
export function youthRouteRequired(
  context: AdmissionContext,
  facts: OrgFacts,
  policy: PolicyParameters,
  on: LocalDate,
): boolean {
  if (!facts.youthUnionPresent) return false;
  const { dateOfBirth } = context.candidate;
  return (
    on >= addMonths(dateOfBirth, policy.youthAgeFromMonths.value) &&
    on < addMonths(dateOfBirth, policy.youthAgeUntilMonths.value)
  );
}

const youthRouteViolation = (policy: PolicyParameters) =>
  violation(
    'introduction.youthRoute',
    'Người vào Đảng trong độ tuổi thanh niên, ở nơi có tổ chức Đoàn, phải là đoàn viên và được Ban Chấp hành Đoàn cơ sở cùng một đảng viên chính thức giới thiệu.',
    'A candidate of youth age in a unit with a Youth Union must be a Youth Union member introduced by the Youth Union executive and one official member.',
    `${CHARTER_4_1}; ${policy.youthAgeUntilMonths.citation}`,
  );

const noYouthUnionViolation = violation(
  'introduction.youthUnion',
  'Đơn vị không có tổ chức Đoàn: không thể có nghị quyết giới thiệu của Ban Chấp hành Đoàn cơ sở.',
  'The unit has no Youth Union organisation, so there can be no Youth Union introduction.',
  CHARTER_4_1,
);

/** At the cell vote: the introduction follows the route the candidate's age and unit call for. */
export const introductionRoute: RuleCheck = ({ context, event, policy }) => {
  const union = context.unionIntroduction?.union;
  if (youthRouteRequired(context, event.meta.facts, policy, event.occurredOn))
    return context.candidate.youthUnionMember && union === 'youth' ? null : youthRouteViolation(policy);
  return union === 'youth' && !event.meta.facts.youthUnionPresent ? noYouthUnionViolation : null;
};

/** Two official members, or the Youth Union / trade-union executive plus one official member. */
export function introducersNeeded(context: AdmissionContext): number {
  return context.unionIntroduction ? 1 : 2;
}

export function introductionComplete(context: AdmissionContext): boolean {
  return context.introducers.length >= introducersNeeded(context);
}

/** The introducer a new introduction takes the place of: the one it replaces, or the same member's older paper. */
export function introducerReplaced(
  context: AdmissionContext,
  introducer: { memberName: string; replacement?: boolean; replaces?: string },
) {
  if (introducer.replacement)
    return introducer.replaces
      ? context.introducers.find((i) => i.memberName === introducer.replaces)
      : context.introducers[0];
  return context.introducers.find((i) => i.memberName === introducer.memberName);
}

export const introducerEligible: RuleCheck = ({ context, event, policy }) => {
  const introducer = payloadOf(event, 'ADD_INTRODUCER');
  const citation = policy.introducerKnownMonths.citation;
  const replaced = introducerReplaced(context, introducer);
  if (introducer.replacement) {
    if (!replaced)
      return violation(
        'introducer.replacement',
        'Không có người giới thiệu nào để thay thế.',
        'There is no introducer to replace.',
        '24-QĐ/TW (2021) §3.2.2',
      );
  } else if (!replaced && introductionComplete(context)) {
    return violation(
      'introducer.count',
      'Đã đủ người giới thiệu; chỉ có thể thêm người giới thiệu thay thế hoặc làm lại giấy giới thiệu.',
      'The introducers are complete; only a replacement introducer or a renewed introduction may be added.',
      CHARTER_4_1,
    );
  } else if (
    !replaced &&
    !context.unionIntroduction &&
    context.introducers.length >= 1 &&
    youthRouteRequired(context, event.meta.facts, policy, event.occurredOn)
  ) {
    return youthRouteViolation(policy);
  }
  // A replacement must not be the other introducer: two introductions need two members.
  if (context.introducers.some((i) => i.memberName === introducer.memberName && i !== replaced))
    return violation(
      'introducer.duplicate',
      `Đảng viên ${introducer.memberName} đã là người giới thiệu.`,
      `${introducer.memberName} already introduces this candidate.`,
      CHARTER_4_1,
    );
  if (introducer.officialSince > event.occurredOn)
    return violation(
      'introducer.official',
      `Người giới thiệu phải là đảng viên chính thức (${introducer.memberName} chính thức từ ${introducer.officialSince}).`,
      `An introducer must be an official member (${introducer.memberName} is official from ${introducer.officialSince}).`,
      CHARTER_4_1,
    );
  const months = fullMonthsBetween(introducer.knownSince, event.occurredOn);
  if (!introducer.replacement && months < policy.introducerKnownMonths.value)
    return violation(
      'introducer.knownMonths',
      `Người giới thiệu phải công tác, học tập hoặc cư trú cùng người vào Đảng ít nhất ${policy.introducerKnownMonths.value} tháng (mới ${Math.max(months, 0)} tháng).`,
      `An introducer must have worked, studied or lived with the candidate for at least ${policy.introducerKnownMonths.value} months (only ${Math.max(months, 0)}).`,
      citation,
    );
  return null;
};

/** A union introduction, or a renewed one: the latest counts. */
export const unionIntroductionAllowed: RuleCheck = ({ context, event, policy }) => {
  const { union } = payloadOf(event, 'RECORD_UNION_INTRODUCTION');
  if (!context.unionIntroduction && context.introducers.length >= 2)
    return violation(
      'introducer.count',
      'Đã có đủ hai đảng viên chính thức giới thiệu.',
      'Two official members already introduce the candidate.',
      CHARTER_4_1,
    );
  if (union === 'youth' && !event.meta.facts.youthUnionPresent) return noYouthUnionViolation;
  if (union === 'trade' && youthRouteRequired(context, event.meta.facts, policy, event.occurredOn))
    return youthRouteViolation(policy);
  if (union === 'youth' && !context.candidate.youthUnionMember)
    return violation(
      'introduction.youthUnion',
      'Chỉ đoàn viên Đoàn TNCS Hồ Chí Minh mới được Ban Chấp hành Đoàn cơ sở giới thiệu.',
      'Only a Youth Union member can be introduced by the Youth Union executive.',
      CHARTER_4_1,
    );
  return null;
};

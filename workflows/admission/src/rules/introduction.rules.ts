import { fullMonthsBetween } from '@workflows/common/local-date';
import type { AdmissionContext } from '../machine/context';
import { payloadOf } from '../machine/admission-event';
import { violation, type RuleCheck } from './rule-check';

const CHARTER_4_1 = 'Điều lệ Đảng Điều 4.1';

/** Two official members, or the Youth Union / trade-union executive plus one official member. */
export function introducersNeeded(context: AdmissionContext): number {
  return context.unionIntroduction ? 1 : 2;
}

export function introductionComplete(context: AdmissionContext): boolean {
  return context.introducers.length >= introducersNeeded(context);
}

export const introducerEligible: RuleCheck = ({ context, event, policy }) => {
  const introducer = payloadOf(event, 'ADD_INTRODUCER');
  const citation = policy.introducerKnownMonths.citation;
  let replaced: AdmissionContext['introducers'][number] | undefined;
  if (introducer.replacement) {
    replaced = introducer.replaces
      ? context.introducers.find((i) => i.memberName === introducer.replaces)
      : context.introducers[0];
    if (!replaced)
      return violation(
        'introducer.replacement',
        'Không có người giới thiệu nào để thay thế.',
        'There is no introducer to replace.',
        '24-QĐ/TW (2021) §3.2.2',
      );
  } else if (introductionComplete(context)) {
    return violation(
      'introducer.count',
      'Đã đủ người giới thiệu; chỉ có thể thêm người giới thiệu thay thế.',
      'The introducers are complete; only a replacement introducer may be added.',
      CHARTER_4_1,
    );
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

export const unionIntroductionAllowed: RuleCheck = ({ context, event }) => {
  const { union } = payloadOf(event, 'RECORD_UNION_INTRODUCTION');
  if (context.unionIntroduction || context.introducers.length >= 2)
    return violation(
      'introducer.count',
      'Đã có đủ người giới thiệu hoặc đã có nghị quyết giới thiệu của Đoàn / Công đoàn.',
      'The introduction is already complete or a union introduction is already recorded.',
      CHARTER_4_1,
    );
  if (union === 'youth' && !context.candidate.youthUnionMember)
    return violation(
      'introduction.youthUnion',
      'Chỉ đoàn viên Đoàn TNCS Hồ Chí Minh mới được Ban Chấp hành Đoàn cơ sở giới thiệu.',
      'Only a Youth Union member can be introduced by the Youth Union executive.',
      CHARTER_4_1,
    );
  return null;
};

import { vietnameseDate } from '@workflows/common/local-date';
import { ceremonyDueOn } from '../machine/due-dates';
import { violation, type RuleCheck } from './rule-check';

export const ceremonyAfterDecision: RuleCheck = ({ context, event, policy }) => {
  const decidedOn = context.decision?.signedOn;
  return !decidedOn || event.occurredOn < decidedOn
    ? violation(
        'ceremony.afterDecision',
        `Lễ kết nạp (${vietnameseDate(event.occurredOn)}) không thể trước ngày quyết định kết nạp (${decidedOn ? vietnameseDate(decidedOn) : 'chưa có'}).`,
        `The ceremony (${event.occurredOn}) cannot precede the admission decision (${decidedOn ?? 'none'}).`,
        policy.ceremonyWorkingDays.citation,
      )
    : null;
};

/** Past 30 working days after the cell received the decision, the ceremony needs the consent of the committee above. */
export const ceremonyOnTimeOrConsented: RuleCheck = ({ context, event, policy, calendar }) => {
  const dueOn = ceremonyDueOn(context, calendar);
  if (!dueOn || event.occurredOn <= dueOn || context.ceremonyConsentOn) return null;
  return violation(
    'ceremony.lateConsent',
    `Quá ${policy.ceremonyWorkingDays.value} ngày làm việc kể từ khi chi bộ nhận quyết định (hạn ${vietnameseDate(dueOn)}): cần ghi nhận ý kiến đồng ý của cấp ủy cấp trên trước khi tổ chức lễ kết nạp.`,
    `More than ${policy.ceremonyWorkingDays.value} working days after the cell received the decision (due ${dueOn}): the consent of the committee above must be recorded first.`,
    policy.ceremonyWorkingDays.citation,
  );
};

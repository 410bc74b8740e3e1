import { payloadOf } from '../machine/admission-event';
import { violation, type RuleCheck } from './rule-check';

/** An amendment must change something: the history keeps the replaced values beside the reason. */
export const amendmentChanges: RuleCheck = ({ context, event }) => {
  const { changes } = payloadOf(event, 'AMEND_CANDIDATE');
  const current = context.candidate as unknown as Record<string, unknown>;
  const unchanged = Object.entries(changes).every(
    ([field, value]) => JSON.stringify(current[field]) === JSON.stringify(value),
  );
  return unchanged
    ? violation(
        'amend.unchanged',
        'Thông tin sửa trùng với thông tin đang có của người vào Đảng.',
        "The amendment repeats the candidate's current details.",
        'Quy tắc ghi nhận hồ sơ: sửa thông tin phải nêu lý do và giữ lại thông tin cũ',
      )
    : null;
};

import type { AdmissionContext } from '../machine/context';
import { payloadOf } from '../machine/admission-event';
import { violation, type RuleCheck } from './rule-check';

const CITATION = '01-HD/TW (2021) §3.4; 06-HD/TW (2025) §3.4';
export const CANDIDATE_SUBJECT = 'candidate';

/** The candidate and every listed relative who is not a declared party member. */
export function subjectsToVerify(context: AdmissionContext): string[] {
  const relatives = context.personalHistory?.relatives ?? [];
  return [CANDIDATE_SUBJECT, ...relatives.filter((r) => !r.partyMember).map((r) => r.fullName)];
}

export function unansweredSubjects(context: AdmissionContext): string[] {
  const answered = new Set(context.verification.answers.map((a) => a.subject));
  return subjectsToVerify(context).filter((subject) => !answered.has(subject));
}

export const relativesDistinct: RuleCheck = ({ event }) => {
  const names = payloadOf(event, 'SUBMIT_PERSONAL_HISTORY').relatives.map((r) => r.fullName);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i || name === CANDIDATE_SUBJECT);
  return duplicate
    ? violation(
        'history.relatives',
        `Tên người thân "${duplicate}" bị trùng; mỗi người cần thẩm tra phải có tên riêng.`,
        `The relative name "${duplicate}" is repeated; each person to verify needs a distinct name.`,
        CITATION,
      )
    : null;
};

export const verificationSubjectOpen: RuleCheck = ({ context, event }) => {
  const { subject } = payloadOf(event, 'RECORD_VERIFICATION_ANSWER');
  const relative = context.personalHistory?.relatives.find((r) => r.fullName === subject);
  if (relative?.partyMember)
    return violation(
      'verification.exempt',
      `${subject} là đảng viên đã khai trong lý lịch nên không phải thẩm tra.`,
      `${subject} is a declared party member and needs no verification.`,
      CITATION,
    );
  if (!subjectsToVerify(context).includes(subject))
    return violation(
      'verification.subject',
      `"${subject}" không phải người vào Đảng hay người thân đã khai trong lý lịch.`,
      `"${subject}" is neither the candidate nor a relative listed in the personal history.`,
      CITATION,
    );
  if (context.verification.answers.some((a) => a.subject === subject))
    return violation(
      'verification.subject',
      `Đã có kết quả thẩm tra đối với ${subject}.`,
      `An answer for ${subject} is already recorded.`,
      CITATION,
    );
  return null;
};

export const verificationAnswered: RuleCheck = ({ context }) => {
  const missing = unansweredSubjects(context);
  return missing.length > 0
    ? violation(
        'verification.allAnswered',
        `Chưa có kết quả thẩm tra của: ${missing.join(', ')}.`,
        `Verification answers are missing for: ${missing.join(', ')}.`,
        CITATION,
      )
    : null;
};

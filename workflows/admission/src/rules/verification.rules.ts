import type { AdmissionContext, Relative } from '../machine/context';
import { payloadOf } from '../machine/admission-event';
import { violation, type RuleCheck } from './rule-check';

const CITATION = '01-HD/TW (2021) §3.4c; 06-HD/TW (2025) §3.4';
export const CANDIDATE_SUBJECT = 'candidate';

type Relation = Relative['relation'];
/** A member among these exempts the candidate's own side; among the second, the spouse's side (01-HD/TW §3.4c). */
const OWN_SIDE_EXEMPTING: readonly Relation[] = ['father', 'mother', 'sibling', 'child'];
const SPOUSE_SIDE_EXEMPTING: readonly Relation[] = ['spouse', 'fatherInLaw', 'motherInLaw', 'spouseSibling'];
/** Siblings are declared (they can ground an exemption) but are not among the people verified. */
const NEVER_VERIFIED: readonly Relation[] = ['sibling', 'spouseSibling'];

/**
 * Who needs a verification answer: the candidate and the relatives the guidance lists (parents, parents-in-law or
 * guardian, spouse, children), less declared party members and the side a party member in the family exempts.
 */
export function subjectsToVerify(context: AdmissionContext): string[] {
  const relatives = context.personalHistory?.relatives ?? [];
  const memberAmong = (relations: readonly Relation[]) =>
    relatives.some((r) => r.partyMember && relations.includes(r.relation));
  const ownSideExempt = memberAmong(OWN_SIDE_EXEMPTING);
  const spouseSideExempt = memberAmong(SPOUSE_SIDE_EXEMPTING);
  const needsAnswer = (r: Relative) =>
    !r.partyMember &&
    !NEVER_VERIFIED.includes(r.relation) &&
    !(SPOUSE_SIDE_EXEMPTING.includes(r.relation) ? spouseSideExempt : ownSideExempt);
  return [...(ownSideExempt ? [] : [CANDIDATE_SUBJECT]), ...relatives.filter(needsAnswer).map((r) => r.fullName)];
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
  if ((relative || subject === CANDIDATE_SUBJECT) && !subjectsToVerify(context).includes(subject))
    return violation(
      'verification.exempt',
      `${subject === CANDIDATE_SUBJECT ? 'Người vào Đảng' : subject} không phải thẩm tra: là đảng viên, hoặc thuộc bên có cha, mẹ, anh chị em ruột, con (hoặc vợ/chồng, cha mẹ, anh chị em của vợ/chồng) là đảng viên đã khai trong lý lịch.`,
      `${subject} needs no verification: a declared party member, or on a side of the family exempted by a party member.`,
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

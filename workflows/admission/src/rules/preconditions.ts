import type { EventType } from '../events/event-schemas';
import { sectionAppraisalApplicable, sectionAppraisedFirst } from './appraisal.rules';
import { ceremonyAfterDecision, ceremonyOnTimeOrConsented } from './ceremony.rules';
import { dateInStepOrder, dateNotInFuture } from './date.rules';
import {
  admissionMajority,
  extensionOnce,
  oneVotePerMember,
  recognitionMajority,
  recognitionProposed,
  removalMajority,
} from './decision.rules';
import { ageInRange, certificateIssuedBeforeRecording, certificateValid, educationMinimum } from './eligibility.rules';
import { amendmentChanges } from './amendment.rules';
import { introducerEligible, introductionRoute, unionIntroductionAllowed } from './introduction.rules';
import { papersFresh } from './papers.rules';
import { afterProbation, recognitionDossierComplete, recordedOnce, removalReasoned } from './recognition.rules';
import { firstViolation, type RuleCheck, type RuleInput } from './rule-check';
import { relativesDistinct, verificationAnswered, verificationSubjectOpen } from './verification.rules';
import { voteCountsConsistent } from './vote.rules';

/**
 * The rules an event must satisfy to be accepted at all, in the order they are reported.
 * A vote below its threshold is a meeting that happened: recorded, and routed as the procedure says, not refused.
 */
const SPECIFIC_RULES: Partial<Record<EventType, readonly RuleCheck[]>> = {
  RECORD_AWARENESS_CERTIFICATE: [certificateIssuedBeforeRecording],
  SUBMIT_PERSONAL_HISTORY: [relativesDistinct],
  RECORD_VERIFICATION_ANSWER: [verificationSubjectOpen],
  CONCLUDE_VERIFICATION: [verificationAnswered],
  ADD_INTRODUCER: [introducerEligible],
  RECORD_UNION_INTRODUCTION: [unionIntroductionAllowed],
  RECORD_CELL_VOTE: [
    voteCountsConsistent,
    ageInRange,
    educationMinimum,
    certificateValid,
    introductionRoute,
    papersFresh,
  ],
  RECORD_SECTION_APPRAISAL: [sectionAppraisalApplicable],
  RECORD_GRASSROOTS_VOTE: [sectionAppraisedFirst, voteCountsConsistent],
  APPROVE_DECISION: [oneVotePerMember],
  OBJECT_DECISION: [oneVotePerMember],
  ISSUE_DECISION: [admissionMajority],
  EXTEND_DEADLINE: [extensionOnce],
  HOLD_CEREMONY: [ceremonyAfterDecision, ceremonyOnTimeOrConsented],
  RECORD_NEW_MEMBER_TRAINING: [
    recordedOnce(
      { vi: 'giấy chứng nhận lớp bồi dưỡng đảng viên mới', en: 'new-member course' },
      (c) => !!c.newMemberCourse,
    ),
  ],
  FILE_MEMBER_HISTORY: [recordedOnce({ vi: 'lý lịch đảng viên', en: 'member history' }, (c) => !!c.memberHistoryOn)],
  SUBMIT_SELF_REVIEW: [
    afterProbation,
    recordedOnce({ vi: 'bản tự kiểm điểm', en: 'self-review' }, (c) => !!c.recognition.selfReviewOn),
  ],
  RECORD_HELPER_COMMENTS: [
    afterProbation,
    recordedOnce(
      { vi: 'nhận xét của đảng viên giúp đỡ', en: "helper's comments" },
      (c) => !!c.recognition.helperCommentsOn,
    ),
  ],
  RECORD_RECOGNITION_COMMENTS: [
    afterProbation,
    recordedOnce({ vi: 'ý kiến của đoàn thể', en: "organisations' comments" }, (c) => !!c.recognition.commentsOn),
  ],
  RECORD_RECOGNITION_CELL_VOTE: [voteCountsConsistent, removalReasoned, afterProbation, recognitionDossierComplete],
  RECORD_RECOGNITION_GRASSROOTS_VOTE: [sectionAppraisedFirst, voteCountsConsistent],
  ISSUE_RECOGNITION: [recognitionProposed, recognitionMajority],
  ISSUE_REMOVAL: [removalMajority],
  RECORD_DECISION_RECEIVED: [
    recordedOnce(
      { vi: 'ngày chi bộ nhận quyết định kết nạp', en: 'receipt of the decision' },
      (c) => !!c.decisionReceivedOn,
    ),
  ],
  RECORD_AGE_EXCEPTION: [
    recordedOnce(
      { vi: 'ý kiến đồng ý của cấp ủy trực thuộc Trung ương', en: "provincial committee's consent" },
      (c) => !!c.ageException,
    ),
  ],
  AMEND_CANDIDATE: [amendmentChanges],
};

export function findRuleViolation(input: RuleInput) {
  const checks = [dateNotInFuture, ...(SPECIFIC_RULES[input.event.type] ?? []), dateInStepOrder];
  return firstViolation(checks, input);
}

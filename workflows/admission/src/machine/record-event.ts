import { maxDate } from '@workflows/common/local-date';
import { policyVersionOn } from '../policy/policy-versions';
import { votePasses, voteOf } from '../rules/vote.rules';
import { introducerReplaced } from '../rules/introduction.rules';
import { payloadOf, type AdmissionEvent } from './admission-event';
import type { AdmissionContext, Candidate, Vote, VoteKind } from './context';

function voteFrom(kind: VoteKind, event: AdmissionEvent, fraction: [number, number], extra: Partial<Vote> = {}): Vote {
  const { base, inFavour, against } = voteOf(event);
  const passed = votePasses(base, inFavour, fraction);
  return { kind, on: event.occurredOn, base, inFavour, against, passed, ...extra };
}

/** Corrections are dated the day they are made: they do not move the date later steps must follow. */
const CORRECTIONS = new Set<string>(['AMEND_CANDIDATE']);

/** The context after an accepted event: every step keeps its facts and its date; every vote is kept. */
export function recordEvent(context: AdmissionContext, event: AdmissionEvent): AdmissionContext {
  const on = event.occurredOn;
  const next: AdmissionContext = {
    ...context,
    lastOn: CORRECTIONS.has(event.type) ? context.lastOn : maxDate(context.lastOn, on),
    committeeSize: event.meta.facts.committeeSize,
  };
  const keep = (vote: Vote) => {
    next.votes = [...context.votes, vote];
    return vote;
  };
  const policy = policyVersionOn(on).parameters;
  const recognition = { ...context.recognition };
  next.recognition = recognition;

  switch (event.type) {
    case 'RECORD_AWARENESS_CERTIFICATE': {
      const { certificateNo, issuedOn, issuer } = payloadOf(event, event.type);
      next.certificate = { certificateNo, issuedOn, issuer, on };
      break;
    }
    case 'SUBMIT_APPLICATION':
      next.applicationOn = on;
      break;
    case 'SUBMIT_PERSONAL_HISTORY':
      next.personalHistory = { on, relatives: payloadOf(event, event.type).relatives };
      break;
    case 'START_VERIFICATION':
      next.verification = { ...context.verification, startedOn: on };
      break;
    case 'RECORD_VERIFICATION_ANSWER': {
      const { subject, adverse, note } = payloadOf(event, event.type);
      const answers = [...context.verification.answers, { subject, adverse, note, on }];
      next.verification = { ...context.verification, answers };
      break;
    }
    case 'CONCLUDE_VERIFICATION': {
      const { passed, note } = payloadOf(event, event.type);
      next.verification = { ...context.verification, concluded: { on, passed, note } };
      if (!passed) next.outcome = { kind: 'rejected', on, reason: note ?? 'Không đạt tiêu chuẩn chính trị' };
      break;
    }
    case 'ADD_INTRODUCER': {
      const payload = payloadOf(event, event.type);
      const { memberName, officialSince, knownSince, replacement = false } = payload;
      const introducer = { memberName, officialSince, knownSince, replacement, on };
      // A replacement takes the replaced member's place; a member's renewed introduction, their own.
      const replaced = introducerReplaced(context, payload);
      next.introducers = replaced
        ? context.introducers.map((current) => (current === replaced ? introducer : current))
        : [...context.introducers, introducer];
      break;
    }
    case 'RECORD_UNION_INTRODUCTION': {
      const { union, resolutionNo } = payloadOf(event, event.type);
      next.unionIntroduction = { union, resolutionNo, on };
      break;
    }
    case 'RECORD_COMMENTS':
      next.commentsOn = on;
      break;
    case 'RECORD_CELL_VOTE': {
      const { resolutionNo } = payloadOf(event, event.type);
      const vote = keep(voteFrom('cell', event, policy.cellVoteFraction.value, { resolutionNo }));
      if (vote.passed) next.cellResolution = vote;
      break;
    }
    case 'RECORD_SECTION_APPRAISAL':
      if (context.ceremony) recognition.sectionAppraisalOn = on;
      else next.sectionAppraisalOn = on;
      break;
    case 'RECORD_GRASSROOTS_VOTE': {
      const vote = keep(voteFrom('grassroots', event, policy.grassrootsVoteFraction.value));
      next.grassrootsVote = vote;
      const { decisionNo } = payloadOf(event, event.type);
      if (!vote.passed) next.outcome = { kind: 'rejected', on, reason: 'Đảng ủy cơ sở không đề nghị kết nạp' };
      else if (event.meta.facts.delegatedAdmission)
        next.decision = { decisionNo: decisionNo ?? `NQ ĐUCS ${on}`, signedOn: on, byDelegation: true };
      break;
    }
    case 'APPROVE_DECISION':
    case 'OBJECT_DECISION': {
      const { note } = payloadOf(event, 'OBJECT_DECISION');
      const vote = { memberId: event.meta.actorId, approve: event.type === 'APPROVE_DECISION', on, note };
      next.decisionVotes = [...context.decisionVotes, vote];
      break;
    }
    case 'ISSUE_DECISION':
      next.decision = { decisionNo: payloadOf(event, event.type).decisionNo, signedOn: on, byDelegation: false };
      break;
    case 'REFUSE_ADMISSION':
      next.outcome = { kind: 'rejected', on, reason: payloadOf(event, event.type).reason };
      break;
    case 'EXTEND_DEADLINE': {
      const extension = { on, reason: payloadOf(event, event.type).reason };
      if (context.ceremony) recognition.extension = extension;
      else next.extension = extension;
      break;
    }
    case 'RECORD_CEREMONY_CONSENT':
      next.ceremonyConsentOn = on;
      break;
    case 'HOLD_CEREMONY': {
      const { helperName } = payloadOf(event, event.type);
      next.ceremony = { on, helperName };
      next.helpers = [{ name: helperName, from: on }];
      next.decisionVotes = [];
      break;
    }
    case 'RECORD_NEW_MEMBER_TRAINING':
      next.newMemberCourse = { certificateNo: payloadOf(event, event.type).certificateNo, on };
      break;
    case 'FILE_MEMBER_HISTORY':
      next.memberHistoryOn = on;
      break;
    case 'REPLACE_HELPER':
      next.helpers = [...context.helpers, { name: payloadOf(event, event.type).helperName, from: on }];
      break;
    case 'SUBMIT_SELF_REVIEW':
      recognition.selfReviewOn = on;
      break;
    case 'RECORD_HELPER_COMMENTS':
      recognition.helperCommentsOn = on;
      break;
    case 'RECORD_RECOGNITION_COMMENTS':
      recognition.commentsOn = on;
      break;
    case 'RECORD_RECOGNITION_CELL_VOTE': {
      const { proposal, resolutionNo, reason } = payloadOf(event, event.type);
      const vote = keep(
        voteFrom('recognitionCell', event, policy.cellVoteFraction.value, { proposal, resolutionNo, reason }),
      );
      if (vote.passed) recognition.cellResolution = vote;
      else recordFailedRecognitionVote(recognition, on, policy.failedVotesBeforeEscalation.value);
      break;
    }
    case 'RECORD_RECOGNITION_GRASSROOTS_VOTE': {
      const vote = keep(voteFrom('recognitionGrassroots', event, policy.grassrootsVoteFraction.value));
      recognition.grassrootsVote = vote;
      const proposal = context.recognition.cellResolution?.proposal;
      const { decisionNo } = payloadOf(event, event.type);
      if (!vote.passed) {
        recognition.cellResolution = null;
        recognition.sectionAppraisalOn = null;
        recordFailedRecognitionVote(recognition, on, policy.failedVotesBeforeEscalation.value);
      } else if (event.meta.facts.delegatedAdmission) {
        next.outcome =
          proposal === 'remove'
            ? { kind: 'removedFromProbation', on, decisionNo, reason: 'Đảng ủy cơ sở được ủy quyền quyết định xóa tên' }
            : { kind: 'officialMember', on, decisionNo };
      }
      break;
    }
    case 'ISSUE_RECOGNITION':
      next.outcome = { kind: 'officialMember', on, decisionNo: payloadOf(event, event.type).decisionNo };
      break;
    case 'ISSUE_REMOVAL': {
      const { decisionNo, reason } = payloadOf(event, event.type);
      next.outcome = { kind: 'removedFromProbation', on, decisionNo, reason };
      break;
    }
    case 'WITHDRAW':
      next.outcome = { kind: 'withdrawn', on, reason: payloadOf(event, event.type).reason };
      break;
    case 'RECORD_DECISION_RECEIVED':
      next.decisionReceivedOn = on;
      break;
    case 'RECORD_AGE_EXCEPTION': {
      const { decisionNo, authority } = payloadOf(event, event.type);
      next.ageException = { decisionNo, authority, on };
      break;
    }
    case 'AMEND_CANDIDATE':
      next.candidate = { ...context.candidate, ...(payloadOf(event, event.type).changes as Partial<Candidate>) };
      break;
  }
  return next;
}

function recordFailedRecognitionVote(recognition: AdmissionContext['recognition'], on: string, limit: number) {
  recognition.failedVotes += 1;
  if (recognition.failedVotes >= limit) recognition.escalatedOn = on;
}

/** Whether a recognition vote recorded by `event` would be the one that escalates the dossier. */
export function escalates(context: AdmissionContext, event: AdmissionEvent): boolean {
  const limit = policyVersionOn(event.occurredOn).parameters.failedVotesBeforeEscalation.value;
  return context.recognition.failedVotes + 1 >= limit;
}

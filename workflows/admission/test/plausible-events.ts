import { addDays, addMonths, maxDate, type LocalDate } from '@workflows/common/local-date';
import type { Role } from '@workflows/common/roles';
import { EVENT_TYPES, type EventType } from '../src/events/event-schemas';
import type { AdmissionEvent } from '../src/machine/admission-event';
import type { AdmissionContext, OrgFacts } from '../src/machine/context';
import { unansweredSubjects } from '../src/rules/verification.rules';
import { COMMITTEE, definition, FATHER, MOTHER, type AdmissionSnapshot } from './dossier';
import { decidingCommittee, event, weekdaysCalendar } from './fixtures';

const cellFacts = {
  committeeSize: COMMITTEE.length,
  decidingBody: decidingCommittee,
  grassrootsCell: false,
  youthUnionPresent: false,
};

/** The five kinds of organisation a dossier can sit in: four cells under a grassroots committee, a grassroots cell. */
export const ORG_VARIANTS: readonly OrgFacts[] = [
  ...[false, true].flatMap((hasSection) =>
    [false, true].map((delegatedAdmission) => ({ ...cellFacts, hasSection, delegatedAdmission })),
  ),
  { ...cellFacts, hasSection: false, delegatedAdmission: false, grassrootsCell: true, youthUnionPresent: true },
];

export const describeFacts = (facts: OrgFacts) =>
  facts.grassrootsCell
    ? 'grassroots cell'
    : `${facts.hasSection ? 'with' : 'without'} section, ${facts.delegatedAdmission ? 'delegated' : 'upper committee decides'}`;

/** Progress first, side steps next, endings last: a guided walk that picks early events moves the dossier on. */
export const EVENT_PRIORITY: readonly EventType[] = [
  'RECORD_AWARENESS_CERTIFICATE',
  'SUBMIT_APPLICATION',
  'SUBMIT_PERSONAL_HISTORY',
  'START_VERIFICATION',
  'RECORD_VERIFICATION_ANSWER',
  'CONCLUDE_VERIFICATION',
  'ADD_INTRODUCER',
  'RECORD_UNION_INTRODUCTION',
  'RECORD_COMMENTS',
  'RECORD_CELL_VOTE',
  'RECORD_SECTION_APPRAISAL',
  'RECORD_GRASSROOTS_VOTE',
  'APPROVE_DECISION',
  'ISSUE_DECISION',
  'HOLD_CEREMONY',
  'RECORD_NEW_MEMBER_TRAINING',
  'FILE_MEMBER_HISTORY',
  'SUBMIT_SELF_REVIEW',
  'RECORD_HELPER_COMMENTS',
  'RECORD_RECOGNITION_COMMENTS',
  'RECORD_RECOGNITION_CELL_VOTE',
  'RECORD_RECOGNITION_GRASSROOTS_VOTE',
  'ISSUE_RECOGNITION',
  'REPLACE_HELPER',
  'OBJECT_DECISION',
  'EXTEND_DEADLINE',
  'RECORD_CEREMONY_CONSENT',
  'ISSUE_REMOVAL',
  'REFUSE_ADMISSION',
  'RECORD_DECISION_RECEIVED',
  'RECORD_AGE_EXCEPTION',
  'AMEND_CANDIDATE',
  'VOID_LAST_EVENT',
  'WITHDRAW',
];

interface Draft {
  payload?: Record<string, unknown>;
  /** The event's date when it is not simply the next step after the latest one. */
  on?: LocalDate;
  actorId?: string;
  roles?: Role[];
}

const REPLACEMENT = 'Vũ Văn Khánh';

const AMENDED_OCCUPATION = 'teacher';

const probationEnd = (context: AdmissionContext) => (context.ceremony ? addMonths(context.ceremony.on, 12) : null);

const afterProbation = (context: AdmissionContext, next: LocalDate) => maxDate(next, probationEnd(context) ?? next);

function decisionVoters(context: AdmissionContext) {
  const voted = new Set(context.decisionVotes.map((v) => v.memberId));
  const approvals = context.decisionVotes.filter((v) => v.approve).length;
  return {
    next: COMMITTEE.find((m) => !voted.has(m)),
    approvals,
    objections: context.decisionVotes.length - approvals,
  };
}

const vote = (base: 'officialMembers' | 'committeeMembers', members: number, inFavour: number) => ({
  [base]: members,
  inFavour,
  against: members - inFavour,
});

/** Realistic events for one event type, built from what the dossier already holds. */
function draftsFor(type: EventType, context: AdmissionContext, facts: OrgFacts, next: LocalDate): Draft[] {
  const recognising = !!context.ceremony;
  const appraised = recognising ? !!context.recognition.sectionAppraisalOn : !!context.sectionAppraisalOn;
  const grassrootsMayVote = !facts.hasSection || appraised;
  const voters = decisionVoters(context);
  const committee: Pick<Draft, 'roles'> = { roles: ['committeeMember'] };
  switch (type) {
    case 'RECORD_AWARENESS_CERTIFICATE':
      if (!context.certificate)
        return [{ payload: { certificateNo: 'GCN-1', issuedOn: addMonths(next, -3), issuer: 'Trung tâm Chính trị' } }];
      // A renewed certificate, once.
      return context.certificate.certificateNo === 'GCN-1'
        ? [{ payload: { certificateNo: 'GCN-2', issuedOn: next, issuer: 'Trung tâm Chính trị' } }]
        : [];
    case 'SUBMIT_APPLICATION':
    case 'START_VERIFICATION':
    case 'RECORD_COMMENTS':
      return [{}];
    case 'RECORD_CEREMONY_CONSENT':
      return context.ceremonyConsentOn ? [] : [{}];
    case 'FILE_MEMBER_HISTORY':
      return context.memberHistoryOn ? [] : [{}];
    case 'SUBMIT_PERSONAL_HISTORY':
      return [
        {
          payload: {
            relatives: [
              { relation: 'father', fullName: FATHER, partyMember: false },
              { relation: 'motherInLaw', fullName: MOTHER, partyMember: true },
            ],
          },
        },
      ];
    case 'RECORD_VERIFICATION_ANSWER': {
      const [subject] = unansweredSubjects(context);
      return subject ? [{ payload: { subject, adverse: false } }] : [];
    }
    case 'CONCLUDE_VERIFICATION':
      return unansweredSubjects(context).length > 0
        ? []
        : [{ payload: { passed: true } }, { payload: { passed: false, note: 'Vi phạm tiêu chuẩn chính trị' } }];
    case 'ADD_INTRODUCER': {
      const needed = context.unionIntroduction ? 1 : 2;
      const base = { officialSince: addMonths(next, -80), knownSince: addMonths(next, -26) };
      if (context.introducers.length < needed)
        return [{ payload: { memberName: `Đảng viên giới thiệu ${context.introducers.length + 1}`, ...base } }];
      if (context.introducers.some((i) => i.replacement)) return [];
      // The first introducer moved away: the replacement is exempt from the 12 months.
      const replaces = context.introducers[0].memberName;
      const payload = {
        memberName: REPLACEMENT,
        ...base,
        knownSince: addMonths(next, -2),
        replacement: true,
        replaces,
      };
      return [{ payload }];
    }
    case 'RECORD_UNION_INTRODUCTION': {
      const union = facts.youthUnionPresent ? 'youth' : 'trade';
      // The introduction, then once a renewed resolution: the latest counts.
      if (context.unionIntroduction)
        return context.unionIntroduction.resolutionNo === 'NQ-05'
          ? [{ payload: { union, resolutionNo: 'NQ-09' } }]
          : [];
      return context.introducers.length > 0 ? [] : [{ payload: { union, resolutionNo: 'NQ-05' } }];
    }
    case 'RECORD_CELL_VOTE': {
      const failedBefore = context.votes.some((v) => v.kind === 'cell' && !v.passed);
      // A meeting that does not reach two thirds, once: the dossier waits for the next.
      return [
        { payload: { ...vote('officialMembers', 11, 9), resolutionNo: 'NQ-06' } },
        ...(failedBefore ? [] : [{ payload: vote('officialMembers', 11, 7) }]),
      ];
    }
    case 'RECORD_DECISION_RECEIVED':
      return context.decisionReceivedOn ? [] : [{}];
    case 'RECORD_AGE_EXCEPTION':
      return context.ageException ? [] : [{ payload: { decisionNo: '12-QĐ/TU', authority: 'Ban Thường vụ Tỉnh ủy' } }];
    case 'AMEND_CANDIDATE':
      return context.candidate.occupation === AMENDED_OCCUPATION
        ? []
        : [{ payload: { changes: { occupation: AMENDED_OCCUPATION }, reason: 'Ghi nhầm nghề nghiệp' } }];
    case 'VOID_LAST_EVENT':
      // The engine voids, not the machine.
      return [];
    case 'RECORD_SECTION_APPRAISAL':
      return facts.hasSection && !appraised ? [{}] : [];
    case 'RECORD_GRASSROOTS_VOTE':
      return grassrootsMayVote
        ? [{ payload: vote('committeeMembers', 9, 7) }, { payload: vote('committeeMembers', 9, 5) }]
        : [];
    case 'APPROVE_DECISION':
      return voters.next && voters.approvals < 3 ? [{ actorId: voters.next, ...committee }] : [];
    case 'OBJECT_DECISION':
      return voters.next && voters.objections < 2
        ? [{ actorId: voters.next, ...committee, payload: { note: 'Chưa đủ điều kiện' } }]
        : [];
    case 'ISSUE_DECISION':
      return [{ payload: { decisionNo: '123-QĐ/TU' } }];
    case 'REFUSE_ADMISSION':
      return [{ payload: { reason: 'Không chuẩn y' } }];
    case 'EXTEND_DEADLINE':
      return (recognising ? context.recognition.extension : context.extension)
        ? []
        : [{ payload: { reason: 'Cần thẩm tra bổ sung' } }];
    case 'HOLD_CEREMONY': {
      // With the consent of the committee above, the ceremony is held late: 31 working days after the decision.
      const signedOn = context.decision?.signedOn;
      const late = context.ceremonyConsentOn && signedOn ? weekdaysCalendar.addWorkingDays(signedOn, 31) : next;
      return [{ payload: { helperName: 'Lê Văn Dũng' }, on: maxDate(next, late) }];
    }
    case 'RECORD_NEW_MEMBER_TRAINING':
      return context.newMemberCourse ? [] : [{ payload: { certificateNo: 'ĐVM-1' } }];
    case 'REPLACE_HELPER':
      return context.helpers.length < 2 ? [{ payload: { helperName: 'Phạm Thị Em' } }] : [];
    case 'SUBMIT_SELF_REVIEW':
      return context.recognition.selfReviewOn ? [] : [{ on: afterProbation(context, next) }];
    case 'RECORD_HELPER_COMMENTS':
      return context.recognition.helperCommentsOn ? [] : [{ on: afterProbation(context, next) }];
    case 'RECORD_RECOGNITION_COMMENTS':
      return context.recognition.commentsOn ? [] : [{ on: afterProbation(context, next) }];
    case 'RECORD_RECOGNITION_CELL_VOTE': {
      const r = context.recognition;
      const removal = { proposal: 'remove', reason: 'Không đủ tư cách đảng viên' };
      const end = probationEnd(context);
      // During the probation only a removal can be proposed, the vote passing or not.
      if (end && next < end && !r.selfReviewOn)
        return [
          { payload: { ...vote('officialMembers', 11, 9), ...removal } },
          { payload: { ...vote('officialMembers', 11, 5), ...removal } },
        ];
      if (!r.selfReviewOn || !r.helperCommentsOn || !r.commentsOn || !context.newMemberCourse) return [];
      const on = afterProbation(context, next);
      return [
        { on, payload: { ...vote('officialMembers', 11, 10), proposal: 'recognise' } },
        { on, payload: { ...vote('officialMembers', 11, 9), ...removal } },
        { on, payload: { ...vote('officialMembers', 11, 5), proposal: 'recognise' } },
      ];
    }
    case 'RECORD_RECOGNITION_GRASSROOTS_VOTE':
      return grassrootsMayVote
        ? [{ payload: vote('committeeMembers', 9, 7) }, { payload: vote('committeeMembers', 9, 4) }]
        : [];
    case 'ISSUE_RECOGNITION':
      return [{ payload: { decisionNo: '45-QĐ/TU' } }];
    case 'ISSUE_REMOVAL':
      return [{ payload: { decisionNo: '46-QĐ/TU', reason: 'Không đủ tư cách đảng viên' } }];
    case 'WITHDRAW':
      return [{ payload: { reason: 'Người vào Đảng xin rút hồ sơ' } }];
  }
}

/**
 * Concrete events for the snapshot: every event type its state handles, with payloads and dates that respect
 * the step order (`stepDays` after the latest step, or the end of probation), the pass and fail variants of votes
 * and conclusions, and the actor ids a committee round needs. Events a rule will still refuse (a decision before
 * the majority) are offered too: refusing them is part of the behaviour.
 */
export function plausibleEvents(snapshot: AdmissionSnapshot, facts: OrgFacts, stepDays = 2): AdmissionEvent[] {
  const handled = new Set(definition.handledEvents(snapshot));
  const context = snapshot.context;
  const next = addDays(context.lastOn, stepDays);
  return EVENT_PRIORITY.filter((type) => handled.has(type)).flatMap((type) =>
    draftsFor(type, context, facts, next).map((draft) =>
      event(type, draft.on ?? next, draft.payload ?? {}, { facts, actorId: draft.actorId, roles: draft.roles }),
    ),
  );
}

export const ALL_EVENT_TYPES_PRIORITISED = EVENT_TYPES.every((type) => EVENT_PRIORITY.includes(type));

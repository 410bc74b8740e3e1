import type { LocalDate } from '@workflows/common/local-date';

export const GENERAL_EDUCATION = ['primary', 'lowerSecondary', 'upperSecondary'] as const;
export type GeneralEducation = (typeof GENERAL_EDUCATION)[number];
export const EDUCATION_LEVELS = ['none', 'intermediate', 'college', 'university', 'master', 'doctor'] as const;
export const RELATIONS = [
  'father',
  'mother',
  'fatherInLaw',
  'motherInLaw',
  'guardian',
  'spouse',
  'child',
  'sibling',
  'spouseSibling',
] as const;
export const EDUCATION_EXCEPTION_AREAS = [
  'mountain',
  'border',
  'island',
  'ethnicMinority',
  'especiallyDifficult',
  'fishermanAtSea',
] as const;

export interface Candidate {
  fullName: string;
  /** Số định danh cá nhân: 12 digits; required on new dossiers, optional on imported members. */
  nationalId?: string;
  dateOfBirth: LocalDate;
  gender: 'male' | 'female';
  ethnicity: string;
  religion: string;
  educationLevel: (typeof EDUCATION_LEVELS)[number];
  generalEducation: GeneralEducation;
  /** The recorded exception for mountain, border, island or ethnic-minority areas (01-HD/TW §1.2). */
  educationException?: { area: (typeof EDUCATION_EXCEPTION_AREAS)[number]; note?: string } | null;
  occupation: string;
  youthUnionMember: boolean;
  workplace?: string;
  residence?: string;
  helperName?: string;
}

/** Facts about the dossier's organisations, supplied with every event by the application. */
export interface OrgFacts {
  /** The cell sits under a section (đảng ủy bộ phận) that appraises before the grassroots vote. */
  hasSection: boolean;
  /** The grassroots committee has been delegated the power to decide admission (ủy quyền). */
  delegatedAdmission: boolean;
  /** Members of the competent standing committee, for the majority of approvals. */
  committeeSize: number | null;
  /**
   * The body that decides admission and recognition (the competent committee, or the grassroots committee where
   * admission is delegated) and the users who sit on it: only they approve or object, and only their votes count.
   */
  decidingBody: { id: string; memberIds: string[] } | null;
  /** The cell is a grassroots cell (chi bộ cơ sở, Charter art. 21): no grassroots committee votes above it. */
  grassrootsCell: boolean;
  /** A Youth Union organisation exists in the candidate's unit (Charter art. 4.1). */
  youthUnionPresent: boolean;
}

export interface Relative {
  relation: (typeof RELATIONS)[number];
  fullName: string;
  partyMember: boolean;
}

export interface VerificationAnswer {
  subject: string;
  adverse: boolean;
  note?: string;
  on: LocalDate;
}

export interface Introducer {
  memberName: string;
  officialSince: LocalDate;
  knownSince: LocalDate;
  replacement: boolean;
  on: LocalDate;
}

export const VOTE_KINDS = ['cell', 'grassroots', 'recognitionCell', 'recognitionGrassroots'] as const;
export type VoteKind = (typeof VOTE_KINDS)[number];

export interface Vote {
  kind: VoteKind;
  on: LocalDate;
  base: number;
  inFavour: number;
  against: number;
  passed: boolean;
  resolutionNo?: string;
  proposal?: 'recognise' | 'remove';
  reason?: string;
}

export interface DecisionVote {
  memberId: string;
  approve: boolean;
  on: LocalDate;
  note?: string;
}

export interface Extension {
  on: LocalDate;
  reason: string;
}

export interface Outcome {
  kind: 'officialMember' | 'removedFromProbation' | 'rejected' | 'withdrawn';
  on: LocalDate;
  reason?: string;
  decisionNo?: string;
  /** Recorded for imported members, whose probation may have followed older rules. */
  officialFrom?: LocalDate;
}

export interface AdmissionContext {
  candidate: Candidate;
  identifiedOn: LocalDate;
  /** The latest date of any recorded step: later steps may not be dated before it. */
  lastOn: LocalDate;
  /** Every vote held on the dossier, passed or failed, in the order recorded: a failed vote is a fact. */
  votes: Vote[];
  /** The provincial-level committee's consent to admit a candidate over 60 (24-QĐ/TW §1.1). */
  ageException: { decisionNo: string; authority: string; on: LocalDate } | null;
  /** Members of the competent committee when last known, for the approvals still needed. */
  committeeSize: number | null;
  certificate: { certificateNo: string; issuedOn: LocalDate; issuer: string; on: LocalDate } | null;
  applicationOn: LocalDate | null;
  personalHistory: { on: LocalDate; relatives: Relative[] } | null;
  verification: {
    startedOn: LocalDate | null;
    answers: VerificationAnswer[];
    concluded: { on: LocalDate; passed: boolean; note?: string } | null;
  };
  introducers: Introducer[];
  unionIntroduction: { union: 'youth' | 'trade'; resolutionNo: string; on: LocalDate } | null;
  commentsOn: LocalDate | null;
  cellResolution: Vote | null;
  sectionAppraisalOn: LocalDate | null;
  grassrootsVote: Vote | null;
  /** Approvals and objections of the standing committee on the decision now pending. */
  decisionVotes: DecisionVote[];
  extension: Extension | null;
  decision: { decisionNo: string; signedOn: LocalDate; byDelegation: boolean } | null;
  /** The day the cell received the decision: the ceremony's 30 working days count from it. */
  decisionReceivedOn: LocalDate | null;
  ceremonyConsentOn: LocalDate | null;
  ceremony: { on: LocalDate; helperName: string } | null;
  newMemberCourse: { certificateNo: string; on: LocalDate } | null;
  memberHistoryOn: LocalDate | null;
  helpers: { name: string; from: LocalDate }[];
  recognition: {
    selfReviewOn: LocalDate | null;
    helperCommentsOn: LocalDate | null;
    commentsOn: LocalDate | null;
    failedVotes: number;
    cellResolution: Vote | null;
    sectionAppraisalOn: LocalDate | null;
    grassrootsVote: Vote | null;
    extension: Extension | null;
    escalatedOn: LocalDate | null;
  };
  outcome: Outcome | null;
}

export interface AdmissionInput {
  candidate: Candidate;
  identifiedOn: LocalDate;
}

export function initialContext(input: AdmissionInput): AdmissionContext {
  return {
    candidate: input.candidate,
    identifiedOn: input.identifiedOn,
    lastOn: input.identifiedOn,
    votes: [],
    ageException: null,
    committeeSize: null,
    certificate: null,
    applicationOn: null,
    personalHistory: null,
    verification: { startedOn: null, answers: [], concluded: null },
    introducers: [],
    unionIntroduction: null,
    commentsOn: null,
    cellResolution: null,
    sectionAppraisalOn: null,
    grassrootsVote: null,
    decisionVotes: [],
    extension: null,
    decision: null,
    decisionReceivedOn: null,
    ceremonyConsentOn: null,
    ceremony: null,
    newMemberCourse: null,
    memberHistoryOn: null,
    helpers: [],
    recognition: {
      selfReviewOn: null,
      helperCommentsOn: null,
      commentsOn: null,
      failedVotes: 0,
      cellResolution: null,
      sectionAppraisalOn: null,
      grassrootsVote: null,
      extension: null,
      escalatedOn: null,
    },
    outcome: null,
  };
}

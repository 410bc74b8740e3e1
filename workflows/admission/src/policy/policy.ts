import type { LocalDate } from '@workflows/common/local-date';

/** How sure the research is of a value: see shared/design/domain-sources.md. */
export type Confidence = 'quoted' | 'secondary' | 'quiz' | 'unconfirmed';

export interface Parameter<T = number> {
  value: T;
  citation: string;
  confidence: Confidence;
}

export interface PolicyParameters {
  minAgeMonths: Parameter;
  maxAgeMonths: Parameter;
  minGeneralEducation: Parameter<'primary' | 'lowerSecondary' | 'upperSecondary'>;
  exceptionGeneralEducation: Parameter<'primary' | 'lowerSecondary' | 'upperSecondary'>;
  certificateValidityMonths: Parameter;
  introducerKnownMonths: Parameter;
  cellVoteFraction: Parameter<[number, number]>;
  grassrootsVoteFraction: Parameter<[number, number]>;
  committeeMajorityFraction: Parameter<[number, number]>;
  admissionDecisionWorkingDays: Parameter;
  decisionExtensionWorkingDays: Parameter;
  ceremonyWorkingDays: Parameter;
  memberHistoryWorkingDays: Parameter;
  probationMonths: Parameter;
  recognitionReviewWorkingDays: Parameter;
  recognitionDecisionWorkingDays: Parameter;
  failedVotesBeforeEscalation: Parameter;
  reminderLeadWorkingDays: Parameter;
  verificationAnswerWorkingDays: Parameter;
  /** Introductions, union resolutions and comments older than this at the cell vote must be redone. */
  paperValidityMonths: Parameter;
  /** Youth age (Luật Thanh niên 2020 Điều 1): from the 16th birthday until the day before the 31st. */
  youthAgeFromMonths: Parameter;
  youthAgeUntilMonths: Parameter;
}

export interface PolicyVersion {
  id: string;
  title: string;
  effectiveFrom: LocalDate;
  parameters: PolicyParameters;
}

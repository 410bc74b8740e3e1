import { addDays, addMonths, daysBetween, type LocalDate } from '@workflows/common/local-date';

/** Who records a step in the demo and the tests: the cell, the grassroots committee, a specialist, a member. */
export type StepActor = 'cell' | 'grassroots' | 'specialist' | 'member1' | 'member2' | 'member3';

export interface PathStep {
  actor: StepActor;
  event: { type: string; occurredOn: LocalDate; [field: string]: unknown };
  /** The top-level state after the step. */
  state: string;
}

/**
 * A personal identification number for demo and test candidates: 12 digits, the first three the Bắc Kạn province
 * code (006), distinct for distinct `n`.
 */
export function demoNationalId(n: number): string {
  return `006${String(n % 1e9).padStart(9, '0')}`;
}

/** The candidate of the demo path; each dossier adds its own `nationalId`. */
export const DEMO_CANDIDATE = {
  fullName: 'Nguyễn Thị Hoa',
  dateOfBirth: '1998-03-12',
  gender: 'female',
  ethnicity: 'Tày',
  religion: 'Không',
  educationLevel: 'university',
  generalEducation: 'upperSecondary',
  occupation: 'teacher',
  youthUnionMember: true,
};

/**
 * The whole statutory path of one candidate identified on `start`, a cell without a section under a grassroots
 * committee without delegation, decided by a committee of five. Steps are spaced so that every rule holds.
 */
export function admissionPath(start: LocalDate, fullName = DEMO_CANDIDATE.fullName): PathStep[] {
  const day = (offset: number) => addDays(start, offset);
  const cellVoteOn = day(60);
  const ceremonyOn = day(100);
  const afterProbation = (offset: number) => addDays(addMonths(ceremonyOn, 12), offset);
  const step = (actor: StepActor, state: string, type: string, occurredOn: LocalDate, payload = {}): PathStep => ({
    actor,
    state,
    event: { type, occurredOn, ...payload },
  });
  return [
    step('cell', 'assembly', 'RECORD_AWARENESS_CERTIFICATE', day(5), {
      certificateNo: `NT-${fullName.length}-${start}`,
      issuedOn: day(3),
      issuer: 'Trung tâm Chính trị',
    }),
    step('cell', 'assembly', 'SUBMIT_APPLICATION', day(10)),
    step('cell', 'assembly', 'SUBMIT_PERSONAL_HISTORY', day(12), {
      relatives: [
        { relation: 'mother', fullName: `Mẹ của ${fullName}`, partyMember: false },
        // A party member on the spouse's side exempts that side only (01-HD/TW 2021 §3.4c).
        { relation: 'spouse', fullName: `Chồng của ${fullName}`, partyMember: true },
      ],
    }),
    step('grassroots', 'assembly', 'START_VERIFICATION', day(15)),
    step('grassroots', 'assembly', 'RECORD_VERIFICATION_ANSWER', day(25), { subject: 'candidate', adverse: false }),
    step('grassroots', 'assembly', 'RECORD_VERIFICATION_ANSWER', day(28), {
      subject: `Mẹ của ${fullName}`,
      adverse: false,
    }),
    step('grassroots', 'assembly', 'CONCLUDE_VERIFICATION', day(30), { passed: true }),
    step('cell', 'assembly', 'RECORD_UNION_INTRODUCTION', day(35), { union: 'youth', resolutionNo: '12-NQ/ĐTN' }),
    step('cell', 'assembly', 'ADD_INTRODUCER', day(36), {
      memberName: 'Hoàng Văn Minh',
      officialSince: '2010-05-19',
      knownSince: addMonths(start, -24),
    }),
    step('cell', 'cellReview', 'RECORD_COMMENTS', day(40)),
    step('cell', 'grassrootsReview', 'RECORD_CELL_VOTE', cellVoteOn, {
      officialMembers: 11,
      inFavour: 8,
      against: 3,
      resolutionNo: '05-NQ/CB',
    }),
    step('grassroots', 'committeeDecision', 'RECORD_GRASSROOTS_VOTE', day(70), {
      committeeMembers: 9,
      inFavour: 7,
      against: 2,
    }),
    step('member1', 'committeeDecision', 'APPROVE_DECISION', day(80)),
    step('member2', 'committeeDecision', 'APPROVE_DECISION', day(80)),
    step('member3', 'committeeDecision', 'APPROVE_DECISION', day(81)),
    step('specialist', 'awaitingCeremony', 'ISSUE_DECISION', day(85), { decisionNo: '123-QĐ/TU' }),
    step('cell', 'probation', 'HOLD_CEREMONY', ceremonyOn, { helperName: 'Hoàng Văn Minh' }),
    step('cell', 'probation', 'FILE_MEMBER_HISTORY', day(110)),
    step('cell', 'probation', 'RECORD_NEW_MEMBER_TRAINING', day(150), { certificateNo: 'ĐVM-2024-77' }),
    step('cell', 'recognitionReview', 'SUBMIT_SELF_REVIEW', afterProbation(1)),
    step('cell', 'recognitionReview', 'RECORD_HELPER_COMMENTS', afterProbation(2)),
    step('cell', 'recognitionReview', 'RECORD_RECOGNITION_COMMENTS', afterProbation(3)),
    step('cell', 'recognitionGrassrootsReview', 'RECORD_RECOGNITION_CELL_VOTE', afterProbation(10), {
      officialMembers: 11,
      inFavour: 10,
      against: 1,
      proposal: 'recognise',
    }),
    step('grassroots', 'recognitionDecision', 'RECORD_RECOGNITION_GRASSROOTS_VOTE', afterProbation(15), {
      committeeMembers: 9,
      inFavour: 8,
      against: 1,
    }),
    step('member1', 'recognitionDecision', 'APPROVE_DECISION', afterProbation(20)),
    step('member2', 'recognitionDecision', 'APPROVE_DECISION', afterProbation(20)),
    step('member3', 'recognitionDecision', 'APPROVE_DECISION', afterProbation(21)),
    step('specialist', 'officialMember', 'ISSUE_RECOGNITION', afterProbation(25), { decisionNo: '456-QĐ/TU' }),
  ];
}

/**
 * The path cut after its first `lastType` step (with none, only the identification), placed so that this step falls
 * on `lastOn`: for demo dossiers and tests that need a dossier at a given stage on a given day.
 */
export function admissionPathUpTo(lastType: string | null, lastOn: LocalDate, fullName?: string) {
  const origin = '2000-01-01';
  const template = admissionPath(origin, fullName);
  const index = lastType ? template.findIndex((step) => step.event.type === lastType) : -1;
  if (lastType && index < 0) throw new Error(`${lastType} is not on the path`);
  const anchor = index >= 0 ? template[index].event.occurredOn : origin;
  const start = addDays(origin, daysBetween(anchor, lastOn));
  return { start, steps: admissionPath(start, fullName).slice(0, index + 1) };
}

import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import { isDeepStrictEqual } from 'node:util';
import type { LocalDate } from '@workflows/common/local-date';
import type { RuleViolation } from '@workflows/common/workflow-definition';
import { admissionWorkflow } from '../src/admission.workflow';
import type { EventType } from '../src/events/event-schemas';
import type { AdmissionMachine } from '../src/machine/admission.machine';
import type { AdmissionEvent } from '../src/machine/admission-event';
import type { AdmissionContext, Candidate, OrgFacts } from '../src/machine/context';
import { candidate, COMMITTEE_MEMBERS, event, plainCell, weekdaysCalendar, type EventOptions } from './fixtures';

/** The definition the engine would load, on the weekends-only calendar of the fixtures. */
export const definition = admissionWorkflow(weekdaysCalendar);
export const machine = definition.machine as AdmissionMachine;
export type AdmissionSnapshot = SnapshotFrom<AdmissionMachine>;

export const IDENTIFIED_ON = '2024-10-01';

export function startSnapshot(identifiedOn: LocalDate = IDENTIFIED_ON, overrides: Partial<Candidate> = {}) {
  return initialTransition(machine, { candidate: { ...candidate, ...overrides }, identifiedOn })[0];
}

/** What the engine sees of one event: the first violated rule, and the snapshot after a pure `transition()`. */
export interface Applied {
  before: AdmissionSnapshot;
  after: AdmissionSnapshot;
  violation: RuleViolation | null;
  changed: boolean;
}

/** The part of a snapshot the engine stores: a refused event must leave it exactly as it was. */
export const storedPart = (snapshot: AdmissionSnapshot) => ({
  value: snapshot.value,
  context: snapshot.context,
  status: snapshot.status,
});

export function apply(before: AdmissionSnapshot, sent: AdmissionEvent): Applied {
  const violation = definition.findViolation(before, sent);
  const [after] = transition(machine, before, sent);
  return { before, after, violation, changed: !isDeepStrictEqual(storedPart(before), storedPart(after)) };
}

/** A violation as the API answers it (422): a stable rule id, both messages and a citation. */
export function expectWellFormed(violation: RuleViolation | null): asserts violation is RuleViolation {
  expect(violation).not.toBeNull();
  const { rule, message, citation } = violation as RuleViolation;
  expect(rule).toMatch(/^[a-z]+(\.[a-zA-Z]+)+$/);
  expect(message.vi.trim()).not.toBe('');
  expect(message.en.trim()).not.toBe('');
  expect(message.vi).not.toBe(message.en);
  expect(citation.trim()).not.toBe('');
}

/** The rule ids `Dossier.refuse` has seen refused, so that a suite can check it exercised every rule. */
export const refusedRules = new Set<string>();

/** One dossier driven event by event through the pure machine, as the engine drives it. */
export class Dossier {
  snapshot: AdmissionSnapshot;
  facts: OrgFacts;

  constructor(
    options: {
      identifiedOn?: LocalDate;
      candidate?: Partial<Candidate>;
      facts?: OrgFacts;
      snapshot?: AdmissionSnapshot;
    } = {},
  ) {
    this.snapshot = options.snapshot ?? startSnapshot(options.identifiedOn, options.candidate);
    this.facts = options.facts ?? plainCell;
  }

  get context(): AdmissionContext {
    return this.snapshot.context;
  }

  get value() {
    return this.snapshot.value;
  }

  matches(path: string): boolean {
    return this.snapshot.matches(path as never);
  }

  /** A copy to try alternatives from the same point. */
  fork(): Dossier {
    return new Dossier({ snapshot: this.snapshot, facts: this.facts });
  }

  event(type: EventType, on: LocalDate, payload: Record<string, unknown> = {}, options: EventOptions = {}) {
    return event(type, on, payload, { facts: this.facts, ...options });
  }

  /** Applies the event whatever the outcome; the snapshot moves only when the machine moved. */
  try(type: EventType, on: LocalDate, payload: Record<string, unknown> = {}, options: EventOptions = {}): Applied {
    const applied = apply(this.snapshot, this.event(type, on, payload, options));
    this.snapshot = applied.after;
    return applied;
  }

  /** The event must be accepted: no rule broken and the snapshot changed. */
  send(type: EventType, on: LocalDate, payload: Record<string, unknown> = {}, options: EventOptions = {}): this {
    const applied = this.try(type, on, payload, options);
    if (applied.violation || !applied.changed)
      throw new Error(
        `${type} on ${on} was not accepted in ${JSON.stringify(applied.before.value)}: ${
          applied.violation ? `${applied.violation.rule}: ${applied.violation.message.en}` : 'no transition'
        }`,
      );
    return this;
  }

  /** The event must be refused by `rule` (422) and leave the stored snapshot untouched. */
  refuse(
    rule: string,
    type: EventType,
    on: LocalDate,
    payload: Record<string, unknown> = {},
    options: EventOptions = {},
  ): RuleViolation {
    const applied = this.try(type, on, payload, options);
    expectWellFormed(applied.violation);
    expect(applied.violation.rule).toBe(rule);
    expect(applied.changed).toBe(false);
    expect(storedPart(applied.after)).toEqual(storedPart(applied.before));
    refusedRules.add(rule);
    return applied.violation;
  }
}

export const FATHER = 'Nguyễn Văn Bình';
export const MOTHER = 'Trần Thị Cúc';
export const COMMITTEE = COMMITTEE_MEMBERS;

export const introducer = (memberName: string, extra: Record<string, unknown> = {}) => ({
  memberName,
  officialSince: '2010-03-02',
  knownSince: '2021-09-01',
  ...extra,
});

/** The dossier assembled (certificate, application, verification, two introducers, comments): in `cellReview`. */
export function assembled(dossier: Dossier, certificateIssuedOn: LocalDate = '2024-09-20'): Dossier {
  return dossier
    .send('RECORD_AWARENESS_CERTIFICATE', '2024-10-02', {
      certificateNo: 'GCN-01',
      issuedOn: certificateIssuedOn,
      issuer: 'Trung tâm Chính trị thành phố',
    })
    .send('SUBMIT_APPLICATION', '2024-10-03')
    .send('SUBMIT_PERSONAL_HISTORY', '2024-10-04', {
      relatives: [
        { relation: 'father', fullName: FATHER, partyMember: false },
        { relation: 'motherInLaw', fullName: MOTHER, partyMember: true },
      ],
    })
    .send('START_VERIFICATION', '2024-10-07')
    .send('RECORD_VERIFICATION_ANSWER', '2024-10-15', { subject: 'candidate', adverse: false })
    .send('RECORD_VERIFICATION_ANSWER', '2024-10-16', { subject: FATHER, adverse: false })
    .send('CONCLUDE_VERIFICATION', '2024-10-21', { passed: true })
    .send('ADD_INTRODUCER', '2024-10-22', introducer('Hoàng Văn Giang'))
    .send('ADD_INTRODUCER', '2024-10-22', introducer('Đỗ Thị Hạnh'))
    .send('RECORD_COMMENTS', '2024-10-23');
}

/** Cell vote on Monday 4 Nov 2024 (9 of 11), grassroots vote on 20 Nov (7 of 9): in `committeeDecision`. */
export function proposed(dossier: Dossier): Dossier {
  assembled(dossier).send('RECORD_CELL_VOTE', '2024-11-04', { officialMembers: 11, inFavour: 9, against: 2 });
  if (dossier.facts.hasSection) dossier.send('RECORD_SECTION_APPRAISAL', '2024-11-12');
  return dossier.send('RECORD_GRASSROOTS_VOTE', '2024-11-20', { committeeMembers: 9, inFavour: 7, against: 2 });
}

export function approvedBy(dossier: Dossier, members: number, on: LocalDate): Dossier {
  for (const memberId of COMMITTEE.slice(0, members))
    dossier.send('APPROVE_DECISION', on, {}, { actorId: memberId, roles: ['committeeMember'] });
  return dossier;
}

/** Three approvals and the decision signed on Wednesday 4 Dec 2024: in `awaitingCeremony`. */
export function decided(dossier: Dossier): Dossier {
  return approvedBy(proposed(dossier), 3, '2024-12-02').send('ISSUE_DECISION', '2024-12-04', {
    decisionNo: '123-QĐ/TU',
  });
}

export const CEREMONY_ON = '2024-12-13';
export const PROBATION_ENDS_ON = '2025-12-13';

/** The ceremony on Friday 13 Dec 2024: in `probation`, which ends on Saturday 13 Dec 2025. */
export function admitted(dossier: Dossier): Dossier {
  return decided(dossier).send('HOLD_CEREMONY', CEREMONY_ON, { helperName: 'Lê Văn Dũng' });
}

/** Probation done and the recognition dossier complete: in `recognitionReview`, ready for the cell vote. */
export function readyForRecognition(dossier: Dossier): Dossier {
  return admitted(dossier)
    .send('FILE_MEMBER_HISTORY', '2025-01-10')
    .send('RECORD_NEW_MEMBER_TRAINING', '2025-03-01', { certificateNo: 'ĐVM-07' })
    .send('SUBMIT_SELF_REVIEW', '2025-12-15')
    .send('RECORD_HELPER_COMMENTS', '2025-12-15')
    .send('RECORD_RECOGNITION_COMMENTS', '2025-12-16');
}

export const recognitionVote = (inFavour: number, proposal: 'recognise' | 'remove' = 'recognise') => ({
  officialMembers: 11,
  inFavour,
  against: 11 - inFavour,
  proposal,
  ...(proposal === 'remove' ? { reason: 'Không đủ tư cách đảng viên' } : {}),
});

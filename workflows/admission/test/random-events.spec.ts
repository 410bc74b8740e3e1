import fc from 'fast-check';
import { addDays, addMonths, type LocalDate } from '@workflows/common/local-date';
import { EVENT_TYPES, eventSchema, type EventType } from '../src/events/event-schemas';
import type { AdmissionEvent } from '../src/machine/admission-event';
import {
  EDUCATION_EXCEPTION_AREAS,
  GENERAL_EDUCATION,
  RELATIONS,
  type Candidate,
  type OrgFacts,
} from '../src/machine/context';
import {
  apply,
  COMMITTEE,
  definition,
  expectWellFormed,
  FATHER,
  machine,
  MOTHER,
  startSnapshot,
  type AdmissionSnapshot,
} from './dossier';
import { decidingCommittee, event, TODAY, weekdaysCalendar } from './fixtures';
import { plausibleEvents } from './plausible-events';

/**
 * Random dossiers: a random candidate and organisation, then up to 60 steps. A step is either guided (one of the
 * realistic events for the current snapshot, mostly the one that moves the dossier on, its date sometimes shifted)
 * or wild (any event type with a random but well-formed payload, date and actor). Every event goes through
 * `findViolation` and the pure `transition()`; the law's requirements for each end state are checked against the
 * events that were actually accepted, with thresholds computed here rather than by the workflow's own code. The
 * engine's other questions (which events the state handles, deadlines, derived dates, the state's label) must be
 * answered for every snapshot reached, and agree with the machine.
 */

const NAMES = [FATHER, MOTHER, 'Phạm Văn Long', 'Lý Thị Mai', 'candidate'];
const ACTORS = [...COMMITTEE, 'uv-6', 'specialist-1', 'secretary-1'];
const text = fc.constantFrom('Lý do A', 'Số 12-QĐ/TU', 'Ghi chú');

type Wild = { kind: 'wild'; type: EventType; payload: Record<string, unknown>; offset: number; actor: string };
type Guided = { kind: 'guided'; pick: number; shift: number; ending: boolean };
type Step = Wild | Guided;

interface Run {
  candidate: Candidate;
  identifiedOn: LocalDate;
  facts: OrgFacts;
  steps: Step[];
}

const voteArb = (base: 'officialMembers' | 'committeeMembers') =>
  fc.integer({ min: 1, max: 15 }).chain((members) =>
    fc.record({
      [base]: fc.constant(members),
      inFavour: fc.integer({ min: 0, max: members }),
      against: fc.integer({ min: 0, max: members }),
    }),
  );

/** Dates inside payloads are kept as day offsets before the event's date and resolved when the event is built. */
function payloadArb(type: EventType): fc.Arbitrary<Record<string, unknown>> {
  switch (type) {
    case 'RECORD_AWARENESS_CERTIFICATE':
      return fc.record({
        certificateNo: fc.constantFrom('GCN-1', 'GCN-2'),
        issuer: text,
        issuedDaysBefore: fc.integer({ min: -10, max: 2200 }),
      });
    case 'SUBMIT_PERSONAL_HISTORY':
      return fc.record({
        relatives: fc.array(
          fc.record({
            relation: fc.constantFrom(...RELATIONS),
            fullName: fc.constantFrom(...NAMES),
            partyMember: fc.boolean(),
          }),
          { maxLength: 4 },
        ),
      });
    case 'RECORD_VERIFICATION_ANSWER':
      return fc.record({ subject: fc.constantFrom(...NAMES, 'Người lạ'), adverse: fc.boolean() });
    case 'CONCLUDE_VERIFICATION':
      return fc.record({ passed: fc.boolean(), note: text });
    case 'ADD_INTRODUCER':
      return fc.record(
        {
          memberName: fc.constantFrom('Đảng viên A', 'Đảng viên B', 'Đảng viên giới thiệu 2'),
          officialDaysBefore: fc.integer({ min: -60, max: 8000 }),
          knownDaysBefore: fc.integer({ min: 0, max: 1000 }),
          replacement: fc.boolean(),
          replaces: fc.constantFrom('Đảng viên A', 'Đảng viên B', 'Đảng viên giới thiệu 1'),
        },
        { requiredKeys: ['memberName', 'officialDaysBefore', 'knownDaysBefore'] },
      );
    case 'RECORD_UNION_INTRODUCTION':
      return fc.record({ union: fc.constantFrom('youth', 'trade'), resolutionNo: text });
    case 'RECORD_CELL_VOTE':
      return voteArb('officialMembers');
    case 'RECORD_GRASSROOTS_VOTE':
    case 'RECORD_RECOGNITION_GRASSROOTS_VOTE':
      return voteArb('committeeMembers');
    case 'RECORD_RECOGNITION_CELL_VOTE':
      return fc
        .tuple(voteArb('officialMembers'), fc.constantFrom('recognise', 'remove'), fc.option(text, { nil: undefined }))
        .map(([vote, proposal, reason]) => ({ ...vote, proposal, ...(reason ? { reason } : {}) }));
    case 'RECORD_AGE_EXCEPTION':
      return fc.record({ decisionNo: text, authority: text });
    case 'AMEND_CANDIDATE':
      // Details the end-state checks do not depend on.
      return fc.record({ changes: fc.record({ occupation: fc.constantFrom('teacher', 'worker') }), reason: text });
    case 'VOID_LAST_EVENT':
      return fc.record({ reason: text });
    case 'OBJECT_DECISION':
      return fc.record({ note: text });
    case 'ISSUE_DECISION':
    case 'ISSUE_RECOGNITION':
      return fc.record({ decisionNo: text });
    case 'ISSUE_REMOVAL':
      return fc.record({ decisionNo: text, reason: text });
    case 'REFUSE_ADMISSION':
    case 'EXTEND_DEADLINE':
    case 'WITHDRAW':
      return fc.record({ reason: text });
    case 'HOLD_CEREMONY':
    case 'REPLACE_HELPER':
      return fc.record({ helperName: fc.constantFrom('Lê Văn Dũng', 'Phạm Thị Em') });
    case 'RECORD_NEW_MEMBER_TRAINING':
      return fc.record({ certificateNo: text });
    default:
      return fc.constant({});
  }
}

function resolvePayload(payload: Record<string, unknown>, on: LocalDate): Record<string, unknown> {
  const { issuedDaysBefore, officialDaysBefore, knownDaysBefore, ...rest } = payload;
  const dated = (field: string, days: unknown) => (typeof days === 'number' ? { [field]: addDays(on, -days) } : {});
  return {
    ...rest,
    ...dated('issuedOn', issuedDaysBefore),
    ...dated('officialSince', officialDaysBefore),
    ...dated('knownSince', knownDaysBefore),
  };
}

/** Endings are rarer than other events, or few random dossiers would live long enough to be recognised. */
const ENDINGS: EventType[] = ['WITHDRAW', 'REFUSE_ADMISSION'];
const wildTypeArb = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom(...EVENT_TYPES.filter((type) => !ENDINGS.includes(type))) },
  { weight: 1, arbitrary: fc.constantFrom(...ENDINGS) },
);

const wildArb: fc.Arbitrary<Step> = wildTypeArb.chain((type) =>
  fc.record({
    kind: fc.constant('wild' as const),
    type: fc.constant(type),
    payload: payloadArb(type),
    offset: fc.integer({ min: -30, max: 400 }),
    actor: fc.constantFrom(...ACTORS),
  }),
);

const guidedArb: fc.Arbitrary<Step> = fc.record({
  kind: fc.constant('guided' as const),
  pick: fc.oneof(
    { weight: 12, arbitrary: fc.constant(0) },
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 3 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 12 }) },
  ),
  ending: fc.oneof({ weight: 150, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  shift: fc.oneof(
    { weight: 12, arbitrary: fc.constant(0) },
    { weight: 1, arbitrary: fc.integer({ min: -20, max: 20 }) },
    { weight: 1, arbitrary: fc.integer({ min: 200, max: 900 }) },
  ),
});

const runArb: fc.Arbitrary<Run> = fc.record({
  candidate: fc.record({
    fullName: fc.constant('Nguyễn Văn An'),
    // Mostly of admissible age, sometimes around the 18th or 60th birthday or outside the range.
    dateOfBirth: fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 0, max: 365 * 30 }).map((days) => addDays('1970-01-01', days)) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 365 * 56 }).map((days) => addDays('1955-01-01', days)) },
    ),
    gender: fc.constantFrom('male' as const, 'female' as const),
    ethnicity: fc.constantFrom('Kinh', 'Tày', 'Nùng'),
    religion: fc.constant('Không'),
    educationLevel: fc.constantFrom('none' as const, 'university' as const),
    generalEducation: fc.oneof(
      { weight: 4, arbitrary: fc.constant('upperSecondary' as const) },
      { weight: 1, arbitrary: fc.constantFrom(...GENERAL_EDUCATION) },
    ),
    educationException: fc.option(fc.record({ area: fc.constantFrom(...EDUCATION_EXCEPTION_AREAS) }), { nil: null }),
    occupation: fc.constant('farmer'),
    youthUnionMember: fc.boolean(),
  }),
  identifiedOn: fc.integer({ min: 0, max: 365 * 6 }).map((days) => addDays('2019-01-01', days)),
  facts: fc
    .record({
      hasSection: fc.boolean(),
      delegatedAdmission: fc.boolean(),
      committeeSize: fc.oneof(
        { weight: 9, arbitrary: fc.constant(5) },
        { weight: 1, arbitrary: fc.constantFrom(null, 7) },
      ),
      decidingBody: fc.constant(decidingCommittee),
      grassrootsCell: fc.oneof(
        { weight: 4, arbitrary: fc.constant(false) },
        { weight: 1, arbitrary: fc.constant(true) },
      ),
      youthUnionPresent: fc.boolean(),
    })
    // A grassroots cell sits directly under its committee: no section, no delegation.
    .map((facts) => (facts.grassrootsCell ? { ...facts, hasSection: false, delegatedAdmission: false } : facts)),
  steps: fc.array(fc.oneof({ weight: 5, arbitrary: guidedArb }, { weight: 1, arbitrary: wildArb }), {
    maxLength: 60,
    size: 'max',
  }),
});

function eventFor(step: Step, snapshot: AdmissionSnapshot, facts: OrgFacts): AdmissionEvent | null {
  if (step.kind === 'guided') {
    const offered = plausibleEvents(snapshot, facts).filter((e) => ENDINGS.includes(e.type) === step.ending);
    if (offered.length === 0) return null;
    const chosen = offered[step.pick % offered.length];
    return { ...chosen, occurredOn: addDays(chosen.occurredOn, step.shift) };
  }
  const on = addDays(snapshot.context.lastOn, step.offset);
  const roles = step.actor.startsWith('uv-') ? (['committeeMember'] as const) : (['specialist'] as const);
  return event(step.type, on, resolvePayload(step.payload, on), { facts, actorId: step.actor, roles: [...roles] });
}

/** The stored part of an event, as the API validates it before the engine sees it. */
function expectWellFormedEvent(sent: AdmissionEvent) {
  const { meta: _meta, ...stored } = sent;
  const parsed = eventSchema(sent.type).safeParse(stored);
  if (!parsed.success) throw new Error(`malformed ${sent.type}: ${parsed.error.message}`);
}

/** What every stored dossier must satisfy, whatever happened before. */
function expectConsistent(snapshot: AdmissionSnapshot) {
  const { introducers, helpers, lastOn } = snapshot.context;
  // Two introductions need two members.
  const names = introducers.map((i) => i.memberName);
  expect(new Set(names).size).toBe(names.length);
  // Helpers follow one another in time.
  const from = helpers.map((h) => h.from);
  expect(from).toEqual([...from].sort());
  expect(lastOn <= TODAY).toBe(true);
}

// The law's requirements, computed independently of the workflow's code.
const twoThirds = (inFavour: number, members: number) => inFavour * 3 >= members * 2;
const num = (e: AdmissionEvent, field: string) => e[field] as number;
const cellVotePassed = (e: AdmissionEvent) => twoThirds(num(e, 'inFavour'), num(e, 'officialMembers'));
const committeeVotePassed = (e: AdmissionEvent) => twoThirds(num(e, 'inFavour'), num(e, 'committeeMembers'));
const of = (events: AdmissionEvent[], type: EventType) => events.filter((e) => e.type === type);
const lastOf = (events: AdmissionEvent[], type: EventType) => of(events, type).at(-1);

/** Distinct members of the deciding body giving `type` among `events`: nobody else's vote counts. */
const membersGiving = (events: AdmissionEvent[], type: EventType, decision: AdmissionEvent) =>
  new Set(
    of(events, type)
      .map((e) => e.meta.actorId)
      .filter((id) => decision.meta.facts.decidingBody?.memberIds.includes(id)),
  );

/** Distinct members approving, among the events after `from`, against the size the deciding event carries. */
function majorityApproved(events: AdmissionEvent[], decision: AdmissionEvent) {
  const approvers = membersGiving(events, 'APPROVE_DECISION', decision);
  const size = decision.meta.facts.committeeSize;
  return size !== null && approvers.size * 2 > size;
}

function checkAdmission(accepted: AdmissionEvent[], candidate: Candidate) {
  const cellVote = lastOf(accepted, 'RECORD_CELL_VOTE');
  expect(cellVote && cellVotePassed(cellVote)).toBe(true);
  const votedOn = (cellVote as AdmissionEvent).occurredOn;
  expect(votedOn >= addMonths(candidate.dateOfBirth, 18 * 12)).toBe(true);
  const ageException = accepted
    .slice(0, accepted.indexOf(cellVote as AdmissionEvent))
    .some((e) => e.type === 'RECORD_AGE_EXCEPTION');
  expect(ageException || votedOn <= addMonths(candidate.dateOfBirth, 60 * 12)).toBe(true);
  const certificate = accepted
    .slice(0, accepted.indexOf(cellVote as AdmissionEvent))
    .filter((e) => e.type === 'RECORD_AWARENESS_CERTIFICATE')
    .at(-1);
  const issuedOn = certificate?.issuedOn as LocalDate;
  expect(!!certificate && issuedOn <= votedOn && votedOn < addMonths(issuedOn, 60)).toBe(true);

  // A grassroots cell's proposal goes from its own vote straight to the committee.
  const grassrootsCell = (cellVote as AdmissionEvent).meta.facts.grassrootsCell;
  const grassroots = grassrootsCell ? cellVote : lastOf(accepted, 'RECORD_GRASSROOTS_VOTE');
  expect(
    grassrootsCell ? of(accepted, 'RECORD_GRASSROOTS_VOTE') : [grassroots && committeeVotePassed(grassroots)],
  ).toEqual(grassrootsCell ? [] : [true]);
  const byDelegation = (grassroots as AdmissionEvent).meta.facts.delegatedAdmission;
  const decision = lastOf(accepted, 'ISSUE_DECISION');
  if (!byDelegation) {
    expect(decision).toBeDefined();
    const round = accepted.slice(
      accepted.indexOf(grassroots as AdmissionEvent),
      accepted.indexOf(decision as AdmissionEvent),
    );
    expect(majorityApproved(round, decision as AdmissionEvent)).toBe(true);
  } else expect(decision).toBeUndefined();
  const decidedOn = (byDelegation ? grassroots : decision)?.occurredOn as LocalDate;
  const receivedOn = lastOf(accepted, 'RECORD_DECISION_RECEIVED')?.occurredOn ?? decidedOn;

  const ceremony = lastOf(accepted, 'HOLD_CEREMONY');
  expect(of(accepted, 'HOLD_CEREMONY')).toHaveLength(1);
  const ceremonyOn = (ceremony as AdmissionEvent).occurredOn;
  expect(ceremonyOn >= decidedOn).toBe(true);
  const onTime = ceremonyOn <= weekdaysCalendar.addWorkingDays(receivedOn, 30);
  expect(onTime || of(accepted, 'RECORD_CEREMONY_CONSENT').length > 0).toBe(true);
  return ceremony as AdmissionEvent;
}

function checkRecognition(accepted: AdmissionEvent[], ceremony: AdmissionEvent, final: AdmissionEvent) {
  const since = accepted.slice(accepted.indexOf(ceremony));
  const probationEnd = addMonths(ceremony.occurredOn, 12);
  const cellVotes = of(since, 'RECORD_RECOGNITION_CELL_VOTE');
  // Removal may be proposed during the probation; recognition only after it.
  cellVotes.forEach((v) => expect(v.proposal === 'remove' || v.occurredOn >= probationEnd).toBe(true));
  const failed =
    cellVotes.filter((v) => !cellVotePassed(v)).length +
    of(since, 'RECORD_RECOGNITION_GRASSROOTS_VOTE').filter((v) => !committeeVotePassed(v)).length;
  const escalated = failed >= 3;
  const passedVote = cellVotes.filter(cellVotePassed).at(-1);
  expect(escalated || passedVote !== undefined).toBe(true);
  if (final.type === 'RECORD_RECOGNITION_GRASSROOTS_VOTE') {
    // The delegated grassroots committee decides on the cell's passed proposal.
    expect([committeeVotePassed(final), final.meta.facts.delegatedAdmission]).toEqual([true, true]);
    return passedVote?.proposal;
  }
  if (!escalated) {
    const lastGrassroots = final.meta.facts.grassrootsCell
      ? passedVote
      : lastOf(since, 'RECORD_RECOGNITION_GRASSROOTS_VOTE');
    expect(lastGrassroots && (final.meta.facts.grassrootsCell || committeeVotePassed(lastGrassroots))).toBe(true);
    const round = since.slice(since.indexOf(lastGrassroots as AdmissionEvent));
    const objectors = membersGiving(round, 'OBJECT_DECISION', final);
    const size = final.meta.facts.committeeSize as number;
    const decidedBy =
      passedVote?.proposal === 'remove' || final.type === 'ISSUE_RECOGNITION' ? 'approvals' : 'objections';
    if (decidedBy === 'approvals') expect(majorityApproved(round, final)).toBe(true);
    else expect(objectors.size * 2 > size).toBe(true);
  }
  return escalated ? null : passedVote?.proposal;
}

/** The end state just entered must have been reached the way the law allows. */
function checkEnd(state: string, accepted: AdmissionEvent[], candidate: Candidate) {
  const final = accepted.at(-1) as AdmissionEvent;
  const ceremonies = of(accepted, 'HOLD_CEREMONY');
  switch (state) {
    case 'officialMember': {
      expect(['ISSUE_RECOGNITION', 'RECORD_RECOGNITION_GRASSROOTS_VOTE']).toContain(final.type);
      const proposal = checkRecognition(accepted, checkAdmission(accepted, candidate), final);
      expect(proposal).not.toBe('remove');
      break;
    }
    case 'removedFromProbation': {
      expect(ceremonies).toHaveLength(1);
      expect(['ISSUE_REMOVAL', 'RECORD_RECOGNITION_GRASSROOTS_VOTE']).toContain(final.type);
      const proposal = checkRecognition(accepted, checkAdmission(accepted, candidate), final);
      if (final.type === 'RECORD_RECOGNITION_GRASSROOTS_VOTE') expect(proposal).toBe('remove');
      break;
    }
    case 'rejected':
      expect(ceremonies).toHaveLength(0);
      expect(
        (final.type === 'CONCLUDE_VERIFICATION' && final.passed === false) ||
          (final.type === 'RECORD_GRASSROOTS_VOTE' && !committeeVotePassed(final)) ||
          final.type === 'REFUSE_ADMISSION',
      ).toBe(true);
      break;
    case 'withdrawn':
      expect(final.type).toBe('WITHDRAW');
      expect(ceremonies).toHaveLength(0);
      break;
    default:
      throw new Error(`unknown end state ${state}`);
  }
}

describe('random event sequences', () => {
  it('never throw, never change the dossier on a violation, and end only as the law allows', () => {
    const ends: Record<string, number> = { officialMember: 0, removedFromProbation: 0, rejected: 0, withdrawn: 0 };
    let events = 0;
    let refused = 0;

    fc.assert(
      fc.property(runArb, (run) => {
        let snapshot = startSnapshot(run.identifiedOn, run.candidate);
        const accepted: AdmissionEvent[] = [];
        for (const step of run.steps) {
          const sent = eventFor(step, snapshot, run.facts);
          if (!sent) continue;
          expectWellFormedEvent(sent);
          const applied = apply(snapshot, sent);
          events += 1;
          if (applied.violation) {
            refused += 1;
            expectWellFormed(applied.violation);
            expect(applied.changed).toBe(false);
          }
          // A closed dossier changes only by an amendment of the candidate's details.
          if (snapshot.status === 'done' && sent.type !== 'AMEND_CANDIDATE') expect(applied.changed).toBe(false);
          // The engine answers 409 for an event its state does not handle, before asking the rules: the machine
          // must agree, and must take a lawful event that its state handles.
          const handled = definition.handledEvents(snapshot).includes(sent.type);
          if (!handled) expect(applied.changed).toBe(false);
          // Voiding is the engine's: the machine has no transition for it.
          if (handled && !applied.violation && sent.type !== 'VOID_LAST_EVENT')
            expect(machine.getTransitionData(snapshot, sent).length).toBeGreaterThan(0);
          if (!applied.changed) continue;
          accepted.push(sent);
          snapshot = applied.after;
          expectConsistent(snapshot);
          // What the engine derives from every stored snapshot.
          definition.deadlines(snapshot);
          definition.derivedDates(snapshot);
          expect(definition.stateLabel(snapshot.value)).not.toBe('');
          if (snapshot.status === 'done' && applied.before.status !== 'done') {
            const state = snapshot.value as string;
            checkEnd(state, accepted, run.candidate);
            ends[state] += 1;
          }
        }
      }),
      { numRuns: 400 },
    );

    console.log(`random dossiers: ${events} events (${refused} refused by a rule), ends ${JSON.stringify(ends)}`);
    // Enough random dossiers go the whole way for the end-state checks to matter.
    expect(ends.officialMember).toBeGreaterThan(0);
    expect(ends.rejected + ends.withdrawn).toBeGreaterThan(0);
  });
});

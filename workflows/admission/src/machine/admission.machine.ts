import { and, assign, setup } from 'xstate';
import type { WorkingDaysPort } from '@workflows/common/working-days-port';
import { policyVersionOn } from '../policy/policy-versions';
import { introductionComplete } from '../rules/introduction.rules';
import { probationEndsOn } from './due-dates';
import { findRuleViolation } from '../rules/preconditions';
import { votePasses, voteOf } from '../rules/vote.rules';
import type { AdmissionEvent } from './admission-event';
import { initialContext, type AdmissionContext, type AdmissionInput } from './context';
import { escalates, recordEvent } from './record-event';

export const ADMISSION_MACHINE_ID = 'admission';

/**
 * The statutory path of one candidate (domain.md). No timers: legal deadlines live in the database.
 * Every transition is guarded by `rulesHold`, so that the machine alone never accepts an event the law forbids.
 */
export function createAdmissionMachine(calendar: WorkingDaysPort) {
  const passes = (event: AdmissionEvent, kind: 'cellVoteFraction' | 'grassrootsVoteFraction') => {
    const { base, inFavour } = voteOf(event);
    return votePasses(base, inFavour, policyVersionOn(event.occurredOn).parameters[kind].value);
  };

  const accepted = { guard: 'rulesHold', actions: 'record' } as const;
  const to = (target: string) => ({ ...accepted, target });
  const withdraw = { WITHDRAW: to('#admission.withdrawn') };
  const when = (target: string, ...guards: string[]) => ({ ...to(target), guard: and(['rulesHold', ...guards]) });
  /** A recognition (or removal) cell vote: a grassroots cell goes straight to the decision (Charter art. 21). */
  const recognitionCellVote = (failedTarget?: string) => [
    when('#admission.recognitionDecision', 'recognitionVotePassed', 'grassrootsCell'),
    when('#admission.recognitionGrassrootsReview', 'recognitionVotePassed'),
    when('#admission.escalated', 'escalates'),
    failedTarget ? to(failedTarget) : accepted,
  ];

  return setup({
    types: {} as { context: AdmissionContext; events: AdmissionEvent; input: AdmissionInput },
    guards: {
      rulesHold: ({ context, event }) =>
        findRuleViolation({ context, event, calendar, policy: policyVersionOn(event.occurredOn).parameters }) === null,
      delegated: ({ event }) => event.meta.facts.delegatedAdmission,
      grassrootsCell: ({ event }) => event.meta.facts.grassrootsCell,
      cellVotePassed: ({ event }) => passes(event, 'cellVoteFraction'),
      probationOngoing: ({ context, event }) => event.occurredOn < (probationEndsOn(context) ?? event.occurredOn),
      newMemberCourseDone: ({ context }) => !!context.newMemberCourse,
      memberHistoryFiled: ({ context }) => !!context.memberHistoryOn,
      grassrootsVotePassed: ({ event }) => passes(event, 'grassrootsVoteFraction'),
      recognitionVotePassed: ({ event }) => passes(event, 'cellVoteFraction'),
      recognitionGrassrootsVotePassed: ({ event }) => passes(event, 'grassrootsVoteFraction'),
      proposesRemoval: ({ context }) => context.recognition.cellResolution?.proposal === 'remove',
      escalates: ({ context, event }) => escalates(context, event),
      verificationPassed: ({ event }) => event.passed === true,
      introductionComplete: ({ context }) => introductionComplete(context),
    },
    actions: {
      record: assign(({ context, event }) => recordEvent(context, event)),
    },
  }).createMachine({
    id: ADMISSION_MACHINE_ID,
    initial: 'candidate',
    // xstate's pure `transition` starts a throw-away actor without an input for every event it computes, and that
    // actor's initial context is never read: built from no input, it threw a TypeError each time, which cost more
    // than the transition itself.
    context: ({ input }) => (input ? initialContext(input) : ({} as AdmissionContext)),
    // Candidate details can be corrected in any state, with a reason kept in the history.
    on: { AMEND_CANDIDATE: accepted },
    states: {
      candidate: {
        on: {
          RECORD_AGE_EXCEPTION: accepted,
          RECORD_AWARENESS_CERTIFICATE: to('#admission.assembly.certificate.recorded'),
          SUBMIT_APPLICATION: to('#admission.assembly.application.awaitingPersonalHistory'),
          ADD_INTRODUCER: to('#admission.assembly.introduction'),
          RECORD_UNION_INTRODUCTION: to('#admission.assembly.introduction'),
          RECORD_COMMENTS: to('#admission.assembly.comments.recorded'),
          ...withdraw,
        },
      },
      assembly: {
        type: 'parallel',
        onDone: 'cellReview',
        on: {
          // A renewed certificate or paper, or a replacement introducer, once the region itself is complete.
          RECORD_AWARENESS_CERTIFICATE: accepted,
          ADD_INTRODUCER: accepted,
          RECORD_UNION_INTRODUCTION: accepted,
          RECORD_COMMENTS: accepted,
          RECORD_AGE_EXCEPTION: accepted,
          ...withdraw,
        },
        states: {
          certificate: {
            initial: 'missing',
            states: {
              missing: { on: { RECORD_AWARENESS_CERTIFICATE: to('recorded') } },
              recorded: { type: 'final' },
            },
          },
          application: {
            initial: 'awaitingApplication',
            states: {
              awaitingApplication: { on: { SUBMIT_APPLICATION: to('awaitingPersonalHistory') } },
              awaitingPersonalHistory: { on: { SUBMIT_PERSONAL_HISTORY: to('awaitingVerification') } },
              awaitingVerification: { on: { START_VERIFICATION: to('verifying') } },
              verifying: {
                on: {
                  RECORD_VERIFICATION_ANSWER: accepted,
                  CONCLUDE_VERIFICATION: [
                    { ...to('verified'), guard: and(['rulesHold', 'verificationPassed']) },
                    to('#admission.rejected'),
                  ],
                },
              },
              verified: { type: 'final' },
            },
          },
          introduction: {
            initial: 'awaitingIntroducers',
            states: {
              awaitingIntroducers: {
                always: { guard: 'introductionComplete', target: 'introduced' },
                on: { ADD_INTRODUCER: accepted, RECORD_UNION_INTRODUCTION: accepted },
              },
              introduced: { type: 'final' },
            },
          },
          comments: {
            initial: 'awaitingComments',
            states: {
              awaitingComments: { on: { RECORD_COMMENTS: to('recorded') } },
              recorded: { type: 'final' },
            },
          },
        },
      },
      cellReview: {
        on: {
          RECORD_AWARENESS_CERTIFICATE: accepted,
          ADD_INTRODUCER: accepted,
          RECORD_UNION_INTRODUCTION: accepted,
          RECORD_COMMENTS: accepted,
          RECORD_AGE_EXCEPTION: accepted,
          // A vote below two thirds is recorded and the dossier waits here for another meeting.
          RECORD_CELL_VOTE: [
            when('committeeDecision', 'cellVotePassed', 'grassrootsCell'),
            when('grassrootsReview', 'cellVotePassed'),
            accepted,
          ],
          ...withdraw,
        },
      },
      grassrootsReview: {
        on: {
          RECORD_SECTION_APPRAISAL: accepted,
          RECORD_GRASSROOTS_VOTE: [
            { ...to('awaitingCeremony'), guard: and(['rulesHold', 'grassrootsVotePassed', 'delegated']) },
            { ...to('committeeDecision'), guard: and(['rulesHold', 'grassrootsVotePassed']) },
            to('rejected'),
          ],
          ...withdraw,
        },
      },
      committeeDecision: {
        on: {
          APPROVE_DECISION: accepted,
          OBJECT_DECISION: accepted,
          EXTEND_DEADLINE: accepted,
          ISSUE_DECISION: to('awaitingCeremony'),
          REFUSE_ADMISSION: to('rejected'),
          ...withdraw,
        },
      },
      awaitingCeremony: {
        on: {
          RECORD_DECISION_RECEIVED: accepted,
          RECORD_CEREMONY_CONSENT: accepted,
          HOLD_CEREMONY: to('probation'),
          ...withdraw,
        },
      },
      probation: {
        type: 'parallel',
        on: {
          SUBMIT_SELF_REVIEW: to('recognitionReview'),
          RECORD_HELPER_COMMENTS: to('recognitionReview'),
          RECORD_RECOGNITION_COMMENTS: to('recognitionReview'),
          // Removal may be proposed at any time during the probation (Charter art. 5.2).
          RECORD_RECOGNITION_CELL_VOTE: recognitionCellVote(),
        },
        states: {
          // A probation re-entered (a removal not confirmed) finds its regions as the context records them.
          newMemberCourse: {
            initial: 'pending',
            states: {
              pending: {
                always: { guard: 'newMemberCourseDone', target: 'completed' },
                on: { RECORD_NEW_MEMBER_TRAINING: to('completed') },
              },
              completed: {},
            },
          },
          memberHistory: {
            initial: 'pending',
            states: {
              pending: {
                always: { guard: 'memberHistoryFiled', target: 'filed' },
                on: { FILE_MEMBER_HISTORY: to('filed') },
              },
              filed: {},
            },
          },
          helper: {
            initial: 'assigned',
            states: { assigned: { on: { REPLACE_HELPER: accepted } } },
          },
        },
      },
      recognitionReview: {
        on: {
          SUBMIT_SELF_REVIEW: accepted,
          RECORD_HELPER_COMMENTS: accepted,
          RECORD_RECOGNITION_COMMENTS: accepted,
          RECORD_NEW_MEMBER_TRAINING: accepted,
          FILE_MEMBER_HISTORY: accepted,
          REPLACE_HELPER: accepted,
          RECORD_RECOGNITION_CELL_VOTE: recognitionCellVote(),
        },
      },
      recognitionGrassrootsReview: {
        on: {
          RECORD_SECTION_APPRAISAL: accepted,
          RECORD_RECOGNITION_GRASSROOTS_VOTE: [
            {
              ...to('removedFromProbation'),
              guard: and(['rulesHold', 'recognitionGrassrootsVotePassed', 'delegated', 'proposesRemoval']),
            },
            { ...to('officialMember'), guard: and(['rulesHold', 'recognitionGrassrootsVotePassed', 'delegated']) },
            { ...to('recognitionDecision'), guard: and(['rulesHold', 'recognitionGrassrootsVotePassed']) },
            { ...to('escalated'), guard: and(['rulesHold', 'escalates']) },
            // A removal proposed during the probation and not confirmed: the probation goes on.
            { ...to('probation'), guard: and(['rulesHold', 'probationOngoing']) },
            to('recognitionReview'),
          ],
        },
      },
      recognitionDecision: {
        on: {
          APPROVE_DECISION: accepted,
          OBJECT_DECISION: accepted,
          EXTEND_DEADLINE: accepted,
          ISSUE_RECOGNITION: to('officialMember'),
          ISSUE_REMOVAL: to('removedFromProbation'),
        },
      },
      escalated: {
        on: {
          ISSUE_RECOGNITION: to('officialMember'),
          ISSUE_REMOVAL: to('removedFromProbation'),
        },
      },
      officialMember: { type: 'final' },
      removedFromProbation: { type: 'final' },
      rejected: { type: 'final' },
      withdrawn: { type: 'final' },
    },
  });
}

export type AdmissionMachine = ReturnType<typeof createAdmissionMachine>;

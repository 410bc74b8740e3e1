import { isDeepStrictEqual } from 'node:util';
import { transition, type AnyTransitionDefinition } from 'xstate';
import { getAdjacencyMap } from 'xstate/graph';
import type { OrgFacts } from '../src/machine/context';
import type { AdmissionEvent } from '../src/machine/admission-event';
import { definition, IDENTIFIED_ON, machine, startSnapshot, storedPart, type AdmissionSnapshot } from './dossier';
import { candidate } from './fixtures';
import { ALL_EVENT_TYPES_PRIORITISED, describeFacts, ORG_VARIANTS, plausibleEvents } from './plausible-events';
import { takenTransitions, transitionsOf, type TransitionName } from './transitions';

/**
 * Generated paths: `getAdjacencyMap` explores the machine with concrete events built from each snapshot, for each
 * kind of organisation. Snapshots are grouped by an abstraction of their context that keeps what the rules and the
 * event builder look at; the breadth-first tree over that graph gives one path to every abstract state. Each path
 * is then replayed from the initial snapshot with xstate's pure `transition()`, and every event offered at its end
 * is applied with `transition()` too: coverage counts only what those calls took.
 */

const PRE_CEREMONY = [
  'candidate',
  'assembly',
  'cellReview',
  'grassrootsReview',
  'committeeDecision',
  'awaitingCeremony',
];

function abstractKey(snapshot: AdmissionSnapshot): string {
  const c = snapshot.context;
  const r = c.recognition;
  const beforeCellVote = !c.cellResolution;
  const beforeCeremony = !c.ceremony;
  return JSON.stringify({
    value: snapshot.value,
    outcome: c.outcome?.kind ?? null,
    dossier: beforeCellVote && {
      certificate: c.certificate?.certificateNo ?? null,
      answers: c.verification.answers.length,
      introducers: c.introducers.map((i) => (i.replacement ? 'replacement' : 'introducer')),
      union: !!c.unionIntroduction,
      failedCellVote: c.votes.some((v) => v.kind === 'cell' && !v.passed),
    },
    admission: !beforeCellVote &&
      beforeCeremony && {
        appraised: !!c.sectionAppraisalOn,
        votes: c.decisionVotes.map((v) => v.approve).sort(),
        extended: !!c.extension,
        consent: !!c.ceremonyConsentOn,
      },
    recognition: !beforeCeremony && {
      course: !!c.newMemberCourse,
      memberHistory: !!c.memberHistoryOn,
      selfReview: !!r.selfReviewOn,
      helperComments: !!r.helperCommentsOn,
      comments: !!r.commentsOn,
      failedVotes: r.failedVotes,
      proposal: r.cellResolution?.proposal ?? null,
      appraised: !!r.sectionAppraisalOn,
      votes: c.decisionVotes.map((v) => v.approve).sort(),
      extended: !!r.extension,
    },
  });
}

interface Explored {
  facts: OrgFacts;
  abstractStates: number;
  edges: number;
  /** Every state node path active in some snapshot reached by `transition()`. */
  statesReached: Set<string>;
  /** Each transition taken, with the events of one path that takes it. */
  taken: Map<AnyTransitionDefinition, AdmissionEvent[]>;
  withdrawnFrom: Set<string>;
}

function explore(facts: OrgFacts): Explored {
  const input = { candidate, identifiedOn: IDENTIFIED_ON };
  const initial = startSnapshot();
  const adjacency = getAdjacencyMap(machine, {
    input,
    events: (snapshot) => plausibleEvents(snapshot, facts),
    serializeState: (snapshot) => abstractKey(snapshot),
  });

  const explored: Explored = {
    facts,
    abstractStates: Object.keys(adjacency).length,
    edges: 0,
    statesReached: new Set(initial._nodes.map((n) => n.path.join('.')).filter(Boolean)),
    taken: new Map(),
    withdrawnFrom: new Set(),
  };

  // Breadth-first over the graph: the path to each abstract state, and its snapshot replayed with `transition()`.
  const initialKey = abstractKey(initial);
  const pathTo = new Map<string, AdmissionEvent[]>([[initialKey, []]]);
  const replayed = new Map<string, AdmissionSnapshot>([[initialKey, initial]]);
  const queue = [initialKey];
  while (queue.length > 0) {
    const key = queue.shift() as string;
    const snapshot = replayed.get(key) as AdmissionSnapshot;
    const node = adjacency[key as keyof typeof adjacency];
    // The graph expanded this abstract state from a snapshot; the path must lead to that very snapshot.
    expect(storedPart(snapshot)).toEqual(storedPart(node.state as AdmissionSnapshot));

    for (const edge of Object.values(node.transitions)) {
      const sent = edge.event as AdmissionEvent;
      const [next] = transition(machine, snapshot, sent);
      explored.edges += 1;
      expect(abstractKey(next)).toBe(abstractKey(edge.state as AdmissionSnapshot));
      const path = [...(pathTo.get(key) as AdmissionEvent[]), sent];
      for (const taken of takenTransitions(machine, snapshot, sent))
        if (!explored.taken.has(taken)) explored.taken.set(taken, path);
      for (const active of next._nodes) explored.statesReached.add(active.path.join('.'));
      if (sent.type === 'WITHDRAW' && next.matches('withdrawn'))
        PRE_CEREMONY.filter((s) => snapshot.matches(s as never)).forEach((s) => explored.withdrawnFrom.add(s));

      const nextKey = abstractKey(next);
      if (!pathTo.has(nextKey)) {
        pathTo.set(nextKey, path);
        replayed.set(nextKey, next);
        queue.push(nextKey);
      }
    }
    // Before the ceremony a dossier can always be withdrawn; after it, never.
    const withdrawable = definition.handledEvents(snapshot).includes('WITHDRAW');
    expect([key, withdrawable]).toEqual([key, !snapshot.context.ceremony && snapshot.status === 'active']);
  }
  expect(pathTo.size).toBe(explored.abstractStates);
  return explored;
}

describe('generated paths through the admission statechart', () => {
  const allStates = definition.states.map((s) => s.path);
  const allTransitions = transitionsOf(machine);
  let explored: Explored[] = [];

  beforeAll(() => {
    explored = ORG_VARIANTS.map(explore);
  });

  it('builds events for every event type', () => {
    expect(ALL_EVENT_TYPES_PRIORITISED).toBe(true);
  });

  it('knows every state node and transition of the definition', () => {
    // The definition lists every state node, parallel regions and their substates included.
    expect(allStates).toHaveLength(38);
    expect(allStates).toEqual(expect.arrayContaining(['assembly.application.verifying', 'probation.helper.assigned']));
    expect(new Set(allTransitions.map((t) => t.id)).size).toBe(allTransitions.length);
  });

  it('reaches every state node and takes every transition', () => {
    const reached = new Set(explored.flatMap((e) => [...e.statesReached]));
    const taken = new Map<AnyTransitionDefinition, AdmissionEvent[]>();
    for (const e of explored) for (const [t, path] of e.taken) if (!taken.has(t)) taken.set(t, path);

    const missingStates = allStates.filter((s) => !reached.has(s));
    const missingTransitions = allTransitions.filter((t: TransitionName) => !taken.has(t.definition)).map((t) => t.id);
    const summary =
      `states ${allStates.length - missingStates.length}/${allStates.length}, ` +
      `transitions ${allTransitions.length - missingTransitions.length}/${allTransitions.length} ` +
      `(${explored.map((e) => `${describeFacts(e.facts)}: ${e.abstractStates} abstract states, ${e.edges} events`).join('; ')})`;
    console.log(`admission path coverage: ${summary}`);

    expect({ missingStates, missingTransitions }).toEqual({ missingStates: [], missingTransitions: [] });
  });

  it('replays, from a new dossier, one path per transition that ends by taking it', () => {
    const witnesses = new Map<AnyTransitionDefinition, AdmissionEvent[]>();
    for (const e of explored) for (const [t, path] of e.taken) if (!witnesses.has(t)) witnesses.set(t, path);
    for (const t of allTransitions) {
      const path = witnesses.get(t.definition) as AdmissionEvent[];
      let snapshot = startSnapshot();
      path.slice(0, -1).forEach((sent) => ([snapshot] = transition(machine, snapshot, sent)));
      const last = path[path.length - 1];
      expect([t.id, takenTransitions(machine, snapshot, last).includes(t.definition)]).toEqual([t.id, true]);
      // The event really moves the dossier: the engine would store it.
      expect(storedPart(transition(machine, snapshot, last)[0])).not.toEqual(storedPart(snapshot));
    }
    const longest = Math.max(...[...witnesses.values()].map((path) => path.length));
    expect(longest).toBeLessThan(60);
  });

  it('withdraws from every state before the ceremony', () => {
    const withdrawnFrom = new Set(explored.flatMap((e) => [...e.withdrawnFrom]));
    expect([...withdrawnFrom].sort()).toEqual([...PRE_CEREMONY].sort());
  });

  it('takes each organisation-specific branch only where it applies', () => {
    const takenIn = (facts: OrgFacts) => {
      const e = explored.find((x) => isDeepStrictEqual(x.facts, facts)) as Explored;
      return new Set(allTransitions.filter((t) => e.taken.has(t.definition)).map((t) => t.id));
    };
    const [plain, delegated, withSection] = [ORG_VARIANTS[0], ORG_VARIANTS[1], ORG_VARIANTS[2]].map(takenIn);
    const shortcut = 'grassrootsReview --RECORD_GRASSROOTS_VOTE--> awaitingCeremony (alternative 1)';
    const appraisal = 'grassrootsReview --RECORD_SECTION_APPRAISAL--> (stays)';
    expect([plain.has(shortcut), delegated.has(shortcut)]).toEqual([false, true]);
    expect([plain.has(appraisal), withSection.has(appraisal)]).toEqual([false, true]);
    expect(delegated.has('committeeDecision --ISSUE_DECISION--> awaitingCeremony')).toBe(false);
  });
});

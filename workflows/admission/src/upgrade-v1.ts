import type { AdmissionContext, Vote, VoteKind } from './machine/context';

type V1Vote = Omit<Vote, 'kind'>;

/** The v1 context: votes kept per step (failed admission cell votes were refused, not kept). */
export interface V1Context extends Omit<
  AdmissionContext,
  | 'votes'
  | 'ageException'
  | 'committeeSize'
  | 'decisionReceivedOn'
  | 'cellResolution'
  | 'grassrootsVote'
  | 'recognition'
> {
  cellResolution: V1Vote | null;
  grassrootsVote: V1Vote | null;
  recognition: Omit<AdmissionContext['recognition'], 'cellResolution' | 'grassrootsVote'> & {
    cellVotes: V1Vote[];
    cellResolution: V1Vote | null;
    grassrootsVote: V1Vote | null;
  };
}

const kinded = (kind: VoteKind, vote: V1Vote | null): Vote | null => (vote ? { ...vote, kind } : null);

/**
 * A running v1 dossier as version 2 reads it: its votes gathered in one list (in the order they were held), and
 * the new facts (age exception, decision receipt, committee size) not yet recorded.
 */
export function upgradeV1Context(v1: V1Context): AdmissionContext {
  const { cellVotes, ...recognition } = v1.recognition;
  const votes = [
    kinded('cell', v1.cellResolution),
    kinded('grassroots', v1.grassrootsVote),
    ...cellVotes.map((vote) => kinded('recognitionCell', vote)),
    kinded('recognitionGrassroots', recognition.grassrootsVote),
  ].filter((vote): vote is Vote => vote !== null);
  return {
    ...v1,
    votes,
    ageException: null,
    committeeSize: null,
    decisionReceivedOn: null,
    cellResolution: kinded('cell', v1.cellResolution),
    grassrootsVote: kinded('grassroots', v1.grassrootsVote),
    recognition: {
      ...recognition,
      cellResolution: kinded('recognitionCell', recognition.cellResolution),
      grassrootsVote: kinded('recognitionGrassroots', recognition.grassrootsVote),
    },
  };
}

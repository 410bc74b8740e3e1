import { initialContext, type AdmissionContext } from '../src/machine/context';
import { upgradeV1Context, type V1Context } from '../src/upgrade-v1';
import { machine } from './dossier';
import { candidate } from './fixtures';

/** A v1 context in recognition review: its votes kept per step, two recognition cell votes failed then passed. */
function v1Context(): V1Context {
  const {
    votes: _votes,
    ageException: _ageException,
    committeeSize: _committeeSize,
    decisionReceivedOn: _decisionReceivedOn,
    ...base
  } = initialContext({ candidate, identifiedOn: '2023-01-02' }) as AdmissionContext;
  const vote = (on: string, inFavour: number, passed: boolean) => ({
    on,
    base: 11,
    inFavour,
    against: 11 - inFavour,
    passed,
  });
  return {
    ...base,
    cellResolution: vote('2023-03-01', 9, true),
    grassrootsVote: { ...vote('2023-03-10', 7, true), base: 9, against: 2 },
    recognition: {
      ...base.recognition,
      cellVotes: [vote('2024-05-02', 6, false), { ...vote('2024-05-20', 9, true), proposal: 'recognise' }],
      failedVotes: 1,
      cellResolution: { ...vote('2024-05-20', 9, true), proposal: 'recognise' },
      grassrootsVote: null,
    },
  };
}

describe('moving a running v1 dossier to v2', () => {
  it('gathers its votes in one list, in the order they were held, and leaves the new facts empty', () => {
    const upgraded = upgradeV1Context(v1Context());
    expect(upgraded.votes.map((v) => [v.kind, v.on, v.passed])).toEqual([
      ['cell', '2023-03-01', true],
      ['grassroots', '2023-03-10', true],
      ['recognitionCell', '2024-05-02', false],
      ['recognitionCell', '2024-05-20', true],
    ]);
    expect(upgraded.recognition).not.toHaveProperty('cellVotes');
    expect(upgraded.recognition.cellResolution).toMatchObject({ kind: 'recognitionCell', proposal: 'recognise' });
    expect(upgraded).toMatchObject({ ageException: null, committeeSize: null, decisionReceivedOn: null });
  });

  it('gives a snapshot the v2 machine restores', () => {
    const snapshot = machine.resolveState({
      value: 'recognitionGrassrootsReview',
      context: upgradeV1Context(v1Context()),
    });
    expect(snapshot.matches('recognitionGrassrootsReview')).toBe(true);
    expect(snapshot.context.votes).toHaveLength(4);
  });
});

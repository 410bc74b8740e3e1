import { payloadOf } from '../machine/admission-event';
import { thresholdOf, violation, type RuleCheck } from './rule-check';

type VoteEvent =
  'RECORD_CELL_VOTE' | 'RECORD_GRASSROOTS_VOTE' | 'RECORD_RECOGNITION_CELL_VOTE' | 'RECORD_RECOGNITION_GRASSROOTS_VOTE';

export function voteOf(event: Parameters<RuleCheck>[0]['event']) {
  const vote = payloadOf(event, event.type as VoteEvent) as { inFavour: number; against: number } & (
    { officialMembers: number } | { committeeMembers: number }
  );
  const base = 'officialMembers' in vote ? vote.officialMembers : vote.committeeMembers;
  return { base, inFavour: vote.inFavour, against: vote.against };
}

export const voteCountsConsistent: RuleCheck = ({ event }) => {
  const { base, inFavour, against } = voteOf(event);
  return inFavour + against > base
    ? violation(
        'vote.counts',
        `Số phiếu tán thành (${inFavour}) và không tán thành (${against}) vượt quá số thành viên (${base}).`,
        `Votes in favour (${inFavour}) and against (${against}) exceed the number of members (${base}).`,
        'Quy định thi hành Điều lệ Đảng §9.3',
      )
    : null;
};

export function votePasses(base: number, inFavour: number, fraction: [number, number]): boolean {
  return inFavour >= thresholdOf(base, fraction);
}

import { Form, Typography } from 'antd';
import { thresholdOf } from '@workflows/admission/rules/rule-check';
import { usePolicies } from '../../../api/queries';
import { todayIso } from '../../../format/dates';

/** Which count a vote is judged against, and by which policy fraction. */
const VOTES: Record<string, { base: string; fraction: 'cellVoteFraction' | 'grassrootsVoteFraction' }> = {
  RECORD_CELL_VOTE: { base: 'officialMembers', fraction: 'cellVoteFraction' },
  RECORD_RECOGNITION_CELL_VOTE: { base: 'officialMembers', fraction: 'cellVoteFraction' },
  RECORD_GRASSROOTS_VOTE: { base: 'committeeMembers', fraction: 'grassrootsVoteFraction' },
  RECORD_RECOGNITION_GRASSROOTS_VOTE: { base: 'committeeMembers', fraction: 'grassrootsVoteFraction' },
};

export const isVote = (type: string) => type in VOTES;

/**
 * "cần ít nhất 8/11 phiếu tán thành", live as the counts are typed, from the policy in force on the vote's date
 * (the server judges again when it records). A vote below it is recorded as failed, as the procedure says.
 */
export function VoteThreshold({ type }: { type: string }) {
  const vote = VOTES[type];
  const form = Form.useFormInstance();
  const base = Form.useWatch(vote.base, form) as number | undefined;
  const inFavour = Form.useWatch('inFavour', form) as number | undefined;
  const against = Form.useWatch('against', form) as number | undefined;
  const on = (Form.useWatch('occurredOn', form) as string | undefined) ?? todayIso();
  const policies = usePolicies();
  const inForce = policies.data?.filter((policy) => policy.effectiveFrom <= on).at(-1);
  const fraction = inForce?.parameters[vote.fraction];
  if (!base || !fraction) return null;
  const needed = thresholdOf(base, fraction.value);
  const passes = inFavour !== undefined && inFavour !== null ? inFavour >= needed : null;
  // More ballots than voters is a typing slip the server refuses: say so rather than "passed".
  const cast = (inFavour ?? 0) + (against ?? 0);
  const overCount = cast > base;
  return (
    <div aria-live="polite" style={{ marginBottom: 16 }}>
      <Typography.Text strong>
        cần ít nhất {needed}/{base} phiếu tán thành
      </Typography.Text>{' '}
      <Typography.Text type="secondary">
        ({fraction.value[0]}/{fraction.value[1]}, {fraction.citation})
      </Typography.Text>
      {overCount ? (
        <div>
          <Typography.Text type="danger">
            Tổng số phiếu ({cast}) nhiều hơn số người có quyền biểu quyết ({base}).
          </Typography.Text>
        </div>
      ) : (
        passes !== null && (
          <div>
            <Typography.Text type={passes ? 'success' : 'danger'}>
              {passes ? 'Đủ số phiếu: biểu quyết đạt.' : 'Chưa đủ số phiếu: sẽ ghi nhận là biểu quyết không đạt.'}
            </Typography.Text>
          </div>
        )
      )}
    </div>
  );
}

import type { AdmissionContext } from './machine/context';
import { policyVersionOn } from './policy/policy-versions';

interface Snapshot {
  context: AdmissionContext;
  matches(path: string): boolean;
}

/** Every vote of the dossier, passed or failed, as the view shows them. */
export function votesOf(context: AdmissionContext) {
  return context.votes.map(({ kind, on, base, inFavour, against, passed }) => ({
    kind,
    occurredOn: on,
    members: base,
    inFavour,
    against,
    passed,
  }));
}

/**
 * Where the standing committee's members approve or object: the approvals so far, how many the decision needs
 * (more than half of the committee) and the committee's size, or null when no decision awaits them.
 */
export function pendingApprovals({ context, matches }: Snapshot) {
  const pending = matches('committeeDecision') || (matches('recognitionDecision') && !context.recognition.escalatedOn);
  if (!pending) return null;
  // Only members of the deciding body can record these (decidingBodyRefusal), so every recorded one counts.
  const approvals = context.decisionVotes.filter((vote) => vote.approve).length;
  const objections = context.decisionVotes.length - approvals;
  const [numerator, denominator] = policyVersionOn(context.lastOn).parameters.committeeMajorityFraction.value;
  const size = context.committeeSize;
  return {
    inFavour: approvals,
    objections,
    required: size ? Math.floor((size * numerator) / denominator) + 1 : null,
    /** How many sit on the deciding body: the approvals so far are out of this. */
    members: size,
  };
}

import { z } from 'zod';
import {
  PolicyInputError,
  type PolicyAdministration,
  type PolicyAmendment,
  type StoredPolicy,
} from '@workflows/common/policy-administration';
import type { Confidence, Parameter, PolicyParameters, PolicyVersion } from './policy';
import { POLICY_VERSIONS, usePolicyVersions } from './policy-versions';

const days = z.number().int().min(1).max(1000);
const months = z.number().int().min(1).max(1200);
const education = z.enum(['primary', 'lowerSecondary', 'upperSecondary']);
const fraction = z
  .tuple([z.number().int().min(1), z.number().int().min(1)])
  .refine(([numerator, denominator]) => numerator <= denominator, { message: 'a fraction of at most 1' });

/** What each parameter's value may be: an unknown name or a value of the wrong kind is refused. */
const VALUE_SCHEMAS: Record<keyof PolicyParameters, z.ZodType> = {
  minAgeMonths: months,
  maxAgeMonths: months,
  minGeneralEducation: education,
  exceptionGeneralEducation: education,
  certificateValidityMonths: months,
  introducerKnownMonths: months,
  cellVoteFraction: fraction,
  grassrootsVoteFraction: fraction,
  committeeMajorityFraction: fraction,
  admissionDecisionWorkingDays: days,
  decisionExtensionWorkingDays: days,
  ceremonyWorkingDays: days,
  memberHistoryWorkingDays: days,
  probationMonths: months,
  recognitionReviewWorkingDays: days,
  recognitionDecisionWorkingDays: days,
  failedVotesBeforeEscalation: z.number().int().min(1).max(20),
  reminderLeadWorkingDays: z.number().int().min(0).max(100),
  verificationAnswerWorkingDays: days,
  paperValidityMonths: months,
  youthAgeFromMonths: months,
  youthAgeUntilMonths: months,
};
const CONFIDENCE = z.enum(['quoted', 'secondary', 'quiz', 'unconfirmed']);

const stored = (version: PolicyVersion): StoredPolicy => ({
  version: version.id,
  effectiveFrom: version.effectiveFrom,
  parameters: version.parameters as unknown as Record<string, unknown>,
  citation: version.title,
});

const fromStored = (policy: StoredPolicy): PolicyVersion => ({
  id: policy.version,
  title: policy.citation,
  effectiveFrom: policy.effectiveFrom,
  parameters: policy.parameters as unknown as PolicyParameters,
});

/** A change given as a bare value, or as {value, citation?, confidence?}. */
function parseChange(name: string, change: unknown, citation: string, previous: Parameter<unknown>) {
  const given = (
    typeof change === 'object' && change !== null && !Array.isArray(change) ? change : { value: change }
  ) as {
    value?: unknown;
    citation?: unknown;
    confidence?: unknown;
  };
  const issues: { path: string; message: string }[] = [];
  const value = VALUE_SCHEMAS[name as keyof PolicyParameters].safeParse(given.value);
  if (!value.success) issues.push(...value.error.issues.map((i) => ({ path: `${name}.value`, message: i.message })));
  const confidence = CONFIDENCE.optional().safeParse(given.confidence);
  if (!confidence.success)
    issues.push({ path: `${name}.confidence`, message: 'quoted | secondary | quiz | unconfirmed' });
  const ownCitation = z.string().trim().min(1).max(500).optional().safeParse(given.citation);
  if (!ownCitation.success) issues.push({ path: `${name}.citation`, message: 'a citation of 1 to 500 characters' });
  if (issues.length) return { issues };
  const parameter: Parameter<unknown> = {
    value: value.data,
    citation: ownCitation.data ?? citation,
    confidence: (confidence.data ?? previous.confidence) as Confidence,
  };
  return { parameter };
}

/** The same value, and no other citation or confidence stated. */
function sameAs(previous: Parameter<unknown>, next: Parameter<unknown>, given: unknown): boolean {
  const stated = (typeof given === 'object' && given !== null && !Array.isArray(given) ? given : {}) as {
    citation?: unknown;
    confidence?: unknown;
  };
  return (
    JSON.stringify(previous.value) === JSON.stringify(next.value) &&
    (stated.citation === undefined || stated.citation === previous.citation) &&
    (stated.confidence === undefined || stated.confidence === previous.confidence)
  );
}

/** The admission workflow's policies, administered through the application. */
export const admissionPolicies: PolicyAdministration = {
  builtIn: POLICY_VERSIONS.map(stored),
  use: (versions) =>
    usePolicyVersions([...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom)).map(fromStored)),
  amend(base, changes, citation): PolicyAmendment {
    const parameters = { ...(base.parameters as Record<string, Parameter<unknown>>) };
    const changed: PolicyAmendment['changed'] = {};
    const issues: { path: string; message: string }[] = [];
    let onlyUnconfirmed = true;
    for (const [name, change] of Object.entries(changes)) {
      if (!(name in VALUE_SCHEMAS)) {
        issues.push({ path: name, message: 'không có tham số này / unknown parameter' });
        continue;
      }
      const previous = parameters[name];
      const parsed = parseChange(name, change, citation, previous);
      if (parsed.issues) {
        issues.push(...parsed.issues);
        continue;
      }
      // A parameter given as it already is (a client sending back the whole set) changes nothing.
      if (sameAs(previous, parsed.parameter, change)) continue;
      if (previous.confidence !== 'unconfirmed') onlyUnconfirmed = false;
      parameters[name] = parsed.parameter;
      changed[name] = { from: previous.value, to: parsed.parameter.value };
    }
    if (issues.length) throw new PolicyInputError(issues);
    if (Object.keys(changed).length === 0)
      throw new PolicyInputError([{ path: 'parameters', message: 'không có tham số nào thay đổi / nothing changes' }]);
    return { parameters, changed, onlyUnconfirmed };
  },
};

import type { WorkingDaysPort } from '@workflows/common/working-days-port';
import type { RuleViolation } from '@workflows/common/workflow-definition';
import type { AdmissionContext } from '../machine/context';
import type { AdmissionEvent } from '../machine/admission-event';
import type { PolicyParameters } from '../policy/policy';

export interface RuleInput {
  context: AdmissionContext;
  event: AdmissionEvent;
  policy: PolicyParameters;
  calendar: WorkingDaysPort;
}

/** A rule returns null when it holds, or the violation with its stable id, messages and citation. */
export type RuleCheck = (input: RuleInput) => RuleViolation | null;

export function violation(rule: string, vi: string, en: string, citation: string): RuleViolation {
  return { rule, message: { vi, en }, citation };
}

export function firstViolation(checks: readonly RuleCheck[], input: RuleInput): RuleViolation | null {
  for (const check of checks) {
    const found = check(input);
    if (found) return found;
  }
  return null;
}

/** ceil(fraction × base) without floating point: 2/3 of 11 is 8. */
export function thresholdOf(base: number, [numerator, denominator]: [number, number]): number {
  return Math.floor((numerator * base + denominator - 1) / denominator);
}

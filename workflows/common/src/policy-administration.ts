import type { LocalDate } from './local-date';

/** A policy version as the application stores it: the workflow alone knows what its parameters mean. */
export interface StoredPolicy {
  version: string;
  effectiveFrom: LocalDate;
  parameters: Record<string, unknown>;
  citation: string;
}

/** A new version's parameters: the base version's with some changed, and which. */
export interface PolicyAmendment {
  parameters: Record<string, unknown>;
  changed: Record<string, { from: unknown; to: unknown }>;
  /** Every changed parameter was marked unconfirmed in the base version: a correction, allowed with a past date. */
  onlyUnconfirmed: boolean;
}

export class PolicyInputError extends Error {
  constructor(readonly issues: { path: string; message: string }[]) {
    super('The policy parameters are malformed');
  }
}

/**
 * How a workflow's legal numbers are administered without a deploy: the versions it is built with seed the store,
 * the engine passes the stored versions in before judging, and a new version amends the one it follows.
 */
export interface PolicyAdministration {
  builtIn: readonly StoredPolicy[];
  /** The versions to judge with from now on (every version, any order). */
  use(versions: readonly StoredPolicy[]): void;
  /** Applies `changes` (parameter name → value, or {value, citation?, confidence?}) to `base`; throws PolicyInputError. */
  amend(base: StoredPolicy, changes: Record<string, unknown>, citation: string): PolicyAmendment;
}

import type { LocalDate } from '@workflows/common/local-date';
import type { AdmissionContext } from './machine/context';
import { probationEndsOn } from './machine/due-dates';

/**
 * Dates the system derives (domain.md): admission date = ceremony; party age counts from the signed decision;
 * official from = the end of the 12 months, even when recognised late.
 */
export function derivedDates(context: AdmissionContext): Record<string, LocalDate | null> {
  const removed = context.outcome?.kind === 'removedFromProbation';
  return {
    identifiedOn: context.identifiedOn,
    cellResolutionOn: context.cellResolution?.on ?? null,
    decisionOn: context.decision?.signedOn ?? null,
    admittedOn: context.ceremony?.on ?? null,
    partyAgeFrom: removed ? null : (context.decision?.signedOn ?? null),
    probationEndsOn: probationEndsOn(context),
    officialFrom:
      context.outcome?.kind === 'officialMember' ? (context.outcome.officialFrom ?? probationEndsOn(context)) : null,
    closedOn: context.outcome?.on ?? null,
  };
}

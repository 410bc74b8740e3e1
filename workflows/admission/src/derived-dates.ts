import type { LocalDate } from '@workflows/common/local-date';
import type { AdmissionContext } from './machine/context';
import { probationEndsOn } from './machine/due-dates';

/**
 * Dates the system derives (domain.md): admission date = ceremony; party age counts from the signed decision, once
 * the member is official;
 * official from = the end of the 12 months, even when recognised late.
 */
export function derivedDates(context: AdmissionContext): Record<string, LocalDate | null> {
  // Party age belongs to official members only (Charter art. 5.4): none during the probation.
  const official = context.outcome?.kind === 'officialMember';
  return {
    identifiedOn: context.identifiedOn,
    cellResolutionOn: context.cellResolution?.on ?? null,
    decisionOn: context.decision?.signedOn ?? null,
    admittedOn: context.ceremony?.on ?? null,
    partyAgeFrom: official ? (context.decision?.signedOn ?? null) : null,
    probationEndsOn: probationEndsOn(context),
    officialFrom:
      context.outcome?.kind === 'officialMember' ? (context.outcome.officialFrom ?? probationEndsOn(context)) : null,
    closedOn: context.outcome?.on ?? null,
  };
}

import { addMonths, type LocalDate } from '@workflows/common/local-date';
import type { WorkingDaysPort } from '@workflows/common/working-days-port';
import { policyVersionOn } from '../policy/policy-versions';
import type { AdmissionContext, Extension } from './context';

/** Deadlines are counted with the policy in force on the date they start from. */
const policyAt = (date: LocalDate) => policyVersionOn(date).parameters;

function withExtension(calendar: WorkingDaysPort, anchor: LocalDate, days: number, extension: Extension | null) {
  const extra = extension ? policyAt(anchor).decisionExtensionWorkingDays.value : 0;
  return calendar.addWorkingDays(anchor, days + extra);
}

export function admissionDecisionDueOn(context: AdmissionContext, calendar: WorkingDaysPort): LocalDate | null {
  const anchor = context.cellResolution?.on;
  if (!anchor) return null;
  return withExtension(calendar, anchor, policyAt(anchor).admissionDecisionWorkingDays.value, context.extension);
}

/** The ceremony's 30 working days run from the cell's receipt of the decision, else from its signing (29-QĐ/TW §4.1). */
export function ceremonyAnchorOn(context: AdmissionContext): LocalDate | null {
  return context.decisionReceivedOn ?? context.decision?.signedOn ?? null;
}

export function ceremonyDueOn(context: AdmissionContext, calendar: WorkingDaysPort): LocalDate | null {
  const anchor = ceremonyAnchorOn(context);
  return anchor ? calendar.addWorkingDays(anchor, policyAt(anchor).ceremonyWorkingDays.value) : null;
}

export function probationEndsOn(context: AdmissionContext): LocalDate | null {
  const anchor = context.ceremony?.on;
  return anchor ? addMonths(anchor, policyAt(anchor).probationMonths.value) : null;
}

export function memberHistoryDueOn(context: AdmissionContext, calendar: WorkingDaysPort): LocalDate | null {
  const anchor = context.ceremony?.on;
  return anchor ? calendar.addWorkingDays(anchor, policyAt(anchor).memberHistoryWorkingDays.value) : null;
}

export function recognitionReviewDueOn(context: AdmissionContext, calendar: WorkingDaysPort): LocalDate | null {
  const anchor = probationEndsOn(context);
  return anchor ? calendar.addWorkingDays(anchor, policyAt(anchor).recognitionReviewWorkingDays.value) : null;
}

export function recognitionDecisionDueOn(context: AdmissionContext, calendar: WorkingDaysPort): LocalDate | null {
  const anchor = context.recognition.cellResolution?.on;
  if (!anchor) return null;
  const days = policyAt(anchor).recognitionDecisionWorkingDays.value;
  return withExtension(calendar, anchor, days, context.recognition.extension);
}

/** The day the awareness certificate is no longer valid: its 60 months are complete. */
export function certificateExpiresOn(context: AdmissionContext): LocalDate | null {
  const issued = context.certificate?.issuedOn;
  return issued ? addMonths(issued, policyAt(issued).certificateValidityMonths.value) : null;
}

export function verificationAnswerDueOn(context: AdmissionContext, calendar: WorkingDaysPort): LocalDate | null {
  const anchor = context.verification.startedOn;
  return anchor ? calendar.addWorkingDays(anchor, policyAt(anchor).verificationAnswerWorkingDays.value) : null;
}

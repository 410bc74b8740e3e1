export { admissionWorkflow, ADMISSION_WORKFLOW, ADMISSION_VERSION } from './admission.workflow';
export { createAdmissionMachine, ADMISSION_MACHINE_ID } from './machine/admission.machine';
export type { AdmissionContext, OrgFacts, Candidate } from './machine/context';
export type { AdmissionEvent } from './machine/admission-event';
export { EVENT_TYPES, eventSchema, candidateSchema, type EventType } from './events/event-schemas';
export { EVENT_CATALOG } from './events/event-catalog';
export { POLICY_VERSIONS, policyVersionOn } from './policy/policy-versions';
export type { PolicyVersion, PolicyParameters } from './policy/policy';
export { STATE_LABELS } from './states/state-labels';

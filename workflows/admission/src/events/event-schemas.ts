import { z } from 'zod';
import { isLocalDate } from '@workflows/common/local-date';
import { visibleText } from '@workflows/common/visible-text';
import { EDUCATION_EXCEPTION_AREAS, EDUCATION_LEVELS, GENERAL_EDUCATION, RELATIONS } from '../machine/context';

/** The years a dossier can concern; the holiday calendar is not defined far outside them. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2199;

export const localDate = z.iso
  .date()
  .refine(isLocalDate, { message: 'Ngày phải có dạng YYYY-MM-DD và có thật / date must be a real YYYY-MM-DD date' })
  .refine((date) => Number(date.slice(0, 4)) >= FIRST_YEAR && Number(date.slice(0, 4)) <= LAST_YEAR, {
    message: `Năm phải từ ${FIRST_YEAR} đến ${LAST_YEAR} / the year must be ${FIRST_YEAR}–${LAST_YEAR}`,
  });
const text = visibleText(500);
const count = z.number().int().min(0).max(10_000);

const voteCounts = { inFavour: count, against: count };

/** Số định danh cá nhân (Luật Căn cước 2023): twelve digits. */
export const nationalId = z
  .string()
  .regex(/^\d{12}$/, { message: 'Số định danh cá nhân gồm đúng 12 chữ số / nationalId is 12 digits' });

export const candidateSchema = z.strictObject({
  fullName: visibleText(200),
  nationalId: nationalId.optional(),
  dateOfBirth: localDate,
  gender: z.enum(['male', 'female']),
  ethnicity: visibleText(100),
  religion: visibleText(100),
  educationLevel: z.enum(EDUCATION_LEVELS),
  generalEducation: z.enum(GENERAL_EDUCATION),
  educationException: z
    .strictObject({ area: z.enum(EDUCATION_EXCEPTION_AREAS), note: z.string().max(500).optional() })
    .nullable()
    .optional(),
  occupation: visibleText(100),
  youthUnionMember: z.boolean(),
  workplace: z.string().max(300).optional(),
  residence: z.string().max(300).optional(),
  helperName: z.string().max(200).optional(),
});

/** A new dossier must say who the candidate is: one open dossier per person. */
export const creationSchema = z.strictObject({ candidate: candidateSchema.extend({ nationalId }) });

/** Payload schemas by event type, without `type` and `occurredOn`, which every event carries. */
export const PAYLOAD_SCHEMAS = {
  RECORD_AWARENESS_CERTIFICATE: { certificateNo: text, issuedOn: localDate, issuer: text },
  SUBMIT_APPLICATION: {},
  SUBMIT_PERSONAL_HISTORY: {
    relatives: z
      .array(z.strictObject({ relation: z.enum(RELATIONS), fullName: text, partyMember: z.boolean() }))
      .max(50),
  },
  START_VERIFICATION: {},
  RECORD_VERIFICATION_ANSWER: { subject: text, adverse: z.boolean(), note: z.string().max(2000).optional() },
  CONCLUDE_VERIFICATION: { passed: z.boolean(), note: z.string().max(2000).optional() },
  ADD_INTRODUCER: {
    memberName: text,
    officialSince: localDate,
    knownSince: localDate,
    replacement: z.boolean().optional(),
    replaces: z.string().max(200).optional(),
  },
  RECORD_UNION_INTRODUCTION: { union: z.enum(['youth', 'trade']), resolutionNo: text },
  RECORD_COMMENTS: {},
  RECORD_CELL_VOTE: { officialMembers: count.min(1), ...voteCounts, resolutionNo: z.string().max(100).optional() },
  RECORD_SECTION_APPRAISAL: {},
  RECORD_GRASSROOTS_VOTE: { committeeMembers: count.min(1), ...voteCounts, decisionNo: z.string().max(100).optional() },
  APPROVE_DECISION: { note: z.string().max(2000).optional() },
  OBJECT_DECISION: { note: text },
  ISSUE_DECISION: { decisionNo: text },
  REFUSE_ADMISSION: { reason: text },
  EXTEND_DEADLINE: { reason: text },
  RECORD_CEREMONY_CONSENT: {},
  HOLD_CEREMONY: { helperName: text },
  RECORD_NEW_MEMBER_TRAINING: { certificateNo: text },
  FILE_MEMBER_HISTORY: {},
  REPLACE_HELPER: { helperName: text },
  SUBMIT_SELF_REVIEW: {},
  RECORD_HELPER_COMMENTS: {},
  RECORD_RECOGNITION_COMMENTS: {},
  RECORD_RECOGNITION_CELL_VOTE: {
    officialMembers: count.min(1),
    ...voteCounts,
    proposal: z.enum(['recognise', 'remove']),
    /** Why the member no longer qualifies: required with a removal proposal. */
    reason: text.optional(),
    resolutionNo: z.string().max(100).optional(),
  },
  RECORD_RECOGNITION_GRASSROOTS_VOTE: {
    committeeMembers: count.min(1),
    ...voteCounts,
    decisionNo: z.string().max(100).optional(),
  },
  ISSUE_RECOGNITION: { decisionNo: text },
  ISSUE_REMOVAL: { decisionNo: text, reason: text },
  WITHDRAW: { reason: text },
  RECORD_DECISION_RECEIVED: {},
  RECORD_AGE_EXCEPTION: { decisionNo: text, authority: text },
  AMEND_CANDIDATE: {
    changes: candidateSchema.partial().refine((changes) => Object.keys(changes).length > 0, {
      message: 'Cần ít nhất một thay đổi / nothing to change',
    }),
    reason: text,
  },
  VOID_LAST_EVENT: { reason: text },
} as const satisfies Record<string, z.ZodRawShape>;

export type EventType = keyof typeof PAYLOAD_SCHEMAS;
export const EVENT_TYPES = Object.keys(PAYLOAD_SCHEMAS) as EventType[];

/** The stored part of an event: its type, its real-world date and its payload. */
export function eventSchema<T extends EventType>(type: T) {
  return z.strictObject({ type: z.literal(type), occurredOn: localDate, ...PAYLOAD_SCHEMAS[type] });
}

export type AdmissionEventPayload<T extends EventType = EventType> = z.infer<ReturnType<typeof eventSchema<T>>>;

import { z } from 'zod';
import { isLocalDate } from '@workflows/common/local-date';
import { visibleText } from '@workflows/common/visible-text';
import {
  EDUCATION_LEVEL_LABELS,
  GENDER_LABELS,
  GENERAL_EDUCATION_LABELS,
  OCCUPATION_LABELS,
} from '../candidate-labels';
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

/** Every field carries its Vietnamese title (`.meta({ title })`): the web application labels its forms with them. */
const voteCounts = {
  inFavour: count.meta({ title: 'Số phiếu tán thành' }),
  against: count.meta({ title: 'Số phiếu không tán thành' }),
};
const reason = () => text.meta({ title: 'Lý do' });

/** Số định danh cá nhân (Luật Căn cước 2023): twelve digits. */
export const nationalId = z
  .string()
  .regex(/^\d{12}$/, { message: 'Số định danh cá nhân gồm đúng 12 chữ số / nationalId is 12 digits' });

const NATIONAL_ID_HINT = 'Đúng 12 chữ số, như trên thẻ căn cước';

export const candidateSchema = z.strictObject({
  fullName: visibleText(200).meta({ title: 'Họ và tên' }),
  nationalId: nationalId.optional().meta({ title: 'Số định danh cá nhân', description: NATIONAL_ID_HINT }),
  dateOfBirth: localDate.meta({ title: 'Ngày sinh' }),
  gender: z.enum(['male', 'female']).meta({ title: 'Giới tính', optionLabels: GENDER_LABELS }),
  ethnicity: visibleText(100).meta({ title: 'Dân tộc' }),
  religion: visibleText(100).meta({ title: 'Tôn giáo' }),
  educationLevel: z.enum(EDUCATION_LEVELS).meta({
    title: 'Trình độ chuyên môn',
    optionLabels: EDUCATION_LEVEL_LABELS,
  }),
  generalEducation: z.enum(GENERAL_EDUCATION).meta({
    title: 'Trình độ giáo dục phổ thông',
    optionLabels: GENERAL_EDUCATION_LABELS,
  }),
  educationException: z
    .strictObject({
      area: z.enum(EDUCATION_EXCEPTION_AREAS).meta({
        title: 'Vùng được áp dụng',
        optionLabels: {
          mountain: 'Miền núi',
          border: 'Biên giới',
          island: 'Hải đảo',
          ethnicMinority: 'Vùng đồng bào dân tộc thiểu số',
          especiallyDifficult: 'Vùng đặc biệt khó khăn',
          fishermanAtSea: 'Ngư dân thường xuyên làm việc trên biển',
        },
      }),
      note: z.string().max(500).optional().meta({ title: 'Ghi chú' }),
    })
    .nullable()
    .optional()
    .meta({ title: 'Ngoại lệ về trình độ học vấn' }),
  occupation: visibleText(100).meta({ title: 'Nghề nghiệp', optionLabels: OCCUPATION_LABELS }),
  youthUnionMember: z.boolean().meta({ title: 'Là đoàn viên Đoàn TNCS Hồ Chí Minh' }),
  workplace: z.string().max(300).optional().meta({ title: 'Nơi làm việc' }),
  residence: z.string().max(300).optional().meta({ title: 'Nơi cư trú' }),
  helperName: z.string().max(200).optional().meta({ title: 'Đảng viên giúp đỡ' }),
});

/** A new dossier must say who the candidate is: one open dossier per person. */
export const creationSchema = z.strictObject({
  candidate: candidateSchema
    .extend({ nationalId: nationalId.meta({ title: 'Số định danh cá nhân', description: NATIONAL_ID_HINT }) })
    .meta({ title: 'Người xin vào Đảng' }),
});

/** Payload schemas by event type, without `type` and `occurredOn`, which every event carries. */
export const PAYLOAD_SCHEMAS = {
  RECORD_AWARENESS_CERTIFICATE: {
    certificateNo: text.meta({ title: 'Số giấy chứng nhận' }),
    issuedOn: localDate.meta({ title: 'Ngày cấp giấy chứng nhận' }),
    issuer: text.meta({ title: 'Nơi cấp' }),
  },
  SUBMIT_APPLICATION: {},
  SUBMIT_PERSONAL_HISTORY: {
    relatives: z
      .array(
        z.strictObject({
          relation: z.enum(RELATIONS).meta({
            title: 'Quan hệ',
            optionLabels: {
              father: 'Cha',
              mother: 'Mẹ',
              fatherInLaw: 'Cha vợ / cha chồng',
              motherInLaw: 'Mẹ vợ / mẹ chồng',
              guardian: 'Người nuôi dưỡng',
              spouse: 'Vợ / chồng',
              child: 'Con',
              sibling: 'Anh chị em ruột',
              spouseSibling: 'Anh chị em ruột của vợ / chồng',
            },
          }),
          fullName: text.meta({ title: 'Họ và tên' }),
          partyMember: z.boolean().meta({ title: 'Là đảng viên' }),
        }),
      )
      .max(50)
      .meta({ title: 'Người thân' }),
  },
  START_VERIFICATION: {},
  RECORD_VERIFICATION_ANSWER: {
    subject: text.meta({
      title: 'Người được thẩm tra',
      description: '"candidate" cho người xin vào Đảng, hoặc họ tên người thân như trong lý lịch',
      optionLabels: { candidate: 'Người xin vào Đảng' },
    }),
    adverse: z.boolean().meta({ title: 'Có vấn đề về chính trị' }),
    note: z.string().max(2000).optional().meta({ title: 'Ghi chú' }),
  },
  CONCLUDE_VERIFICATION: {
    passed: z.boolean().meta({ title: 'Đạt yêu cầu' }),
    note: z.string().max(2000).optional().meta({ title: 'Ghi chú' }),
  },
  ADD_INTRODUCER: {
    memberName: text.meta({ title: 'Họ và tên đảng viên giới thiệu' }),
    officialSince: localDate.meta({ title: 'Ngày trở thành đảng viên chính thức' }),
    knownSince: localDate.meta({ title: 'Biết người xin vào Đảng từ ngày' }),
    replacement: z.boolean().optional().meta({ title: 'Thay người giới thiệu trước' }),
    replaces: z.string().max(200).optional().meta({ title: 'Người giới thiệu được thay' }),
  },
  RECORD_UNION_INTRODUCTION: {
    union: z
      .enum(['youth', 'trade'])
      .meta({ title: 'Đoàn thể giới thiệu', optionLabels: { youth: 'Đoàn Thanh niên', trade: 'Công đoàn' } }),
    resolutionNo: text.meta({ title: 'Số nghị quyết' }),
  },
  RECORD_COMMENTS: {},
  RECORD_CELL_VOTE: {
    officialMembers: count.min(1).meta({ title: 'Số đảng viên chính thức của chi bộ' }),
    ...voteCounts,
    resolutionNo: z.string().max(100).optional().meta({ title: 'Số nghị quyết' }),
  },
  RECORD_SECTION_APPRAISAL: {},
  RECORD_GRASSROOTS_VOTE: {
    committeeMembers: count.min(1).meta({ title: 'Số cấp ủy viên' }),
    ...voteCounts,
    decisionNo: z.string().max(100).optional().meta({ title: 'Số nghị quyết' }),
  },
  APPROVE_DECISION: { note: z.string().max(2000).optional().meta({ title: 'Ý kiến' }) },
  OBJECT_DECISION: { note: text.meta({ title: 'Ý kiến' }) },
  ISSUE_DECISION: { decisionNo: text.meta({ title: 'Số quyết định' }) },
  REFUSE_ADMISSION: { reason: reason() },
  EXTEND_DEADLINE: { reason: reason() },
  RECORD_CEREMONY_CONSENT: {},
  HOLD_CEREMONY: { helperName: text.meta({ title: 'Đảng viên giúp đỡ' }) },
  RECORD_NEW_MEMBER_TRAINING: { certificateNo: text.meta({ title: 'Số giấy chứng nhận' }) },
  FILE_MEMBER_HISTORY: {},
  REPLACE_HELPER: { helperName: text.meta({ title: 'Đảng viên giúp đỡ mới' }) },
  SUBMIT_SELF_REVIEW: {},
  RECORD_HELPER_COMMENTS: {},
  RECORD_RECOGNITION_COMMENTS: {},
  RECORD_RECOGNITION_CELL_VOTE: {
    officialMembers: count.min(1).meta({ title: 'Số đảng viên chính thức của chi bộ' }),
    ...voteCounts,
    proposal: z.enum(['recognise', 'remove']).meta({
      title: 'Đề nghị',
      optionLabels: { recognise: 'Công nhận đảng viên chính thức', remove: 'Xóa tên khỏi danh sách đảng viên dự bị' },
    }),
    /** Why the member no longer qualifies: required with a removal proposal. */
    reason: text.optional().meta({ title: 'Lý do (khi đề nghị xóa tên)' }),
    resolutionNo: z.string().max(100).optional().meta({ title: 'Số nghị quyết' }),
  },
  RECORD_RECOGNITION_GRASSROOTS_VOTE: {
    committeeMembers: count.min(1).meta({ title: 'Số cấp ủy viên' }),
    ...voteCounts,
    decisionNo: z.string().max(100).optional().meta({ title: 'Số nghị quyết' }),
  },
  ISSUE_RECOGNITION: { decisionNo: text.meta({ title: 'Số quyết định' }) },
  ISSUE_REMOVAL: { decisionNo: text.meta({ title: 'Số quyết định' }), reason: reason() },
  WITHDRAW: { reason: reason() },
  RECORD_DECISION_RECEIVED: {},
  RECORD_AGE_EXCEPTION: {
    decisionNo: text.meta({ title: 'Số văn bản cho phép' }),
    authority: text.meta({ title: 'Cơ quan cho phép' }),
  },
  AMEND_CANDIDATE: {
    changes: candidateSchema
      .partial()
      .refine((changes) => Object.keys(changes).length > 0, {
        message: 'Cần ít nhất một thay đổi / nothing to change',
      })
      .meta({ title: 'Thông tin sửa' }),
    reason: reason(),
  },
  VOID_LAST_EVENT: { reason: reason() },
} as const satisfies Record<string, z.ZodRawShape>;

export type EventType = keyof typeof PAYLOAD_SCHEMAS;
export const EVENT_TYPES = Object.keys(PAYLOAD_SCHEMAS) as EventType[];

/** The stored part of an event: its type, its real-world date and its payload. */
export function eventSchema<T extends EventType>(type: T) {
  return z.strictObject({ type: z.literal(type), occurredOn: localDate, ...PAYLOAD_SCHEMAS[type] });
}

export type AdmissionEventPayload<T extends EventType = EventType> = z.infer<ReturnType<typeof eventSchema<T>>>;

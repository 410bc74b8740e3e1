import type { Role } from '@workflows/common/roles';
import type { Bilingual, EventDefinition, EventMeta } from '@workflows/common/workflow-definition';
import type { AdmissionContext, OrgFacts } from '../machine/context';
import { decidingBodyRefusal, hasGivenOpinion } from '../rules/decision.rules';
import type { EventType } from './event-schemas';

/** Who records the cell's steps (domain.md, "Who may record which step"). */
const CELL: readonly Role[] = ['cellSecretary', 'grassrootsOfficer', 'specialist'];
/** Verification, appraisals and grassroots votes. */
const GRASSROOTS: readonly Role[] = ['grassrootsOfficer', 'specialist'];
/** Verification: also the secretary of a grassroots cell, which is its own grassroots organisation (`rolesFor`). */
const VERIFICATION: readonly Role[] = [...GRASSROOTS, 'cellSecretary'];
/** Decisions, refusals, extensions, consent: recorded by a specialist on behalf of the committee. */
const COMMITTEE_RECORD: readonly Role[] = ['specialist'];
/** A committee member's own approval or objection: nobody may record it on their behalf. */
const COMMITTEE_VOTE: readonly Role[] = ['committeeMember'];

export const EVENT_CATALOG: Readonly<
  Record<
    EventType,
    Pick<EventDefinition, 'label' | 'roles'> & {
      actorRefusal?: (meta: EventMeta<OrgFacts>) => Bilingual | null;
      doneBy?: (context: AdmissionContext, actorId: string) => boolean;
    }
  >
> = {
  RECORD_AWARENESS_CERTIFICATE: { label: 'Ghi nhận giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng', roles: CELL },
  SUBMIT_APPLICATION: { label: 'Nộp đơn xin vào Đảng (1-KNĐ)', roles: CELL },
  SUBMIT_PERSONAL_HISTORY: { label: 'Nộp lý lịch người xin vào Đảng (2-KNĐ)', roles: CELL },
  START_VERIFICATION: { label: 'Bắt đầu thẩm tra lý lịch', roles: VERIFICATION },
  RECORD_VERIFICATION_ANSWER: { label: 'Ghi nhận kết quả thẩm tra một người', roles: VERIFICATION },
  CONCLUDE_VERIFICATION: { label: 'Kết luận thẩm tra lý lịch', roles: VERIFICATION },
  ADD_INTRODUCER: { label: 'Thêm đảng viên giới thiệu (3-KNĐ)', roles: CELL },
  RECORD_UNION_INTRODUCTION: { label: 'Ghi nhận nghị quyết giới thiệu của Đoàn / Công đoàn (4-KNĐ)', roles: CELL },
  RECORD_COMMENTS: { label: 'Ghi nhận ý kiến nhận xét của đoàn thể và chi ủy nơi cư trú (5-KNĐ)', roles: CELL },
  RECORD_CELL_VOTE: { label: 'Ghi nhận biểu quyết của chi bộ đề nghị kết nạp (6-KNĐ)', roles: CELL },
  RECORD_SECTION_APPRAISAL: { label: 'Ghi nhận thẩm định của đảng ủy bộ phận (7-KNĐ)', roles: GRASSROOTS },
  RECORD_GRASSROOTS_VOTE: { label: 'Ghi nhận biểu quyết của đảng ủy cơ sở (8-KNĐ)', roles: GRASSROOTS },
  APPROVE_DECISION: {
    label: 'Tán thành quyết định',
    roles: COMMITTEE_VOTE,
    actorRefusal: decidingBodyRefusal,
    doneBy: hasGivenOpinion,
  },
  OBJECT_DECISION: {
    label: 'Không tán thành quyết định',
    roles: COMMITTEE_VOTE,
    actorRefusal: decidingBodyRefusal,
    doneBy: hasGivenOpinion,
  },
  ISSUE_DECISION: { label: 'Ban hành quyết định kết nạp (9-KNĐ)', roles: COMMITTEE_RECORD },
  REFUSE_ADMISSION: { label: 'Không chuẩn y kết nạp', roles: COMMITTEE_RECORD },
  EXTEND_DEADLINE: { label: 'Gia hạn thời hạn ra quyết định', roles: COMMITTEE_RECORD },
  RECORD_CEREMONY_CONSENT: {
    label: 'Ghi nhận ý kiến đồng ý tổ chức lễ kết nạp muộn của cấp ủy cấp trên',
    roles: COMMITTEE_RECORD,
  },
  HOLD_CEREMONY: { label: 'Tổ chức lễ kết nạp', roles: CELL },
  RECORD_NEW_MEMBER_TRAINING: { label: 'Ghi nhận giấy chứng nhận học lớp bồi dưỡng đảng viên mới', roles: CELL },
  FILE_MEMBER_HISTORY: { label: 'Hoàn thành lý lịch đảng viên', roles: CELL },
  REPLACE_HELPER: { label: 'Thay đảng viên giúp đỡ', roles: CELL },
  SUBMIT_SELF_REVIEW: { label: 'Nộp bản tự kiểm điểm (10-KNĐ)', roles: CELL },
  RECORD_HELPER_COMMENTS: { label: 'Ghi nhận nhận xét của đảng viên giúp đỡ (11-KNĐ)', roles: CELL },
  RECORD_RECOGNITION_COMMENTS: { label: 'Ghi nhận ý kiến của đoàn thể và chi ủy nơi cư trú (12-KNĐ)', roles: CELL },
  RECORD_RECOGNITION_CELL_VOTE: {
    label: 'Ghi nhận biểu quyết của chi bộ xét công nhận chính thức (13-KNĐ)',
    roles: CELL,
  },
  RECORD_RECOGNITION_GRASSROOTS_VOTE: { label: 'Ghi nhận biểu quyết của đảng ủy cơ sở (15-KNĐ)', roles: GRASSROOTS },
  ISSUE_RECOGNITION: { label: 'Ban hành quyết định công nhận đảng viên chính thức', roles: COMMITTEE_RECORD },
  ISSUE_REMOVAL: { label: 'Ban hành quyết định xóa tên trong danh sách đảng viên dự bị', roles: COMMITTEE_RECORD },
  WITHDRAW: { label: 'Rút hồ sơ / chi bộ đóng hồ sơ', roles: CELL },
  RECORD_DECISION_RECEIVED: { label: 'Chi bộ nhận được quyết định kết nạp', roles: CELL },
  RECORD_AGE_EXCEPTION: {
    label: 'Ghi nhận ý kiến đồng ý của cấp ủy trực thuộc Trung ương (người vào Đảng trên 60 tuổi)',
    roles: COMMITTEE_RECORD,
  },
  AMEND_CANDIDATE: { label: 'Sửa thông tin người vào Đảng', roles: ['cellSecretary', 'specialist'] },
  VOID_LAST_EVENT: { label: 'Hủy bước ghi nhận gần nhất (ghi nhận nhầm)', roles: ['specialist', 'admin'] },
};

/** Who may create a dossier: the cell that proposes the candidate, or the bodies above it. */
export const CREATION_ROLES: readonly Role[] = CELL;

const VERIFICATION_EVENTS = new Set<string>([
  'START_VERIFICATION',
  'RECORD_VERIFICATION_ANSWER',
  'CONCLUDE_VERIFICATION',
]);

/** A cell secretary verifies only in a grassroots cell, which is its own grassroots organisation (Charter art. 21). */
export function rolesFor(type: string, roles: readonly Role[], facts: OrgFacts): readonly Role[] {
  return VERIFICATION_EVENTS.has(type) && !facts.grassrootsCell
    ? roles.filter((role) => role !== 'cellSecretary')
    : roles;
}

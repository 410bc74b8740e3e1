import { TAG_COLORS } from '../../shared/layout';

/** The policy parameters as a Vietnamese administrator reads them; an unknown one is shown by its name. */
export const PARAMETER_LABELS: Record<string, string> = {
  minAgeMonths: 'Tuổi tối thiểu (tháng)',
  maxAgeMonths: 'Tuổi tối đa (tháng)',
  probationMonths: 'Thời gian dự bị (tháng)',
  cellVoteFraction: 'Tỷ lệ tán thành của chi bộ',
  grassrootsVoteFraction: 'Tỷ lệ tán thành của cấp ủy cơ sở',
  committeeMajorityFraction: 'Tỷ lệ tán thành của ban thường vụ',
  youthAgeFromMonths: 'Tuổi thanh niên từ (tháng)',
  youthAgeUntilMonths: 'Tuổi thanh niên đến (tháng)',
  ceremonyWorkingDays: 'Hạn tổ chức lễ kết nạp (ngày làm việc)',
  minGeneralEducation: 'Trình độ học vấn tối thiểu',
  exceptionGeneralEducation: 'Trình độ học vấn tối thiểu (trường hợp đặc biệt)',
  paperValidityMonths: 'Thời hạn giá trị của giấy tờ (tháng)',
  introducerKnownMonths: 'Thời gian người giới thiệu quen biết (tháng)',
  reminderLeadWorkingDays: 'Nhắc trước hạn (ngày làm việc)',
  memberHistoryWorkingDays: 'Hạn hoàn thiện lý lịch đảng viên (ngày làm việc)',
  certificateValidityMonths: 'Thời hạn giấy chứng nhận bồi dưỡng (tháng)',
  failedVotesBeforeEscalation: 'Số lần biểu quyết không đạt trước khi báo cáo cấp trên',
  admissionDecisionWorkingDays: 'Hạn ra quyết định kết nạp (ngày làm việc)',
  decisionExtensionWorkingDays: 'Gia hạn ra quyết định (ngày làm việc)',
  recognitionReviewWorkingDays: 'Hạn xét công nhận chính thức (ngày làm việc)',
  verificationAnswerWorkingDays: 'Hạn trả lời thẩm tra (ngày làm việc)',
  recognitionDecisionWorkingDays: 'Hạn quyết định công nhận chính thức (ngày làm việc)',
};

export const CONFIDENCE_LABELS: Record<string, { label: string; color: string }> = {
  quoted: { label: 'Trích nguyên văn', color: TAG_COLORS.green },
  quiz: { label: 'Theo tài liệu hỏi đáp', color: TAG_COLORS.blue },
  secondary: { label: 'Nguồn thứ cấp', color: TAG_COLORS.gold },
  unconfirmed: { label: 'Chưa xác nhận', color: TAG_COLORS.red },
};

/** A parameter value as stored: `{value, citation?, confidence?}` or the bare value. */
export function parameterParts(stored: unknown): { value: unknown; citation?: string; confidence?: string } {
  if (stored && typeof stored === 'object' && !Array.isArray(stored) && 'value' in stored)
    return stored as { value: unknown; citation?: string; confidence?: string };
  return { value: stored };
}

/** `[2,3]` reads "2/3"; other values as JSON. */
export function showValue(value: unknown): string {
  if (Array.isArray(value) && value.length === 2 && value.every((n) => typeof n === 'number'))
    return `${value[0]}/${value[1]}`;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** What an administrator types: "2/3" for a fraction, a number, or a word; JSON is accepted too. */
export function parseValue(text: string): unknown {
  const trimmed = text.trim();
  const fraction = /^(\d+)\s*\/\s*(\d+)$/.exec(trimmed);
  if (fraction) return [Number(fraction[1]), Number(fraction[2])];
  try {
    return JSON.parse(trimmed);
  } catch {
    return trimmed;
  }
}

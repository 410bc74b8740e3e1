import { vietnameseDate } from '@workflows/common/local-date';
import type { AdmissionContext } from '../machine/context';
import { probationEndsOn } from '../machine/due-dates';
import { violation, type RuleCheck } from './rule-check';

/** A removal may be proposed at any time during the probation (Charter art. 5.2); recognition only after it. */
const proposesRemoval = (event: Parameters<RuleCheck>[0]['event']) =>
  event.type === 'RECORD_RECOGNITION_CELL_VOTE' && event.proposal === 'remove';

export const afterProbation: RuleCheck = ({ context, event, policy }) => {
  if (proposesRemoval(event)) return null;
  const endsOn = probationEndsOn(context);
  return endsOn && event.occurredOn < endsOn
    ? violation(
        'recognition.afterProbation',
        `Chỉ xét công nhận đảng viên chính thức khi hết ${policy.probationMonths.value} tháng dự bị (${vietnameseDate(endsOn)}).`,
        `Recognition is considered only once the ${policy.probationMonths.value} months of probation end (${endsOn}).`,
        `Điều lệ Đảng Điều 5.2; ${policy.recognitionReviewWorkingDays.citation}`,
      )
    : null;
};

function missingRecognitionDocuments(context: AdmissionContext) {
  const missing: { vi: string; en: string }[] = [];
  if (!context.recognition.selfReviewOn) missing.push({ vi: 'bản tự kiểm điểm (10-KNĐ)', en: 'self-review' });
  if (!context.recognition.helperCommentsOn)
    missing.push({ vi: 'nhận xét của đảng viên giúp đỡ (11-KNĐ)', en: "helper's comments" });
  if (!context.recognition.commentsOn)
    missing.push({ vi: 'ý kiến của đoàn thể, chi ủy nơi cư trú (12-KNĐ)', en: "organisations' comments" });
  if (!context.newMemberCourse)
    missing.push({ vi: 'giấy chứng nhận lớp bồi dưỡng đảng viên mới', en: 'new-member course certificate' });
  return missing;
}

export const removalReasoned: RuleCheck = ({ event }) =>
  proposesRemoval(event) && !event.reason
    ? violation(
        'removal.reason',
        'Đề nghị xóa tên trong danh sách đảng viên dự bị phải nêu lý do (không đủ tư cách đảng viên).',
        'A proposal to remove a probationary member must give the reason.',
        'Điều lệ Đảng Điều 5.2',
      )
    : null;

export const recognitionDossierComplete: RuleCheck = ({ context, event }) => {
  if (proposesRemoval(event)) return null;
  const missing = missingRecognitionDocuments(context);
  return missing.length > 0
    ? violation(
        'recognition.dossierComplete',
        `Hồ sơ đề nghị công nhận còn thiếu: ${missing.map((m) => m.vi).join(', ')}.`,
        `The recognition dossier lacks: ${missing.map((m) => m.en).join(', ')}.`,
        'Hướng dẫn 12-HD/BTCTW (2022) §1.5',
      )
    : null;
};

/** A document of the probation or the recognition dossier is recorded once; a second copy is refused. */
export function recordedOnce(label: { vi: string; en: string }, isRecorded: (context: AdmissionContext) => boolean) {
  const check: RuleCheck = ({ context }) =>
    isRecorded(context)
      ? violation(
          'step.alreadyRecorded',
          `Đã ghi nhận ${label.vi}.`,
          `The ${label.en} is already recorded.`,
          'Quy tắc ghi nhận hồ sơ',
        )
      : null;
  return check;
}

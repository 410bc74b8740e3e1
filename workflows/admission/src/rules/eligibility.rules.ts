import { addMonths, addDays, vietnameseDate } from '@workflows/common/local-date';
import { certificateExpiresOn } from '../machine/due-dates';
import { GENERAL_EDUCATION } from '../machine/context';
import { payloadOf } from '../machine/admission-event';
import { violation, type RuleCheck } from './rule-check';

/**
 * From a full 18 to a full 60 years, counted in months on the date of the cell meeting; over 60 only with the
 * recorded consent of the provincial-level committee (24-QĐ/TW §1.1).
 */
export const ageInRange: RuleCheck = ({ context, event, policy }) => {
  const { dateOfBirth } = context.candidate;
  const from = addMonths(dateOfBirth, policy.minAgeMonths.value);
  const until = addMonths(dateOfBirth, policy.maxAgeMonths.value);
  if (event.occurredOn >= from && (event.occurredOn <= until || context.ageException)) return null;
  const citation = `Điều lệ Đảng Điều 1; ${policy.minAgeMonths.citation}`;
  return event.occurredOn < from
    ? violation(
        'age.range',
        `Ngày chi bộ xét (${vietnameseDate(event.occurredOn)}) người vào Đảng chưa đủ 18 tuổi (đủ tuổi từ ${vietnameseDate(from)}).`,
        `On the cell meeting date (${event.occurredOn}) the candidate is not yet 18 (from ${from}).`,
        citation,
      )
    : violation(
        'age.range',
        `Ngày chi bộ xét (${vietnameseDate(event.occurredOn)}) người vào Đảng đã quá 60 tuổi (đủ 60 tuổi ngày ${vietnameseDate(until)}); cần ghi nhận ý kiến đồng ý của cấp ủy trực thuộc Trung ương trước.`,
        `On the cell meeting date (${event.occurredOn}) the candidate is over 60 (60 on ${until}); the consent of the provincial-level committee must be recorded first.`,
        citation,
      );
};

const rank = (level: (typeof GENERAL_EDUCATION)[number]) => GENERAL_EDUCATION.indexOf(level);

export const educationMinimum: RuleCheck = ({ context, policy }) => {
  const { generalEducation, educationException } = context.candidate;
  const minimum = educationException ? policy.exceptionGeneralEducation : policy.minGeneralEducation;
  if (rank(generalEducation) >= rank(minimum.value)) return null;
  return educationException
    ? violation(
        'education.minimum',
        'Kể cả trường hợp ngoại lệ vùng khó khăn, người vào Đảng phải hoàn thành chương trình tiểu học.',
        'Even under the exception for difficult areas the candidate must have completed primary school.',
        minimum.citation,
      )
    : violation(
        'education.minimum',
        'Người vào Đảng phải tốt nghiệp trung học cơ sở trở lên (hoặc có ngoại lệ được ghi nhận cho vùng miền núi, biên giới, hải đảo, đồng bào dân tộc thiểu số).',
        'The candidate must have completed lower secondary school, or have a recorded exception for mountain, border, island or ethnic-minority areas.',
        minimum.citation,
      );
};

/** The awareness certificate is valid for 60 months: it has expired on the day the 60 months are complete. */
export const certificateValid: RuleCheck = ({ context, event, policy }) => {
  const certificate = context.certificate;
  const citation = policy.certificateValidityMonths.citation;
  if (!certificate)
    return violation(
      'certificate.valid',
      'Chưa có giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng.',
      'No awareness class certificate has been recorded.',
      citation,
    );
  const expiresOn = certificateExpiresOn(context) as string;
  if (event.occurredOn >= certificate.issuedOn && event.occurredOn < expiresOn) return null;
  return violation(
    'certificate.valid',
    `Giấy chứng nhận số ${certificate.certificateNo} không còn giá trị vào ngày chi bộ xét ${vietnameseDate(event.occurredOn)} (giá trị đến hết ${vietnameseDate(addDays(expiresOn, -1))}); người vào Đảng phải học lại lớp bồi dưỡng.`,
    `Certificate ${certificate.certificateNo} is not valid on the cell meeting date ${event.occurredOn} (valid until ${addDays(expiresOn, -1)}); the candidate must retake the class.`,
    citation,
  );
};

export const certificateIssuedBeforeRecording: RuleCheck = ({ event }) => {
  const { issuedOn } = payloadOf(event, 'RECORD_AWARENESS_CERTIFICATE');
  return issuedOn > event.occurredOn
    ? violation(
        'certificate.issuedOn',
        `Ngày cấp giấy chứng nhận (${vietnameseDate(issuedOn)}) sau ngày ghi nhận (${vietnameseDate(event.occurredOn)}).`,
        `The certificate's issue date (${issuedOn}) is after the date it was recorded (${event.occurredOn}).`,
        'Quy tắc ghi nhận hồ sơ',
      )
    : null;
};

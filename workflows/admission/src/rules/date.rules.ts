import { maxDate, type LocalDate, vietnameseDate } from '@workflows/common/local-date';
import type { AdmissionContext } from '../machine/context';
import type { EventType } from '../events/event-schemas';
import { violation, type RuleCheck } from './rule-check';

const RECORDING_RULE = 'Quy tắc ghi nhận hồ sơ: mỗi bước ghi theo ngày thực tế diễn ra';

/** A step cannot be dated after today: also used when a dossier is created. */
export function futureDateViolation(date: LocalDate, today: LocalDate) {
  return date > today
    ? violation(
        'date.notFuture',
        `Ngày ${vietnameseDate(date)} ở tương lai (hôm nay là ${vietnameseDate(today)}).`,
        `The date ${date} lies in the future (today is ${today}).`,
        RECORDING_RULE,
      )
    : null;
}

export const dateNotInFuture: RuleCheck = ({ event }) => futureDateViolation(event.occurredOn, event.meta.today);

/**
 * The earliest date an event may carry. Steps of the parallel regions follow their own chain;
 * every other step follows the latest step recorded so far.
 */
export function earliestDateFor(context: AdmissionContext, type: EventType): LocalDate {
  const { identifiedOn, applicationOn, personalHistory, verification, ceremony, helpers } = context;
  switch (type) {
    case 'RECORD_AWARENESS_CERTIFICATE':
    case 'SUBMIT_APPLICATION':
    case 'ADD_INTRODUCER':
    case 'RECORD_UNION_INTRODUCTION':
    case 'RECORD_COMMENTS':
      return context.cellResolution ? context.lastOn : identifiedOn;
    case 'AMEND_CANDIDATE':
    case 'VOID_LAST_EVENT':
      // Corrections are dated the day they are made, and move no step.
      return identifiedOn;
    case 'SUBMIT_PERSONAL_HISTORY':
      return applicationOn ?? identifiedOn;
    case 'START_VERIFICATION':
      return personalHistory?.on ?? identifiedOn;
    case 'RECORD_VERIFICATION_ANSWER':
      return verification.startedOn ?? identifiedOn;
    case 'CONCLUDE_VERIFICATION':
      return maxDate(verification.startedOn ?? identifiedOn, ...verification.answers.map((a) => a.on));
    case 'RECORD_NEW_MEMBER_TRAINING':
    case 'FILE_MEMBER_HISTORY':
      return ceremony?.on ?? context.lastOn;
    case 'REPLACE_HELPER':
      // The helpers follow one another: a replacement cannot precede the helper it replaces.
      return maxDate(ceremony?.on ?? context.lastOn, ...helpers.map((h) => h.from));
    default:
      return context.lastOn;
  }
}

export const dateInStepOrder: RuleCheck = ({ context, event }) => {
  const earliest = earliestDateFor(context, event.type);
  return event.occurredOn < earliest
    ? violation(
        'date.order',
        `Ngày ${vietnameseDate(event.occurredOn)} sớm hơn bước trước đó (${vietnameseDate(earliest)}).`,
        `The date ${event.occurredOn} precedes the previous step (${earliest}).`,
        RECORDING_RULE,
      )
    : null;
};

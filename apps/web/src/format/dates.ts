import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import 'dayjs/locale/vi';

dayjs.extend(customParseFormat);
dayjs.locale('vi');

/** Dates as Vietnamese officials write them. */
export const DATE_FORMAT = 'DD/MM/YYYY';
/** What a date field accepts when typed: "15/03/2025", "15/3/2025", "5-3-2025", "15.3.2025". */
export const TYPED_DATE_FORMATS = [DATE_FORMAT, 'D/M/YYYY', 'DD-MM-YYYY', 'D-M-YYYY', 'DD.MM.YYYY', 'D.M.YYYY'];

/** `2025-03-15` → `15/03/2025`; an instant is shown in the user's local date. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const date = dayjs(value.length === 10 ? value : new Date(value));
  return date.isValid() ? date.format(DATE_FORMAT) : value;
}

/** An instant with its time: `15/03/2025 08:30`. */
export const formatDateTime = (value: string | null | undefined) =>
  value ? dayjs(value).format('DD/MM/YYYY HH:mm') : '—';

/** A typed date in any accepted form, as the API's `YYYY-MM-DD`, or null when it is not a real date. */
export function parseTypedDate(text: string): string | null {
  const date = dayjs(text.trim(), TYPED_DATE_FORMATS, true);
  return date.isValid() ? date.format('YYYY-MM-DD') : null;
}

/** The API's `YYYY-MM-DD` as a dayjs value, for the date picker. */
export const toDayjs = (value: string | null | undefined) => (value ? dayjs(value) : null);

/** Today in the user's calendar, `YYYY-MM-DD`. */
export const todayIso = () => dayjs().format('YYYY-MM-DD');

/**
 * What a deadline means for the user, in working days as the server counts them (Vietnamese holidays included):
 * "còn 3 ngày làm việc", "hạn hôm nay", "quá hạn 5 ngày làm việc".
 */
export function workingDaysText(workingDaysLeft: number): string {
  if (workingDaysLeft > 0) return `còn ${workingDaysLeft} ngày làm việc`;
  if (workingDaysLeft === 0) return 'hạn hôm nay';
  return `quá hạn ${-workingDaysLeft} ngày làm việc`;
}

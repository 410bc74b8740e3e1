/**
 * Calendar dates without a time of day ('YYYY-MM-DD'), as the procedure records them.
 * Arithmetic goes through UTC so that no local time zone can shift a day.
 */
export type LocalDate = string;

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** `2025-03-15` → `15/03/2025`: a date as Vietnamese officials write it, in messages they read. */
export const vietnameseDate = (value: LocalDate): string => value.split('-').reverse().join('/');

export function isLocalDate(value: unknown): value is LocalDate {
  if (typeof value !== 'string') return false;
  const match = PATTERN.exec(value);
  if (!match) return false;
  const date = toUtcDate(value);
  return date.getUTCFullYear() === Number(match[1]) && date.getUTCMonth() + 1 === Number(match[2]);
}

// Both run many times per transition (due dates, working days): by the fields, without splitting or toISOString.
export function toUtcDate(value: LocalDate): Date {
  return new Date(Date.UTC(Number(value.slice(0, 4)), Number(value.slice(5, 7)) - 1, Number(value.slice(8, 10))));
}

export function fromUtcDate(date: Date): LocalDate {
  const year = date.getUTCFullYear();
  if (Number.isNaN(year)) throw new RangeError('Invalid time value');
  const month = date.getUTCMonth() + 1;
  const day = date.getUTCDate();
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

export function addDays(value: LocalDate, days: number): LocalDate {
  return fromUtcDate(new Date(toUtcDate(value).getTime() + days * DAY_MS));
}

/** Adds calendar months; a day missing in the target month falls on that month's last day (31 Jan + 1 = 28/29 Feb). */
export function addMonths(value: LocalDate, months: number): LocalDate {
  const [y, m, d] = value.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return fromUtcDate(target);
}

export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((toUtcDate(to).getTime() - toUtcDate(from).getTime()) / DAY_MS);
}

/** Whole months elapsed from `from` to `on`: 18 years are complete on the 18th birthday itself. */
export function fullMonthsBetween(from: LocalDate, on: LocalDate): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = on.split('-').map(Number);
  const months = (ty - fy) * 12 + (tm - fm);
  return addMonths(from, months) > on ? months - 1 : months;
}

export function dayOfWeek(value: LocalDate): number {
  return toUtcDate(value).getUTCDay();
}

/** Today's date in Vietnam (UTC+7, no daylight saving). */
export function todayInVietnam(now: Date = new Date()): LocalDate {
  return fromUtcDate(new Date(now.getTime() + 7 * 3_600_000));
}

export function maxDate(...values: LocalDate[]): LocalDate {
  return values.reduce((a, b) => (a > b ? a : b));
}

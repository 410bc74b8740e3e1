import { addDays, dayOfWeek, type LocalDate } from '@workflows/common/local-date';
import type { Holiday } from './public-holidays';

export function isWeekend(date: LocalDate): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

/**
 * Nghỉ bù (Labour Code 2019, art. 111(3)): a holiday on a weekly rest day — Saturday or Sunday in the public
 * sector — is taken on the next day that is neither a weekend, a holiday nor another substitute.
 * Expects the holidays of one year sorted by date. No holiday falls at the end of December, so a substitute
 * never crosses into the next year.
 */
export function substituteDaysFor(holidays: readonly Holiday[]): Holiday[] {
  const taken = new Set(holidays.map((holiday) => holiday.date));
  const substitutes: Holiday[] = [];
  for (const holiday of holidays) {
    if (!isWeekend(holiday.date)) continue;
    let date = addDays(holiday.date, 1);
    while (isWeekend(date) || taken.has(date)) date = addDays(date, 1);
    taken.add(date);
    substitutes.push({ date, name: `Nghỉ bù ${holiday.name}`, source: 'substitute' });
  }
  return substitutes;
}

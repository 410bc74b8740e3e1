import Holidays from 'date-holidays';
import { addDays, type LocalDate } from '@workflows/common/local-date';

/**
 * A day off other than an ordinary weekend, as shown to users. `source`: the holiday library, the substitute rule,
 * the built-in table of decreed days (builtIn) or a day an admin entered (override).
 */
export type Holiday = { date: LocalDate; name: string; source: HolidaySource };
export const HOLIDAY_SOURCES = ['library', 'substitute', 'builtIn', 'override'] as const;
export type HolidaySource = (typeof HOLIDAY_SOURCES)[number];

const DAY_MS = 86_400_000;
const vietnam = new Holidays('VN');

/**
 * The public holidays date-holidays knows for one year (1/1, the five Tết days, Hùng Kings' day, 30/4, 1/5, 2/9),
 * one entry per day. Multi-day entries (Tết: eve plus four days) are spread over their days; each day is named
 * after the last entry that began on or before it, so the days after mùng 1 read "Tết Nguyên Đán", not "Giao thừa".
 */
export function publicHolidaysOf(year: number): Holiday[] {
  const namesByFirstDay = new Map<LocalDate, string>();
  const days = new Set<LocalDate>();
  for (const entry of vietnam.getHolidays(year)) {
    if (entry.type !== 'public') continue;
    const firstDay = entry.date.slice(0, 10);
    if (!namesByFirstDay.has(firstDay)) namesByFirstDay.set(firstDay, entry.name);
    // Vietnam has no daylight saving: an entry's start and end are whole days apart.
    const length = Math.max(1, Math.round((entry.end.getTime() - entry.start.getTime()) / DAY_MS));
    for (let offset = 0; offset < length; offset++) days.add(addDays(firstDay, offset));
  }
  let name = '';
  return [...days]
    .filter((date) => date.startsWith(`${year}-`))
    .sort()
    .map((date) => {
      name = namesByFirstDay.get(date) ?? name;
      return { date, name, source: 'library' };
    });
}

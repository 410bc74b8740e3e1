import { addDays, isLocalDate, type LocalDate } from '@workflows/common/local-date';
import { BUILT_IN_OVERRIDES, type CalendarOverride } from './holiday-overrides';
import { publicHolidaysOf, type Holiday } from './public-holidays';
import { isWeekend, substituteDaysFor } from './substitute-days';

/**
 * Working days (ngày làm việc) of the Vietnamese public sector: Monday to Friday, except the public holidays of
 * date-holidays, their substitute days (nghỉ bù) and the overrides, which win over everything else.
 */
export class WorkingDayCalendar {
  private readonly overrides = new Map<LocalDate, CalendarOverride>();
  // Told apart on the calendar page: a built-in day is the law's, an entered one is the admin's to remove.
  private readonly entered = new Set<CalendarOverride>();
  // Library holidays and their substitutes, computed once per year: deadlines are computed in hot paths.
  private readonly daysOffByYear = new Map<number, ReadonlyMap<LocalDate, Holiday>>();
  // Every transition recomputes the due dates of its deadlines, a day at a time over up to 60 working days, from the
  // same few anchors: the answers are kept (the calendar never changes; a reload builds a new one).
  private readonly shifted = new Map<string, LocalDate>();
  private readonly runningCounts = new Map<number, Int32Array>();

  /** The built-in table, then the days an admin entered: an entered day wins over a built-in one of the same date. */
  constructor(builtIn: readonly CalendarOverride[] = BUILT_IN_OVERRIDES, entered: readonly CalendarOverride[] = []) {
    for (const override of [...builtIn, ...entered]) {
      assertLocalDate(override.date, 'override date');
      this.overrides.set(override.date, override);
    }
    for (const override of entered) this.entered.add(override);
  }

  isWorkingDay(date: LocalDate): boolean {
    assertLocalDate(date, 'date');
    return this.isWorkingDayUnchecked(date);
  }

  /** The deadline "n working days from `from`": the n-th working day after it; `from` itself when n = 0. */
  addWorkingDays(from: LocalDate, n: number): LocalDate {
    return this.shift(from, n, 1);
  }

  /** The n-th working day before `from`: the inverse of addWorkingDays, for reminders ahead of a due date. */
  subtractWorkingDays(from: LocalDate, n: number): LocalDate {
    return this.shift(from, n, -1);
  }

  private shift(from: LocalDate, n: number, step: 1 | -1): LocalDate {
    const key = `${from}${step > 0 ? '+' : '-'}${n}`;
    const known = this.shifted.get(key);
    if (known !== undefined) return known;
    assertLocalDate(from, 'from');
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number >= 0, got ${n}`);
    let date = from;
    for (let remaining = n; remaining > 0;) {
      date = addDays(date, step);
      if (this.isWorkingDayUnchecked(date)) remaining--;
    }
    if (this.shifted.size >= 50_000) this.shifted.clear();
    this.shifted.set(key, date);
    return date;
  }

  /**
   * The number of working days in (from, to]: `from` excluded, `to` included, so that
   * workingDaysBetween(d, addWorkingDays(d, n)) === n. Zero when to === from; when to < from, minus the count
   * in (to, from], so that swapping the arguments flips the sign.
   */
  workingDaysBetween(from: LocalDate, to: LocalDate): number {
    assertLocalDate(from, 'from');
    assertLocalDate(to, 'to');
    // `0 - count` rather than `-count`: no -0 when a backward span holds no working day.
    return to < from ? 0 - this.countWorkingDaysAfter(to, from) : this.countWorkingDaysAfter(from, to);
  }

  /** Days off of a year other than ordinary weekends, by date, for display; make-up Saturdays are not listed. */
  holidaysIn(year: number): Holiday[] {
    if (!Number.isInteger(year)) throw new RangeError(`year must be a whole number, got ${year}`);
    const daysOff = new Map(this.libraryDaysOff(year));
    for (const override of this.overrides.values()) {
      if (!override.date.startsWith(`${year}-`)) continue;
      if (override.kind === 'workingDay') daysOff.delete(override.date);
      else if (!daysOff.has(override.date)) {
        const source = this.entered.has(override) ? 'override' : 'builtIn';
        daysOff.set(override.date, { date: override.date, name: override.note, source });
      }
    }
    return [...daysOff.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  }

  /**
   * Working days in (from, to], for from <= to: by the running count of each year (working days from 1 January to
   * each day), not a day at a time; a dossier's view asks it for every open deadline from today, over years.
   */
  private countWorkingDaysAfter(from: LocalDate, to: LocalDate): number {
    const [fromYear, toYear] = [Number(from.slice(0, 4)), Number(to.slice(0, 4))];
    let count = this.runningCount(toYear)[dayOfYear(to)] - this.runningCount(fromYear)[dayOfYear(from)];
    for (let year = fromYear; year < toYear; year++) count += this.runningCount(year).at(-1)!;
    return count;
  }

  /** Per day of `year` (index 0 = 1 January), the working days from 1 January to that day included. */
  private runningCount(year: number): Int32Array {
    let counts = this.runningCounts.get(year);
    if (!counts) {
      const first = `${String(year).padStart(4, '0')}-01-01`;
      counts = new Int32Array(dayOfYear(`${String(year).padStart(4, '0')}-12-31`) + 1);
      let total = 0;
      for (let day = 0, date = first; day < counts.length; day++, date = addDays(date, 1)) {
        if (this.isWorkingDayUnchecked(date)) total++;
        counts[day] = total;
      }
      this.runningCounts.set(year, counts);
    }
    return counts;
  }

  private isWorkingDayUnchecked(date: LocalDate): boolean {
    const override = this.overrides.get(date);
    if (override) return override.kind === 'workingDay';
    if (this.libraryDaysOff(Number(date.slice(0, 4))).has(date)) return false;
    return !isWeekend(date);
  }

  private libraryDaysOff(year: number): ReadonlyMap<LocalDate, Holiday> {
    let daysOff = this.daysOffByYear.get(year);
    if (!daysOff) {
      const holidays = publicHolidaysOf(year);
      daysOff = new Map([...holidays, ...substituteDaysFor(holidays)].map((holiday) => [holiday.date, holiday]));
      this.daysOffByYear.set(year, daysOff);
    }
    return daysOff;
  }
}

/** 0 for 1 January. */
function dayOfYear(date: LocalDate): number {
  const [year, month, day] = date.split('-').map(Number);
  const utc = new Date(Date.UTC(2000, month - 1, day));
  utc.setUTCFullYear(year);
  const start = new Date(Date.UTC(2000, 0, 1));
  start.setUTCFullYear(year);
  return Math.round((utc.getTime() - start.getTime()) / 86_400_000);
}

function assertLocalDate(value: unknown, label: string): asserts value is LocalDate {
  if (!isLocalDate(value)) throw new RangeError(`${label} must be a date 'YYYY-MM-DD', got ${String(value)}`);
}

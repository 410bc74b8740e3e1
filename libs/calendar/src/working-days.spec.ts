import fc from 'fast-check';
import { addDays, type LocalDate } from '@workflows/common/local-date';
import { BUILT_IN_OVERRIDES, WorkingDayCalendar } from './index';

const calendar = new WorkingDayCalendar();
// Only date-holidays and the substitute rule: shows what the library gives without the table.
const libraryOnly = new WorkingDayCalendar([]);

function datesFrom(first: LocalDate, last: LocalDate): LocalDate[] {
  const dates: LocalDate[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) dates.push(date);
  return dates;
}

function expectDaysOff(cal: WorkingDayCalendar, first: LocalDate, last: LocalDate): void {
  for (const date of datesFrom(first, last)) expect([date, cal.isWorkingDay(date)]).toEqual([date, false]);
}

describe('WorkingDayCalendar', () => {
  describe('date-holidays for VN', () => {
    it('has the lunar and fixed public holidays but not the second National Day day', () => {
      for (const date of ['2026-01-01', '2026-02-16', '2026-02-17', '2026-04-26', '2026-04-30', '2026-05-01']) {
        expect([date, libraryOnly.isWorkingDay(date)]).toEqual([date, false]);
      }
      expect(libraryOnly.isWorkingDay('2026-09-02')).toBe(false);
      expect(libraryOnly.isWorkingDay('2026-09-01')).toBe(true);
    });
  });

  describe('Tết', () => {
    it('2026 (Bính Ngọ): off from Saturday 14/2 to Sunday 22/2 inclusive', () => {
      expect(calendar.isWorkingDay('2026-02-13')).toBe(true);
      expectDaysOff(calendar, '2026-02-14', '2026-02-22');
      expect(calendar.isWorkingDay('2026-02-23')).toBe(true);
    });

    it('2027 (Đinh Mùi, derived): off from Friday 5/2 to Thursday 11/2, with substitutes for 6/2 and 7/2', () => {
      expect(calendar.isWorkingDay('2027-02-04')).toBe(true);
      expectDaysOff(calendar, '2027-02-05', '2027-02-11');
      expect(calendar.isWorkingDay('2027-02-12')).toBe(true);
    });

    it('2027: the table agrees with the library plus the substitute rule', () => {
      for (const date of datesFrom('2027-01-25', '2027-02-20')) {
        expect([date, libraryOnly.isWorkingDay(date)]).toEqual([date, calendar.isWorkingDay(date)]);
      }
    });

    it('2025 (Ất Tỵ): decreed days 27–31/1, so Monday 3/2 is a working day despite the library Saturday 1/2', () => {
      expect(calendar.isWorkingDay('2025-01-24')).toBe(true);
      expectDaysOff(calendar, '2025-01-25', '2025-02-02');
      expect(calendar.isWorkingDay('2025-02-03')).toBe(true);
      expect(libraryOnly.isWorkingDay('2025-02-03')).toBe(false);
    });
  });

  describe('National Day', () => {
    it('2025: both days 1/9 and 2/9 off, break 30/8–2/9', () => {
      expect(calendar.isWorkingDay('2025-08-29')).toBe(true);
      expectDaysOff(calendar, '2025-08-30', '2025-09-02');
      expect(calendar.isWorkingDay('2025-09-03')).toBe(true);
    });

    it('2026: 1/9 and 2/9 off, Monday 31/8 swapped with make-up Saturday 22/8', () => {
      expect(calendar.isWorkingDay('2026-08-22')).toBe(true);
      expect(calendar.isWorkingDay('2026-08-28')).toBe(true);
      expectDaysOff(calendar, '2026-08-29', '2026-09-02');
      expect(calendar.isWorkingDay('2026-09-03')).toBe(true);
    });
  });

  describe('30/4 and 1/5', () => {
    it('2025: off 30/4–4/5 with Friday 2/5 swapped to make-up Saturday 26/4', () => {
      expect(calendar.isWorkingDay('2025-04-26')).toBe(true);
      expect(calendar.isWorkingDay('2025-04-29')).toBe(true);
      expectDaysOff(calendar, '2025-04-30', '2025-05-04');
      expect(calendar.isWorkingDay('2025-05-05')).toBe(true);
    });

    it('2026: Thursday 30/4 and Friday 1/5 off, no swap', () => {
      expect(calendar.isWorkingDay('2026-04-29')).toBe(true);
      expectDaysOff(calendar, '2026-04-30', '2026-05-03');
      expect(calendar.isWorkingDay('2026-05-04')).toBe(true);
    });
  });

  describe('substitute days (nghỉ bù)', () => {
    it("Hùng Kings' day on Sunday 26/4/2026 is taken on Monday 27/4, by the rule as well as by the table", () => {
      for (const cal of [calendar, libraryOnly]) {
        expect(cal.isWorkingDay('2026-04-27')).toBe(false);
        expect(cal.isWorkingDay('2026-04-28')).toBe(true);
      }
    });

    it('1/5/2027 on a Saturday is taken on Monday 3/5', () => {
      expect(libraryOnly.isWorkingDay('2027-05-03')).toBe(false);
      expect(calendar.isWorkingDay('2027-05-03')).toBe(false);
      expect(calendar.isWorkingDay('2027-05-04')).toBe(true);
    });
  });

  describe('notes of the built-in table, shown to users', () => {
    it('write every date dd/mm or dd/mm/yyyy, with two-digit days and months', () => {
      for (const { note } of BUILT_IN_OVERRIDES) {
        const dates = note.match(/\d+\/\d+(\/\d+)?/g) ?? [];
        const malformed = dates.filter((date) => !/^\d{2}\/\d{2}(\/\d{4})?$/.test(date));
        expect([note, malformed]).toEqual([note, []]);
      }
    });

    it('are in Vietnamese: no English word or library name', () => {
      const english =
        /\b(to|for|on|break|day|before|after|ends|derived|decreed|assumed|Monday|Friday|Saturday|Sunday|date-holidays)\b/i;
      for (const { note } of BUILT_IN_OVERRIDES) expect([note, english.test(note)]).toEqual([note, false]);
    });
  });

  describe('make-up Saturdays (làm bù)', () => {
    it('Saturday 10/1/2026 is a working day, Friday 2/1/2026 is not', () => {
      expect(calendar.isWorkingDay('2026-01-10')).toBe(true);
      expect(calendar.isWorkingDay('2026-01-02')).toBe(false);
      expect(libraryOnly.isWorkingDay('2026-01-10')).toBe(false);
    });

    it('every make-up day in the table is a Saturday', () => {
      const makeUpDays = BUILT_IN_OVERRIDES.filter((override) => override.kind === 'workingDay');
      const saturdays = makeUpDays.filter((override) => new Date(`${override.date}T00:00:00Z`).getUTCDay() === 6);
      // 2025-02-03 is a Monday: it cancels a substitute day rather than making up a swap.
      expect(makeUpDays.length - saturdays.length).toBe(1);
    });
  });

  describe('addWorkingDays', () => {
    it('returns the date itself for n = 0, even on a day off', () => {
      expect(calendar.addWorkingDays('2026-02-17', 0)).toBe('2026-02-17');
    });

    it('60 working days from Monday 5/1/2026 is Friday 3/4/2026', () => {
      // Jan: 6–9 (4), make-up Sat 10 (5), 12–16 (10), 19–23 (15), 26–30 (20).
      // Feb: 2–6 (25), 9–13 (30), Tết 14–22 off, 23–27 (35).
      // Mar: 2–6 (40), 9–13 (45), 16–20 (50), 23–27 (55), Mon 30 (56), Tue 31 (57).
      // Apr: Wed 1 (58), Thu 2 (59), Fri 3 (60).
      expect(calendar.addWorkingDays('2026-01-05', 60)).toBe('2026-04-03');
    });

    it('60 working days from Monday 4/1/2027 is Monday 5/4/2027', () => {
      // Jan: 5–8 (4), 11–15 (9), 18–22 (14), 25–29 (19). Feb: 1–4 (23), Tết 5–11 off, Fri 12 (24), 15–19 (29),
      // 22–26 (34). Mar: 1–5 (39), 8–12 (44), 15–19 (49), 22–26 (54), 29 Mar–2 Apr (59). Apr: Mon 5 (60).
      expect(calendar.addWorkingDays('2027-01-04', 60)).toBe('2027-04-05');
    });

    it('30 working days from Friday 14/8/2026 is Tuesday 29/9/2026', () => {
      // Aug: 17–21 (5), make-up Sat 22 (6), 24–28 (11), 29/8–2/9 off. Sep: Thu 3, Fri 4 (13), 7–11 (18),
      // 14–18 (23), 21–25 (28), Mon 28 (29), Tue 29 (30).
      expect(calendar.addWorkingDays('2026-08-14', 30)).toBe('2026-09-29');
    });

    it('30 working days from Tuesday 15/4/2025 is Thursday 29/5/2025', () => {
      // Apr: 16–18 (3), 21–25 (8), make-up Sat 26 (9), Mon 28, Tue 29 (11), 30/4–4/5 off.
      // May: 5–9 (16), 12–16 (21), 19–23 (26), 26–29 (30).
      expect(calendar.addWorkingDays('2025-04-15', 30)).toBe('2025-05-29');
    });

    it('rejects a negative or fractional n and an invalid date', () => {
      expect(() => calendar.addWorkingDays('2026-01-05', -1)).toThrow(RangeError);
      expect(() => calendar.addWorkingDays('2026-01-05', 1.5)).toThrow(RangeError);
      expect(() => calendar.addWorkingDays('2026-02-30', 1)).toThrow(RangeError);
    });
  });

  describe('workingDaysBetween', () => {
    it('counts (from, to]: from excluded, to included', () => {
      // Fri 13/2 excluded; Tết 14–22 off; Mon 23/2 included.
      expect(calendar.workingDaysBetween('2026-02-13', '2026-02-23')).toBe(1);
      expect(calendar.workingDaysBetween('2026-01-05', '2026-04-03')).toBe(60);
    });

    it('is zero for the same day and negative when to precedes from', () => {
      expect(calendar.workingDaysBetween('2026-03-10', '2026-03-10')).toBe(0);
      expect(calendar.workingDaysBetween('2026-04-03', '2026-01-05')).toBe(-60);
      // Backwards over Tết alone: no working day, and 0 rather than -0.
      expect(calendar.workingDaysBetween('2026-02-22', '2026-02-13')).toBe(0);
    });
  });

  describe('inverse consistency', () => {
    // Days from 2024-07-01 to 2028-06-30: the table years and some without any override.
    const anyDate = fc.integer({ min: 0, max: 1460 }).map((offset) => addDays('2024-07-01', offset));

    it('workingDaysBetween(d, addWorkingDays(d, n)) === n', () => {
      fc.assert(
        fc.property(anyDate, fc.integer({ min: 0, max: 300 }), (date, n) => {
          expect(calendar.workingDaysBetween(date, calendar.addWorkingDays(date, n))).toBe(n);
        }),
      );
    });

    it('addWorkingDays(d, workingDaysBetween(d, t)) === t for a working day t after d', () => {
      fc.assert(
        fc.property(anyDate, fc.integer({ min: 1, max: 400 }), (date, span) => {
          const target = addDays(date, span);
          fc.pre(calendar.isWorkingDay(target));
          expect(calendar.addWorkingDays(date, calendar.workingDaysBetween(date, target))).toBe(target);
        }),
      );
    });

    it('workingDaysBetween counts what isWorkingDay says, a day at a time, across years', () => {
      const wide = fc.integer({ min: 0, max: 3 * 365 }).map((offset) => addDays('2023-11-15', offset));
      fc.assert(
        fc.property(wide, fc.integer({ min: 0, max: 800 }), (from, span) => {
          const to = addDays(from, span);
          let count = 0;
          for (let date = addDays(from, 1); date <= to; date = addDays(date, 1))
            if (calendar.isWorkingDay(date)) count++;
          expect(calendar.workingDaysBetween(from, to)).toBe(count);
        }),
      );
    });

    it('swapping the arguments flips the sign', () => {
      fc.assert(
        fc.property(anyDate, anyDate, (a, b) => {
          expect(calendar.workingDaysBetween(a, b)).toBe(0 - calendar.workingDaysBetween(b, a));
        }),
      );
    });
  });

  describe('overrides passed to the constructor', () => {
    it('an extra day off moves a deadline by one working day', () => {
      const withExtraDayOff = new WorkingDayCalendar(BUILT_IN_OVERRIDES, [
        { date: '2026-03-10', kind: 'dayOff', note: 'test: provincial day off' },
      ]);
      expect(calendar.isWorkingDay('2026-03-10')).toBe(true);
      expect(withExtraDayOff.isWorkingDay('2026-03-10')).toBe(false);
      expect(withExtraDayOff.addWorkingDays('2026-01-05', 60)).toBe('2026-04-06');
    });

    it('a later override of the same date wins, and can make a holiday a working day', () => {
      const withMakeUp = new WorkingDayCalendar(BUILT_IN_OVERRIDES, [
        { date: '2026-09-01', kind: 'workingDay', note: 'test: replaces the built-in day off' },
      ]);
      expect(withMakeUp.isWorkingDay('2026-09-01')).toBe(true);
      expect(withMakeUp.holidaysIn(2026).map((holiday) => holiday.date)).not.toContain('2026-09-01');
    });

    it('rejects an override with an invalid date', () => {
      expect(() => new WorkingDayCalendar([{ date: '2026-13-01', kind: 'dayOff', note: 'bad' }])).toThrow(RangeError);
    });
  });

  describe('holidaysIn', () => {
    it('lists the days off of 2026 other than weekends, sorted, with their source', () => {
      expect(calendar.holidaysIn(2026).map(({ date, source }) => `${date} ${source}`)).toEqual([
        '2026-01-01 library',
        '2026-01-02 builtIn',
        '2026-02-16 library',
        '2026-02-17 library',
        '2026-02-18 library',
        '2026-02-19 library',
        '2026-02-20 library',
        '2026-04-26 library',
        '2026-04-27 substitute',
        '2026-04-30 library',
        '2026-05-01 library',
        '2026-08-31 builtIn',
        '2026-09-01 builtIn',
        '2026-09-02 library',
      ]);
    });

    it('names the days of Tết after the lunar new year, not after its eve', () => {
      const names = calendar.holidaysIn(2026).filter((holiday) => holiday.date.startsWith('2026-02'));
      expect(names.map((holiday) => holiday.name)).toEqual([
        'Giao thừa Tết Nguyên Đán',
        'Tết Nguyên Đán',
        'Tết Nguyên Đán',
        'Tết Nguyên Đán',
        'Tết Nguyên Đán',
      ]);
    });

    it('tells the days of the built-in table from those an admin entered, an entered one winning', () => {
      const entered = new WorkingDayCalendar(BUILT_IN_OVERRIDES, [
        { date: '2026-03-10', kind: 'dayOff', note: 'Ngày nghỉ của tỉnh' },
        { date: '2026-09-01', kind: 'dayOff', note: 'Ghi lại ngày 01/09' },
      ]);
      const sources = entered.holidaysIn(2026).map(({ date, name, source }) => `${date} ${source} ${name}`);
      expect(sources).toContain(
        '2026-01-02 builtIn Hoán đổi với thứ Bảy 10/01/2026; nghỉ từ 01/01 đến 04/01/2026 (Công văn 12729/VPCP-KGVX ngày 25/12/2025)',
      );
      expect(sources).toContain('2026-03-10 override Ngày nghỉ của tỉnh');
      expect(sources).toContain('2026-09-01 override Ghi lại ngày 01/09');
    });

    it('drops a substitute cancelled by a working-day override', () => {
      expect(calendar.holidaysIn(2025).map((holiday) => holiday.date)).not.toContain('2025-02-03');
      expect(libraryOnly.holidaysIn(2025).map((holiday) => holiday.date)).toContain('2025-02-03');
    });
  });
});

describe('subtractWorkingDays', () => {
  const calendar = new WorkingDayCalendar();

  it('counts back over the Tết 2026 break: 5 working days before Wednesday 25/2 is Friday 13/2', () => {
    // Back from 25/2: 24, 23 (Mon), then the break 14/2–22/2 is skipped, 13/2 (Fri) is the 3rd... so count:
    // 24/2 (1), 23/2 (2), 13/2 (3), 12/2 (4), 11/2 (5).
    expect(calendar.subtractWorkingDays('2026-02-25', 5)).toBe('2026-02-11');
  });

  it('returns the date itself for n = 0 and refuses a negative n', () => {
    expect(calendar.subtractWorkingDays('2026-03-02', 0)).toBe('2026-03-02');
    expect(() => calendar.subtractWorkingDays('2026-03-02', -1)).toThrow(RangeError);
  });

  it('is undone by addWorkingDays when it lands on a working day', () => {
    const back = calendar.subtractWorkingDays('2026-09-10', 7);
    expect(calendar.addWorkingDays(back, 7)).toBe('2026-09-10');
  });
});

import { addDays, addMonths, fromUtcDate, isLocalDate, toUtcDate } from './local-date';

describe('local dates', () => {
  it('go to and from UTC midnight as the ISO form says, every day from 1899 to 2201', () => {
    const wrong: string[] = [];
    for (let time = Date.UTC(1899, 0, 1); time <= Date.UTC(2201, 11, 31); time += 86_400_000) {
      const iso = new Date(time).toISOString().slice(0, 10);
      if (fromUtcDate(new Date(time)) !== iso || toUtcDate(iso).getTime() !== time) wrong.push(iso);
    }
    expect(wrong).toEqual([]);
  });

  it('refuse an invalid date rather than write one out', () => {
    expect(() => fromUtcDate(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => addDays('pas une date', 1)).toThrow(RangeError);
  });

  it('add days and months across month, year and leap-year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-11-15', 14)).toBe('2026-01-15');
    expect(isLocalDate('2025-02-29')).toBe(false);
    expect(isLocalDate('2024-02-29')).toBe(true);
  });
});

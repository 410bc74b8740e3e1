import type { DataSource } from 'typeorm';

export interface StoredCalendarOverride {
  date: string;
  kind: 'dayOff' | 'workingDay';
  note: string;
}

/** The admin's days off and make-up working days, oldest first. */
export function loadCalendarOverrides(dataSource: DataSource): Promise<StoredCalendarOverride[]> {
  return dataSource.query('SELECT date::text AS date, kind, note FROM calendar_overrides ORDER BY date');
}

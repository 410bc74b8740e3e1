import type { DataSource } from 'typeorm';
import { BUILT_IN_OVERRIDES, WorkingDayCalendar, type CalendarOverride } from '../../../../libs/calendar/src';
import type { WorkingDaysPort } from '../../../../workflows/common/src/working-days-port';

/**
 * The working-day calendar in force: the built-in table followed by the admin's overrides from the database,
 * rebuilt whenever an admin changes them (the workflow keeps a reference to this object, not to one calendar).
 */
export class OfficeCalendar implements WorkingDaysPort {
  private current = new WorkingDayCalendar();

  constructor(private readonly dataSource: DataSource) {}

  async reload(): Promise<void> {
    const rows: CalendarOverride[] = await this.dataSource.query(
      'SELECT date::text AS date, kind, note FROM calendar_overrides ORDER BY date',
    );
    this.current = new WorkingDayCalendar([...BUILT_IN_OVERRIDES, ...rows]);
  }

  get calendar(): WorkingDayCalendar {
    return this.current;
  }

  addWorkingDays(from: string, days: number): string {
    return this.current.addWorkingDays(from, days);
  }
}

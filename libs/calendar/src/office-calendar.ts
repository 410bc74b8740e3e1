import type { WorkingDaysPort } from '@workflows/common/working-days-port';
import { BUILT_IN_OVERRIDES, type CalendarOverride } from './holiday-overrides';
import { WorkingDayCalendar } from './working-days';

/**
 * The calendar in force: the built-in table followed by the overrides an admin keeps in the database,
 * rebuilt on `reload()`. Workflows hold this object, so a reload reaches them without a restart.
 */
export class OfficeCalendar implements WorkingDaysPort {
  private current = new WorkingDayCalendar();

  constructor(private readonly loadOverrides: () => Promise<CalendarOverride[]>) {}

  async reload(): Promise<this> {
    this.current = new WorkingDayCalendar(BUILT_IN_OVERRIDES, await this.loadOverrides());
    return this;
  }

  get calendar(): WorkingDayCalendar {
    return this.current;
  }

  addWorkingDays(from: string, days: number): string {
    return this.current.addWorkingDays(from, days);
  }
}

import type { LocalDate } from './local-date';

/** What a workflow needs of a working-day calendar; the application supplies the Vietnamese one. */
export interface WorkingDaysPort {
  addWorkingDays(from: LocalDate, days: number): LocalDate;
}

export { BUILT_IN_OVERRIDES, type CalendarOverride } from './holiday-overrides';
export type { Holiday } from './public-holidays';
export { WorkingDayCalendar } from './working-days';
export { OfficeCalendar } from './office-calendar';

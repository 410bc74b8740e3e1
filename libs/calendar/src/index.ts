export { BUILT_IN_OVERRIDES, type CalendarOverride } from './holiday-overrides';
export { HOLIDAY_SOURCES, type Holiday, type HolidaySource } from './public-holidays';
export { WorkingDayCalendar } from './working-days';
export { OfficeCalendar } from './office-calendar';

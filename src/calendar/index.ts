export { CALENDAR_STATES, WEEKDAYS } from './calendar-spec';
export type { CalendarSpec, CalendarState, ClosureSpec, HolidaySpec, MinuteRange, Weekday } from './calendar-spec';
export { CALENDAR_CONFIG_SCHEMA, CALENDAR_NAME_PATTERN, CALENDAR_SCHEMA } from './calendar-schema';
export { normalizeCalendars } from './normalize-calendars';
export type { CalendarNormalizeResult } from './normalize-calendars';
export { CalendarSet } from './calendar-set';
export { CompiledCalendar } from './compiled-calendar';
export type { CalendarVerdict } from './compiled-calendar';

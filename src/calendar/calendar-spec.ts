/** The states a condition may ask about (`{ calendar: support, is: closed }`). */
export const CALENDAR_STATES = ['open', 'closed', 'holiday'] as const;

/** What a calendar says about an instant. `holiday` is a kind of closed. */
export type CalendarState = (typeof CALENDAR_STATES)[number];

/** Day names in ISO order (Monday first), as written in `hours` keys. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * An opening interval in local wall-clock minutes after midnight. `end` is
 * exclusive and may exceed 1440 for a range that runs past midnight
 * (`22:00-02:00` is `[1320, 1560]`); the part after midnight belongs to the
 * day the range starts on.
 */
export type MinuteRange = readonly [start: number, end: number];

/** A one-off holiday date or a yearly one. */
export interface HolidaySpec {
  /** `YYYY-MM-DD`, or `--MM-DD` for every year. */
  readonly date: string;
  readonly name?: string;
}

/** A one-off closure, as UTC epoch milliseconds (start inclusive, end exclusive). */
export interface ClosureSpec {
  readonly fromMs: number;
  readonly toMs: number;
  readonly reason?: string;
}

/**
 * One calendar after normalisation: plain JSON data, so it can sit in a
 * frozen, hashed snapshot (`AppSettings.calendars`).
 */
export interface CalendarSpec {
  /** IANA time zone, e.g. `Europe/London`. */
  readonly timezone: string;
  readonly description?: string;
  /** Seven lists of opening ranges, Monday first, each sorted by start. */
  readonly week: readonly (readonly MinuteRange[])[];
  readonly holidays: readonly HolidaySpec[];
  /** Sorted by start. */
  readonly closures: readonly ClosureSpec[];
}

import { DateTime } from 'luxon';

/** JSON Schema pattern for a holiday: `YYYY-MM-DD`, or `--MM-DD` / `MM-DD` for every year. */
export const HOLIDAY_DATE_PATTERN = '^(?:\\d{4}-\\d{2}-\\d{2}|(?:--)?\\d{2}-\\d{2})$';

/** JSON Schema pattern for a closure bound: a date, or a local date-time with an optional UTC offset. */
export const LOCAL_DATE_TIME_PATTERN =
  '^\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,3})?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?$';

const FULL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const YEARLY = /^(?:--)?(\d{2})-(\d{2})$/;
const DATE_TIME = new RegExp(LOCAL_DATE_TIME_PATTERN);
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * TOML parsers hand dates over as Date objects whose ISO form is the local
 * value (`2025-12-25`, `2025-12-24T12:00:00.000`); accept those as their text.
 */
export function dateText(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw.trim();
  if (raw instanceof Date && !Number.isNaN(raw.getTime())) return raw.toISOString();
  return undefined;
}

/**
 * Normalises a holiday date to `YYYY-MM-DD` or `--MM-DD` (yearly). Returns a
 * message instead for anything that is not a real calendar date.
 */
export function parseHolidayDate(text: string): string | { error: string } {
  const full = FULL_DATE.exec(text);
  if (full) {
    const dt = DateTime.fromObject({ year: Number(full[1]), month: Number(full[2]), day: Number(full[3]) }, { zone: 'UTC' });
    return dt.isValid ? text : { error: `"${text}" is not a real date` };
  }
  const yearly = YEARLY.exec(text);
  if (yearly) {
    const month = Number(yearly[1]);
    const day = Number(yearly[2]);
    if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]) return { error: `"${text}" is not a day of the year` };
    return `--${yearly[1]}-${yearly[2]}`;
  }
  return { error: `"${text}" is not a date; write YYYY-MM-DD, or --MM-DD for a holiday that falls on the same day every year` };
}

/**
 * Converts a closure bound into epoch ms in `zone`. A bare date means the
 * start of that day, or, as an `end`, the start of the next day (so
 * `to: 2025-12-26` closes all of the 26th). Local times that fall in a DST gap
 * move forward, as clocks do.
 */
export function parseClosureBound(text: string, zone: string, end: boolean): number | { error: string } {
  if (!DATE_TIME.test(text)) {
    return { error: `"${text}" is not a date or date-time; write YYYY-MM-DD or YYYY-MM-DDTHH:MM (local time in the calendar's zone)` };
  }
  const iso = text.replace(' ', 'T');
  const dt = DateTime.fromISO(iso, { zone, setZone: false });
  if (!dt.isValid) return { error: `"${text}" is not a real date-time (${dt.invalidExplanation ?? dt.invalidReason})` };
  const dateOnly = FULL_DATE.test(text);
  return (dateOnly && end ? dt.plus({ days: 1 }) : dt).toMillis();
}

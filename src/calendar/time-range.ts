import type { MinuteRange } from './calendar-spec';

const CLOCK = '(?:[01]?\\d|2[0-3]):[0-5]\\d';

/** JSON Schema pattern for one opening range (`09:00-17:30`, `22:00-02:00`, `00:00-24:00`). */
export const TIME_RANGE_PATTERN = `^\\s*${CLOCK}\\s*-\\s*(?:${CLOCK}|24:00)\\s*$`;

const RANGE = new RegExp(TIME_RANGE_PATTERN);

function minutes(hhmm: string): number {
  const [h, m] = hhmm.trim().split(':').map(Number);
  return h * 60 + m;
}

/**
 * Parses `HH:MM-HH:MM` into minutes. An end at or before the start means the
 * range runs past midnight into the next day (`22:00-02:00`); `24:00` is
 * accepted as an end only. Returns a message instead when malformed.
 */
export function parseTimeRange(text: string): MinuteRange | string {
  if (!RANGE.test(text)) return `"${text}" is not a time range; write HH:MM-HH:MM, e.g. "09:00-17:30" (24-hour clock, end exclusive)`;
  const [a, b] = text.split('-');
  const start = minutes(a);
  let end = minutes(b);
  if (end === start) return `"${text}" is empty: it starts and ends at the same time (write "00:00-24:00" for all day)`;
  if (end < start) end += 1440;
  return [start, end];
}

/** `HH:MM` for a minute count (24:00 and overnight ends shown on the next day's clock). */
export function formatMinutes(total: number): string {
  const m = total % 1440 === 0 && total > 0 ? 1440 : total % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

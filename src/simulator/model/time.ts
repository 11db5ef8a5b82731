const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** Formats epoch ms the way Asterisk stamps events: `2026-11-22T14:43:34.770+0000`. */
export function formatAriTimestamp(ms: number): string {
  const d = new Date(Math.floor(ms));
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+0000`
  );
}

/** RFC 7231 date for the HTTP `Date` header. */
export function formatHttpDate(ms: number): string {
  return new Date(Math.floor(ms)).toUTCString();
}

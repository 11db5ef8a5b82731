import { WEEKDAYS } from './calendar-spec';

const FULL_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** Lower-case day word → index (0 = Monday). */
const DAY_INDEX = new Map<string, number>([...WEEKDAYS.map((d, i) => [d, i] as const), ...FULL_NAMES.map((d, i) => [d, i] as const)]);

const DAY_WORD = `(?:${WEEKDAYS.map((d, i) => `${d}(?:${FULL_NAMES[i].slice(3)})?`).join('|')})`;
const ITEM = `${DAY_WORD}(?:\\s*-\\s*${DAY_WORD})?`;

// Case-insensitive without regex flags, because JSON Schema patterns take none.
function anyCase(pattern: string): string {
  return pattern.replace(/(?<!\\)[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
}

/** JSON Schema pattern for an `hours` key: `mon`, `mon-fri`, `sat,sun`, `mon-wed,fri`, `daily` (any case). */
export const DAY_SPEC_PATTERN = anyCase(`^\\s*(?:daily|${ITEM}(?:\\s*,\\s*${ITEM})*)\\s*$`);

/**
 * Parses an `hours` key into day indexes (0 = Monday). A range may wrap past
 * Sunday (`fri-mon`). Returns a message instead when the key is malformed.
 */
export function parseDaySpec(key: string): number[] | string {
  const text = key.trim().toLowerCase();
  if (text === 'daily') return [0, 1, 2, 3, 4, 5, 6];
  const days: number[] = [];
  for (const part of text.split(',')) {
    const bounds = part.split('-').map((s) => s.trim());
    const idx = bounds.map((b) => DAY_INDEX.get(b));
    if (bounds.length > 2 || idx.some((i) => i === undefined)) {
      return `"${key}" is not a day or day range; write mon, tue, wed, thu, fri, sat, sun, a range like mon-fri, a list like sat,sun, or daily`;
    }
    const [from, to = from] = idx as number[];
    for (let d = from; ; d = (d + 1) % 7) {
      days.push(d);
      if (d === to) break;
    }
  }
  return days;
}

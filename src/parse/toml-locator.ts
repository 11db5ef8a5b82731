import type { JsonPath } from '../core/json-path';
import type { LocateOptions, SourcePosition } from './source-document';

interface Place {
  key: SourcePosition;
  value: SourcePosition;
}

const BARE_KEY = /^[A-Za-z0-9_-]+/;

/**
 * A best-effort position finder for TOML: smol-toml gives values but no
 * positions, so this scans table headers (`[a.b]`, `[[routes]]`) and
 * `key = value` lines and maps their full paths to places. Paths inside
 * inline arrays and tables fall back to the key that holds them.
 */
export function tomlLocator(text: string): (path: JsonPath, options?: LocateOptions) => SourcePosition | undefined {
  const places = scan(text);
  return (path, options) => {
    for (let n = path.length; n > 0; n--) {
      const place = places.get(pathKey(path.slice(0, n)));
      if (place) return n === path.length && options?.key ? place.key : place.value;
    }
    return { line: 1, column: 1 };
  };
}

function scan(text: string): Map<string, Place> {
  const places = new Map<string, Place>();
  const arrayCounts = new Map<string, number>();
  let table: (string | number)[] = [];
  let inMultiline: '"""' | "'''" | undefined;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    if (inMultiline) {
      if (raw.includes(inMultiline)) inMultiline = undefined;
      return;
    }
    const indent = raw.length - raw.trimStart().length;
    const line = raw.trimStart();
    if (line.startsWith('[')) {
      const isArray = line.startsWith('[[');
      const keys = parseKeys(line.slice(isArray ? 2 : 1));
      if (!keys) return;
      const resolved = resolveTable(keys.keys, arrayCounts);
      if (isArray) {
        const count = (arrayCounts.get(pathKey(resolved)) ?? 0) + 1;
        arrayCounts.set(pathKey(resolved), count);
        const pos = { line: lineNo, column: indent + 1 };
        if (!places.has(pathKey(resolved))) places.set(pathKey(resolved), { key: pos, value: pos });
        resolved.push(count - 1);
      }
      const pos = { line: lineNo, column: indent + 1 };
      places.set(pathKey(resolved), { key: pos, value: pos });
      table = resolved;
      return;
    }
    const parsed = parseKeys(line);
    if (!parsed || line[parsed.length] === undefined) return;
    const rest = line.slice(parsed.length);
    const eq = /^\s*=\s*/.exec(rest);
    if (!eq) return;
    const valueStart = parsed.length + eq[0].length;
    const full = [...table, ...parsed.keys];
    places.set(pathKey(full), {
      key: { line: lineNo, column: indent + 1 },
      value: { line: lineNo, column: indent + valueStart + 1 },
    });
    const value = line.slice(valueStart);
    for (const quote of ['"""', "'''"] as const) {
      const first = value.indexOf(quote);
      if (first >= 0 && value.indexOf(quote, first + 3) < 0) inMultiline = quote;
    }
  });
  return places;
}

/** Reads `a."b c".d` from the start of `s`; returns the keys and how many characters they took. */
function parseKeys(s: string): { keys: string[]; length: number } | undefined {
  const keys: string[] = [];
  let i = 0;
  for (;;) {
    while (s[i] === ' ' || s[i] === '\t') i++;
    const c = s[i];
    if (c === '"' || c === "'") {
      const end = findQuoteEnd(s, i + 1, c);
      if (end < 0) return undefined;
      const inner = s.slice(i + 1, end);
      keys.push(c === '"' ? unescapeBasic(inner) : inner);
      i = end + 1;
    } else {
      const m = BARE_KEY.exec(s.slice(i));
      if (!m) return undefined;
      keys.push(m[0]);
      i += m[0].length;
    }
    let j = i;
    while (s[j] === ' ' || s[j] === '\t') j++;
    if (s[j] !== '.') return { keys, length: i };
    i = j + 1;
  }
}

function findQuoteEnd(s: string, from: number, quote: string): number {
  for (let i = from; i < s.length; i++) {
    if (quote === '"' && s[i] === '\\') i++;
    else if (s[i] === quote) return i;
  }
  return -1;
}

function unescapeBasic(inner: string): string {
  try {
    return JSON.parse(`"${inner}"`) as string;
  } catch {
    return inner;
  }
}

/** Inserts the current index of every array of tables the header passes through. */
function resolveTable(keys: string[], arrayCounts: Map<string, number>): (string | number)[] {
  const out: (string | number)[] = [];
  keys.forEach((k, i) => {
    out.push(k);
    const count = arrayCounts.get(pathKey(out));
    if (count !== undefined && i < keys.length - 1) out.push(count - 1);
  });
  // `[routes.metadata]` after `[[routes]]`: the last segment may itself be inside an array above.
  return out;
}

function pathKey(path: JsonPath): string {
  return JSON.stringify(path);
}

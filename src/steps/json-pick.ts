/**
 * A small JSONPath subset for saving parts of an HTTP answer: `$` (the whole
 * answer), then any number of `.name`, `['name']` / `["name"]` and `[index]`
 * (a negative index counts from the end). No wildcards, filters or
 * recursion: one path names at most one value.
 */
export const JSON_PICK_PATTERN = '^\\$(?:\\.[A-Za-z_][A-Za-z0-9_-]*|\\[-?[0-9]+\\]|\\[\'[^\']*\'\\]|\\["[^"]*"\\])*$';

const SEGMENT = /\.([A-Za-z_][A-Za-z0-9_-]*)|\[(-?[0-9]+)\]|\['([^']*)'\]|\["([^"]*)"\]/y;

export type PickSegment = string | number;

/** The segments of a path, or undefined when it is not in the subset. */
export function parsePick(path: string): PickSegment[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const out: PickSegment[] = [];
  SEGMENT.lastIndex = 1;
  while (SEGMENT.lastIndex < path.length) {
    const start = SEGMENT.lastIndex;
    const m = SEGMENT.exec(path);
    if (!m || m.index !== start) return undefined;
    out.push(m[2] !== undefined ? Number(m[2]) : (m[1] ?? m[3] ?? m[4]));
  }
  return out;
}

/** The value at `segments` inside `value` (own properties only), or undefined when there is none. */
export function pick(value: unknown, segments: readonly PickSegment[]): unknown {
  let node = value;
  for (const seg of segments) {
    if (typeof seg === 'number') {
      if (!Array.isArray(node)) return undefined;
      node = node[seg < 0 ? node.length + seg : seg];
    } else {
      if (node === null || typeof node !== 'object' || Array.isArray(node) || !Object.hasOwn(node, seg)) return undefined;
      node = (node as Record<string, unknown>)[seg];
    }
  }
  return node;
}

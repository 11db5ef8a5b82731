import type { JsonPath } from '../core/json-path';

/**
 * Turns an RFC 6901 pointer into a path, reading `data` so that digit-only
 * object keys (menu options "1") stay strings and only array indexes become numbers.
 */
export function pointerToDataPath(pointer: string, data: unknown): (string | number)[] {
  if (pointer === '') return [];
  const out: (string | number)[] = [];
  let node: unknown = data;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^(0|[1-9][0-9]*)$/.test(seg)) {
      out.push(Number(seg));
      node = node[Number(seg)];
    } else {
      out.push(seg);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined;
    }
  }
  return out;
}

/** Reads the value at `path` inside `data`, or undefined. */
export function valueAt(data: unknown, path: JsonPath): unknown {
  let node = data;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node;
}

/** True when `inner` equals `outer` or lies inside it. */
export function isWithin(outer: JsonPath, inner: JsonPath): boolean {
  return outer.length <= inner.length && outer.every((seg, i) => String(seg) === String(inner[i]));
}

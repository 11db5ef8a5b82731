import type { JsonPath } from '../core/json-path';
import type { Span } from './node-ranges';
import { isPlainMap, nodeStart, readPlainYamlWithEnds, type PlainNode } from './plain-yaml';

/** A node's key (map entries) and value as an underline needs them. */
export interface UnderlineSpans {
  readonly key?: Span;
  readonly value: Span;
}

/**
 * The key and value spans of the node at a path, equal to what
 * `nodeRanges(text).get(path)` gives for whatever underlining a diagnostic
 * reads (see `diagnosticRange`): keys, scalars and flow collections exactly,
 * a block collection from its start to past the end of its first line (the
 * YAML package's end lies past it too: after its last item). Read with the
 * fast reader, so a keystroke's diagnostics need no YAML document; undefined
 * when the text is not plain YAML ending with a line break (then a block
 * collection's end could fall on its first line).
 */
export function underlineSpans(text: string): ((path: JsonPath) => UnderlineSpans | undefined) | undefined {
  if (!text.endsWith('\n')) return undefined;
  const plain = readPlainYamlWithEnds(text);
  if (!plain) return undefined;
  const { root, ends } = plain;
  const valueSpan = (start: number): Span => {
    const end = ends.values.get(start) ?? start;
    return { start, end: end >= 0 ? end : text.indexOf('\n', start) + 1 };
  };
  return (path) => {
    if (path.length === 0) return undefined;
    let node: PlainNode = root;
    let keyStart: number | undefined;
    for (const seg of path) {
      if (typeof node === 'number') return undefined;
      keyStart = undefined;
      if (isPlainMap(node)) {
        // Entries are keyed by their path's JSON: a map key is always a string segment.
        if (typeof seg !== 'string') return undefined;
        let k = 1;
        while (k < node.length && node[k] !== seg) k += 3;
        if (k >= node.length) return undefined;
        keyStart = node[k + 1] as number;
        node = node[k + 2] as PlainNode;
      } else {
        if (typeof seg !== 'number' || !Number.isInteger(seg) || seg < 0 || seg + 1 >= node.length) return undefined;
        node = node[seg + 1] as PlainNode;
      }
    }
    const value = valueSpan(nodeStart(node));
    return keyStart === undefined ? { value } : { key: { start: keyStart, end: ends.keys.get(keyStart) ?? keyStart }, value };
  };
}

import { isAlias, isMap, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';
import type { JsonPath } from '../core/json-path';
import { LineIndex } from './line-index';
import type { LocateOptions, SourcePosition } from './source-document';

/**
 * Where each node of a YAML document starts, kept without the document: a
 * leaf is its start offset (-1 when it has none); a map is
 * `['m', start, key, keyStart, value, ...]` and a sequence
 * `['s', start, item, ...]`. An alias shares its anchor's tree.
 */
export type NodeStarts = number | NodeStartList;

/** A map's or a sequence's entry in {@link NodeStarts}. */
export type NodeStartList = (NodeStarts | string | undefined)[];

/**
 * The node starts of a parsed document. A thousand flow files' documents
 * kept for their positions cost the collector several times what these
 * arrays do, and only a file with a diagnostic ever needs a position.
 */
export function yamlNodeStarts(doc: Document): NodeStarts {
  // Anchored collections are registered before their items, so an alias inside its own anchor shares the list.
  const anchored = new Map<YamlNode, NodeStarts>();
  const visit = (node: YamlNode | null | undefined): NodeStarts => {
    if (isAlias(node)) {
      const target = node.resolve(doc) as YamlNode | undefined;
      return target ? (anchored.get(target) ?? visit(target)) : -1;
    }
    const start = node?.range?.[0] ?? -1;
    if (isMap(node)) {
      const list: NodeStartList = ['m', start];
      if (node.anchor) anchored.set(node, list);
      for (const pair of node.items) {
        const key = pair.key as YamlNode | null;
        list.push(keyText(key), (key as YamlNode | null)?.range?.[0] ?? -1, visit(pair.value as YamlNode | null));
      }
      return list;
    }
    if (isSeq(node)) {
      const list: NodeStartList = ['s', start];
      if (node.anchor) anchored.set(node, list);
      for (const item of node.items) list.push(visit(item as YamlNode | null));
      return list;
    }
    if (node?.anchor) anchored.set(node, start);
    return start;
  };
  return visit(doc.contents as YamlNode | null);
}

/**
 * Finds where a JSON path sits in a text from its node starts, and stops at
 * the deepest node that exists, so a path into a missing key still points at
 * its parent. Lines are counted on the first call.
 */
export function yamlLocator(tree: NodeStarts, text: string): (path: JsonPath, options?: LocateOptions) => SourcePosition | undefined {
  let lines: LineIndex | undefined;
  const at = (offset: number): SourcePosition | undefined => (offset < 0 ? undefined : (lines ??= new LineIndex(text)).position(offset));

  return (path, options) => {
    let node = tree;
    let best = at(startOf(node)) ?? { line: 1, column: 1 };
    for (let i = 0; i < path.length; i++) {
      if (typeof node === 'number') return best;
      const seg = path[i];
      if (node[0] === 'm') {
        const key = String(seg);
        let k = 2;
        while (k < node.length && node[k] !== key) k += 3;
        if (k >= node.length) return best;
        const keyStart = node[k + 1] as number;
        const value = node[k + 2] as NodeStarts;
        if (i === path.length - 1 && options?.key) return at(keyStart) ?? best;
        best = at(startOf(value)) ?? at(keyStart) ?? best;
        node = value;
      } else if (typeof seg === 'number' && Number.isInteger(seg) && seg >= 0 && seg + 2 < node.length) {
        node = node[seg + 2] as NodeStarts;
        best = at(startOf(node)) ?? best;
      } else {
        return best;
      }
    }
    return best;
  };
}

function startOf(node: NodeStarts): number {
  return typeof node === 'number' ? node : (node[1] as number);
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return key === null || key === undefined ? undefined : String(key);
}

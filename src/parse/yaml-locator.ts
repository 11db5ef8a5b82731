import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node as YamlNode } from 'yaml';
import type { JsonPath } from '../core/json-path';
import type { LocateOptions, SourcePosition } from './source-document';

/**
 * Finds where a JSON path sits in a parsed YAML (or JSON) document. Walks the
 * node tree and stops at the deepest node that exists, so a path into a
 * missing key still points at its parent.
 */
export function yamlLocator(doc: Document, lines: LineCounter): (path: JsonPath, options?: LocateOptions) => SourcePosition | undefined {
  const at = (node: YamlNode | null | undefined): SourcePosition | undefined => {
    const offset = node?.range?.[0];
    if (offset === undefined) return undefined;
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };

  return (path, options) => {
    let node = resolve(doc, doc.contents as YamlNode | null);
    let best = at(node) ?? { line: 1, column: 1 };
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => keyText(p.key) === String(seg));
        if (!pair) return best;
        const keyNode = pair.key as YamlNode | null;
        const valueNode = resolve(doc, pair.value as YamlNode | null);
        if (last && options?.key) return at(keyNode) ?? best;
        best = at(valueNode) ?? at(keyNode) ?? best;
        node = valueNode;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = resolve(doc, node.items[seg] as YamlNode | null | undefined);
        if (!item) return best;
        best = at(item) ?? best;
        node = item;
      } else {
        return best;
      }
    }
    return best;
  };
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return key === null || key === undefined ? undefined : String(key);
}

function resolve(doc: Document, node: YamlNode | null | undefined): YamlNode | null | undefined {
  // Aliases point at the anchored node: locate the anchor, which is where the text is.
  if (isAlias(node)) return node.resolve(doc) as YamlNode | undefined;
  return node;
}

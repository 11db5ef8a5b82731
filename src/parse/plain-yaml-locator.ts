import type { JsonPath } from '../core/json-path';
import { LineIndex } from './line-index';
import { nodeStart, type PlainNode } from './plain-yaml';
import type { LocateOptions, SourcePosition } from './source-document';

/**
 * Finds where a JSON path sits in a text read by `readPlainYaml`, exactly as
 * `yamlLocator` does in the YAML package's document of the same text: the
 * deepest node that exists (a path into a missing key points at its parent),
 * a map entry's value unless `key` is asked for.
 */
export function plainYamlLocator(root: PlainNode, text: string): (path: JsonPath, options?: LocateOptions) => SourcePosition | undefined {
  const lines = new LineIndex(text);
  return (path, options) => {
    let node = root;
    let best = nodeStart(node);
    for (let i = 0; i < path.length; i++) {
      if (typeof node === 'number') break;
      const seg = path[i];
      if (node.keys) {
        const k = node.keys.indexOf(String(seg));
        if (k < 0) break;
        if (i === path.length - 1 && options?.key) return lines.position(node.keyStarts?.[k] ?? best);
        node = node.items[k];
      } else {
        const item = typeof seg === 'number' ? node.items[seg] : undefined;
        if (item === undefined) break;
        node = item;
      }
      best = nodeStart(node);
    }
    return lines.position(best);
  };
}

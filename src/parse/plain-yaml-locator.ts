import type { JsonPath } from '../core/json-path';
import { LineIndex } from './line-index';
import { isPlainMap, nodeStart, type PlainNode } from './plain-yaml';
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
      let child: PlainNode | undefined;
      if (isPlainMap(node)) {
        const key = String(seg);
        for (let k = 1; k < node.length; k += 3) {
          if (node[k] !== key) continue;
          if (i === path.length - 1 && options?.key) return lines.position(node[k + 1] as number);
          child = node[k + 2] as PlainNode;
          break;
        }
      } else if (typeof seg === 'number' && Number.isInteger(seg) && seg >= 0 && seg + 1 < node.length) {
        child = node[seg + 1] as PlainNode;
      }
      if (child === undefined) break;
      node = child;
      best = nodeStart(node);
    }
    return lines.position(best);
  };
}

import { isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode, type Scalar } from 'yaml';
import type { JsonPath } from '../core/json-path';
import type { NodeEntry, NodeKind, Span } from './node-ranges';

/**
 * Node ranges of a YAML (or JSON: YAML is a superset) text. The parser keeps
 * going past syntax errors, so a file being typed still has its nodes.
 */
export function yamlRanges(text: string): { value: unknown; clean: boolean; entries: NodeEntry[] } {
  return yamlDocumentRanges(parseDocument(text, { uniqueKeys: false, prettyErrors: false }), text);
}

/**
 * {@link yamlRanges} of a document already parsed from `text` (uniqueKeys
 * only adds errors: a document parsed without any gives the same ranges).
 */
export function yamlDocumentRanges(doc: Document, text: string): { value: unknown; clean: boolean; entries: NodeEntry[] } {
  const entries: NodeEntry[] = [];
  const visit = (node: YamlNode | null | undefined, path: JsonPath, key?: { key: Span; keyText: Span }): void => {
    const kind = kindOf(node);
    const value = node?.range ? { start: node.range[0], end: node.range[1] } : undefined;
    const valueText = isScalar(node) ? scalarText(node, text) : undefined;
    entries.push({ path, kind, ...key, ...(value ? { value } : {}), ...(valueText ? { valueText } : {}) });
    if (isMap(node)) {
      for (const pair of node.items) {
        const k = pair.key as YamlNode | null;
        if (!isScalar(k) || !k.range) continue;
        const name = String(k.value);
        const keySpan = { start: k.range[0], end: k.range[1] };
        visit(pair.value as YamlNode | null, [...path, name], { key: keySpan, keyText: scalarText(k, text) ?? keySpan });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item as YamlNode | null, [...path, i]));
    }
  };
  visit(doc.contents as YamlNode | null, []);
  let value: unknown = null;
  try {
    value = doc.toJS({ maxAliasCount: 100 }) ?? null;
  } catch {
    // An alias bomb or a broken anchor: the nodes are still useful without the value.
  }
  return { value, clean: doc.errors.length === 0, entries };
}

function kindOf(node: YamlNode | null | undefined): NodeKind {
  if (isMap(node)) return 'map';
  if (isSeq(node)) return 'seq';
  if (isScalar(node)) return node.value === null && node.range?.[0] === node.range?.[1] ? 'empty' : 'scalar';
  // An alias stands for its anchor's value; a missing value is empty.
  return isAlias(node) ? 'scalar' : 'empty';
}

/** A scalar's text without quotes, when it sits on one line (block scalars and folded quotes have none). */
function scalarText(node: Scalar, text: string): Span | undefined {
  if (!node.range) return undefined;
  const [start, end] = node.range;
  const raw = text.slice(start, end);
  if (raw.includes('\n')) return undefined;
  if (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') return { start: start + 1, end: Math.max(start + 1, end - 1) };
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') return undefined;
  return { start, end };
}

import type { JsonPath } from '../core/json-path';
import type { Span } from '../parse/node-ranges';

/** The names the editor can jump between. */
export type SymbolKind = 'flow' | 'label' | 'calendar' | 'http-service' | 'queue';

/** One place a name is defined or used. */
export interface SymbolOccurrence {
  readonly kind: SymbolKind;
  readonly name: string;
  /** Labels only: the flow (or inline step list) the label belongs to. */
  readonly scope?: string;
  readonly role: 'definition' | 'reference';
  readonly uri: string;
  /** The name's text, without quotes: what a rename replaces. */
  readonly span: Span;
  /** Path of the value (or, for definitions written as keys, of the key's entry). */
  readonly path: JsonPath;
  /** Labels and gotos: the step list they sit in (a goto reaches its own list and the enclosing ones). */
  readonly listPath?: JsonPath;
}

/** Identity of a symbol: occurrences with the same key are the same name. */
export function symbolKey(s: Pick<SymbolOccurrence, 'kind' | 'name' | 'scope'>): string {
  return `${s.kind}\u0000${s.scope ?? ''}\u0000${s.name}`;
}

/** The scope of labels in the step list at `stepPath` of a file: the flow, or the route, rule or default holding inline steps. */
export function labelScope(uri: string, stepPath: JsonPath): string {
  if (stepPath[0] === 'flows' && stepPath.length > 1) return `flow:${String(stepPath[1])}`;
  return `inline:${uri}:${stepPath.slice(0, stepPath[0] === 'default' ? 1 : 2).join('/')}`;
}

/** True when a label in list `labelList` can be reached by a goto in list `gotoList` (the same list or an enclosing one). */
export function inScope(labelList: JsonPath | undefined, gotoList: JsonPath | undefined): boolean {
  if (!labelList || !gotoList || labelList.length > gotoList.length) return false;
  return labelList.every((seg, i) => seg === gotoList[i]);
}

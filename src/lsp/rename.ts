import { parse as parseYaml } from 'yaml';
import type { Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { LABEL_NAME } from '../steps/label';
import { NAME_PATTERNS } from '../schema/names';
import { occurrencesOf, symbolAt, type FeatureContext } from './feature-context';
import type { FileModel } from './file-model';
import type { SymbolKind, SymbolOccurrence } from './symbol';
import { isRecord } from '../core/is-record';

/** Why a rename cannot happen; the server answers it as a request error. */
export interface Refusal {
  readonly refused: string;
}

/** True for a {@link Refusal}. */
export function isRefusal(value: unknown): value is Refusal {
  return isRecord(value) && 'refused' in value;
}

const RENAMABLE: Partial<Record<SymbolKind, { what: string; pattern: RegExp }>> = {
  flow: { what: 'a flow id', pattern: new RegExp(NAME_PATTERNS.flowId) },
  label: { what: 'a label', pattern: LABEL_NAME },
};

/** prepareRename: the name under the cursor when it is a flow id or a label; null for anything else. */
export function prepareRename(ctx: FeatureContext): { range: Range; placeholder: string } | Refusal | null {
  const hit = symbolAt(ctx);
  if (!hit) return null;
  if (!RENAMABLE[hit.occurrence.kind]) return { refused: `only flow ids and labels can be renamed, not ${describe(hit.occurrence)}` };
  return { range: ctx.model.range(hit.occurrence.span), placeholder: hit.occurrence.name };
}

/**
 * Renames a flow id or a label everywhere the app names it: the definition
 * and every reference, in every file, quoting the new name where the
 * format would otherwise read it as something else (`123` in YAML).
 */
export function rename(ctx: FeatureContext, newName: string): WorkspaceEdit | Refusal | null {
  const hit = symbolAt(ctx);
  if (!hit) return null;
  const rule = RENAMABLE[hit.occurrence.kind];
  if (!rule) return { refused: `only flow ids and labels can be renamed, not ${describe(hit.occurrence)}` };
  if (!rule.pattern.test(newName)) return { refused: `"${newName}" is not ${rule.what} (${rule.pattern.source})` };
  const changes: Record<string, TextEdit[]> = {};
  for (const o of occurrencesOf(ctx, hit.occurrence)) {
    const model = ctx.modelOf(o.uri);
    if (!model) continue;
    (changes[o.uri] ??= []).push({ range: model.range(o.span), newText: written(model, o, newName) });
  }
  return { changes };
}

function describe(o: SymbolOccurrence): string {
  return `${o.kind === 'http-service' ? 'an HTTP service' : `a ${o.kind}`} ("${o.name}")`;
}

/** The name as it must be written where the old one was. */
function written(model: FileModel, o: SymbolOccurrence, name: string): string {
  const before = model.text[o.span.start - 1];
  if (before === '"' || before === "'") return name;
  if (model.format === 'toml') return /^[A-Za-z0-9_-]+$/.test(name) ? name : JSON.stringify(name);
  return typeof parseYaml(name) === 'string' ? name : JSON.stringify(name);
}

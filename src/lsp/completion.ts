import { CompletionItemKind, type CompletionItem, type Range } from 'vscode-languageserver';
import { parse as parseYaml } from 'yaml';
import type { JsonPath } from '../core/json-path';
import { nodeRanges, type Span } from '../parse/node-ranges';
import { CALL_FIELDS, TEMPLATE_ROOTS } from '../template/engine';
import type { FeatureContext } from './feature-context';
import { siteAt } from './file-symbols';
import type { FileModel } from './file-model';
import type { JsonSchema } from '../schema/json-schema';
import { valueAt } from './schema-nav';
import { visitAt, type WalkVisit } from './schema-walk';
import { labelScope, type SymbolKind } from './symbol';
import { isRecord } from '../core/is-record';

/** Stands in for the word being typed, so the text around it parses and says what the word is. */
const HOLE = '__voxtra_completion__';
const WORD = /[A-Za-z0-9_.@-]/;

/** How a proposal is written: a key (`name: `), a value, or a step in a list. */
type Shape = 'key' | 'value' | 'step';

interface Proposal {
  readonly label: string;
  readonly kind: CompletionItemKind;
  readonly detail?: string;
  readonly documentation?: string;
  readonly shape: Shape;
}

const SYMBOL_ITEM: Record<SymbolKind, { kind: CompletionItemKind; detail: string }> = {
  flow: { kind: CompletionItemKind.Function, detail: 'flow' },
  label: { kind: CompletionItemKind.Reference, detail: 'label' },
  calendar: { kind: CompletionItemKind.Value, detail: 'calendar (config)' },
  'http-service': { kind: CompletionItemKind.Value, detail: 'HTTP service (config)' },
  queue: { kind: CompletionItemKind.Value, detail: 'queue used in this app' },
};

/**
 * Completion: template variables inside `{{ }}` and condition expressions
 * (call.*, metadata.*, vars.*); and, by where the cursor is in the schema,
 * flow ids, labels in scope after `goto:`, calendars, HTTP services, queues,
 * step names, the keys a map allows (a step's own keys, metadata keys the
 * templates read) and enum values.
 */
export function completion(ctx: FeatureContext): CompletionItem[] {
  const { model, offset } = ctx;
  const word = wordAround(model.text, offset);
  const range = model.range(word);
  const template = templateExpression(model.text, offset);
  if (template !== undefined) return templateItems(ctx, template, range);
  const patched = model.text.slice(0, word.start) + HOLE + model.text.slice(word.end);
  const ranges = nodeRanges(patched, model.format);
  const hit = ranges.at(word.start + 1);
  if (!hit) return [];
  const quoted = /["']/.test(patched[word.start - 1] ?? '');
  if (hit.on === 'key') {
    const parent = hit.entry.path.slice(0, -1);
    return keyItems(ctx, ranges.value, parent).map((p) => item(model, p, range, quoted));
  }
  const at = visitAt(model.navigator, ranges.value, hit.entry.path);
  if (at.context.kind === 'def' && at.context.name === 'condition' && at.context.rel.length === 0) {
    const start = hit.entry.valueText?.start ?? hit.entry.value?.start ?? word.start;
    return templateItems(ctx, model.text.slice(start, offset), range);
  }
  if (valueAt(ranges.value, hit.entry.path) !== HOLE) return [];
  const proposals = valueItems(ctx, at);
  // A word alone on its line, or a new list item, may be the first key of a map being written.
  if (proposals.length === 0 && /(^|\n)[ \t]*(- +)*$/.test(patched.slice(0, word.start))) proposals.push(...keyItems(ctx, ranges.value, hit.entry.path, false));
  return proposals.map((p) => item(model, p, range, quoted));
}

/** The word the cursor is in (or right after), as a span. */
function wordAround(text: string, offset: number): Span {
  let start = offset;
  while (start > 0 && WORD.test(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && WORD.test(text[end])) end++;
  return { start, end };
}

/** The expression typed so far when the cursor is inside `{{ ... }}` or `{% ... %}` on its line. */
function templateExpression(text: string, offset: number): string | undefined {
  const line = text.slice(text.lastIndexOf('\n', offset - 1) + 1, offset);
  const open = Math.max(line.lastIndexOf('{{'), line.lastIndexOf('{%'));
  if (open < 0) return undefined;
  const rest = line.slice(open + 2);
  return rest.includes('}}') || rest.includes('%}') ? undefined : rest;
}

function templateItems(ctx: FeatureContext, expression: string, range: Range): CompletionItem[] {
  const dotted = /([A-Za-z_][\w-]*)\.[\w-]*$/.exec(expression);
  const make = (label: string, detail: string, documentation?: string): CompletionItem => ({
    label,
    kind: CompletionItemKind.Variable,
    detail,
    ...(documentation ? { documentation } : {}),
    textEdit: { range, newText: dotted ? `${dotted[1]}.${label}` : label },
    filterText: dotted ? `${dotted[1]}.${label}` : label,
  });
  if (!dotted) return TEMPLATE_ROOTS.map((r) => make(r, 'template root'));
  const indexes = ctx.indexes;
  switch (dotted[1]) {
    case 'call':
      return CALL_FIELDS.map((f) => make(f, 'call field'));
    case 'metadata': {
      const set = new Set(indexes.flatMap((i) => i.metadataKeys().set));
      const read = new Set(indexes.flatMap((i) => i.metadataKeys().read));
      return [...new Set([...set, ...read])].sort().map((k) => make(k, set.has(k) ? 'metadata set by a route or rule' : 'metadata read elsewhere, set by no route'));
    }
    case 'vars': {
      const written = new Set(indexes.flatMap((i) => i.vars().written));
      const read = new Set(indexes.flatMap((i) => i.vars().read));
      return [...new Set([...written, ...read])].sort().map((v) => make(v, written.has(v) ? 'variable set by a step' : 'variable read elsewhere, set by no step'));
    }
    default:
      return [];
  }
}

/** Proposals for the value at a place: names by symbol site, steps, enums and booleans. */
function valueItems(ctx: FeatureContext, at: WalkVisit): Proposal[] {
  const site = siteAt(ctx.model.role, at.context);
  if (site && site.is === 'reference') return symbolItems(ctx, site.kind, at);
  const out: Proposal[] = [];
  if (at.view.refs.includes('step')) out.push(...stepItems(ctx.model));
  const seen = new Set<string>();
  for (const { schema } of at.view.leaves) {
    for (const e of (schema.enum as unknown[] | undefined) ?? []) {
      if (typeof e !== 'string' || seen.has(e) || at.view.refs.includes('step')) continue;
      seen.add(e);
      out.push({ label: e, kind: CompletionItemKind.EnumMember, shape: 'value', ...(typeof schema.description === 'string' ? { documentation: schema.description } : {}) });
    }
    if (schema.type !== 'boolean') continue;
    for (const b of ['true', 'false']) {
      if (seen.has(b)) continue;
      seen.add(b);
      out.push({ label: b, kind: CompletionItemKind.Value, shape: 'value' });
    }
  }
  return out;
}

function symbolItems(ctx: FeatureContext, kind: SymbolKind, at: WalkVisit): Proposal[] {
  let names: string[];
  if (kind === 'label') {
    const stepPath = at.context.stepPath;
    if (!stepPath) return [];
    const scope = labelScope(ctx.model.uri, stepPath);
    names = [...new Set(ctx.indexes.flatMap((i) => i.labelsInScope(scope, stepPath.slice(0, -1))))];
  } else {
    names = [...new Set(ctx.indexes.flatMap((i) => i.names(kind)))].filter((n) => !n.startsWith('@'));
  }
  return names.sort().map((name) => ({ label: name, kind: SYMBOL_ITEM[kind].kind, detail: SYMBOL_ITEM[kind].detail, shape: 'value' }));
}

function stepItems(model: FileModel): Proposal[] {
  return [...model.language.steps.values()].map((def) => ({
    label: def.type,
    kind: CompletionItemKind.Keyword,
    detail: def.bare ? 'step' : 'step (with keys)',
    documentation: def.description,
    shape: def.bare ? 'value' : 'step',
  }));
}

/** Keys the map at `path` may still take: its schema's properties, step names for a step map, metadata keys templates read. */
function keyItems(ctx: FeatureContext, root: unknown, path: JsonPath, filterByValue = true): Proposal[] {
  const { model } = ctx;
  const at = visitAt(model.navigator, root, path, filterByValue ? valueAt(root, path) : undefined);
  const present = new Set(Object.keys(asRecord(valueAt(root, path))));
  if (at.view.refs.includes('step')) return stepItems(model).map((p) => ({ ...p, shape: 'key' }));
  if (at.context.kind === 'def' && at.context.name === 'metadata' && at.context.rel.length === 0) {
    const read = [...new Set(ctx.indexes.flatMap((i) => i.metadataKeys().read))].filter((k) => !present.has(k));
    return read.sort().map((k) => ({ label: k, kind: CompletionItemKind.Property, detail: 'metadata read by a template', shape: 'key' }));
  }
  const out: Proposal[] = [];
  for (const [name, schema] of model.navigator.properties(at.view)) {
    if (present.has(name) || name === '$schema') continue;
    const documentation = model.navigator.describe(schema as JsonSchema);
    out.push({ label: name, kind: CompletionItemKind.Property, shape: 'key', ...(documentation ? { documentation } : {}) });
  }
  return out;
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

/** A proposal written the way the file's format needs it at the cursor. */
function item(model: FileModel, p: Proposal, range: Range, quoted: boolean): CompletionItem {
  let text: string;
  const name = p.label;
  if (model.format === 'json') {
    text = quoted ? name : JSON.stringify(name);
    if (p.shape === 'key' && !quoted) text += ': ';
  } else if (model.format === 'toml') {
    text = p.shape === 'key' ? `${name} = ` : quoted ? name : JSON.stringify(name);
  } else {
    const safe = quoted || typeof parseYaml(name) === 'string' ? name : JSON.stringify(name);
    text = p.shape === 'key' || p.shape === 'step' ? `${safe}: ` : safe;
  }
  return {
    label: p.label,
    kind: p.kind,
    ...(p.detail ? { detail: p.detail } : {}),
    ...(p.documentation ? { documentation: p.documentation } : {}),
    textEdit: { range, newText: text },
  };
}

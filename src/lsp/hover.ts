import type { Hover } from 'vscode-languageserver';
import type { JsonPath } from '../core/json-path';
import { valueAt } from './schema-nav';
import { visitAt } from './schema-walk';
import { occurrencesOf, symbolAt, type FeatureContext } from './feature-context';
import type { FileModel } from './file-model';
import type { SymbolOccurrence } from './symbol';

/** Steps shown when hovering a flow id. */
const FIRST_STEPS = 5;
/** Lines of a definition shown at most. */
const MAX_LINES = 12;

/**
 * Hover: for a flow id, the flow's description and its first steps as
 * written; for a label, calendar or HTTP service, where it is defined; for
 * a key (or a bare step name), its description from the JSON Schema; for a
 * value, the description of what it is.
 */
export function hover(ctx: FeatureContext): Hover | null {
  const named = symbolAt(ctx);
  if (named) {
    const text = symbolHover(ctx, named.occurrence);
    if (text) return { contents: { kind: 'markdown', value: text }, range: ctx.model.range(named.occurrence.span) };
  }
  const { model, offset } = ctx;
  const hit = model.ranges.at(offset);
  if (!hit) return null;
  const { entry, on } = hit;
  const value = valueAt(model.ranges.value, entry.path);
  let text: string | undefined;
  if (on === 'key') {
    const parentPath = entry.path.slice(0, -1);
    const name = String(entry.path[entry.path.length - 1]);
    const parent = visitAt(model.navigator, model.ranges.value, parentPath).view;
    const step = parent.refs.includes('step') ? model.language.steps.get(name) : undefined;
    const prop = model.navigator.properties(parent).get(name);
    const description = step ? `(step) ${step.description}` : prop ? model.navigator.describe(prop) : undefined;
    text = description && `**${name}**: ${description}`;
  } else {
    const view = visitAt(model.navigator, model.ranges.value, entry.path).view;
    const step = typeof value === 'string' && view.refs.includes('step') ? model.language.steps.get(value) : undefined;
    text = step ? `**${step.type}**: (step) ${step.description}` : view.description;
  }
  const span = on === 'key' ? entry.key : entry.value;
  if (!text || !span) return null;
  return { contents: { kind: 'markdown', value: text }, range: model.range(span) };
}

function symbolHover(ctx: FeatureContext, o: SymbolOccurrence): string | undefined {
  const def = occurrencesOf(ctx, o).find((x) => x.role === 'definition');
  const uses = occurrencesOf(ctx, o).filter((x) => x.role === 'reference').length;
  const usage = `${uses} reference${uses === 1 ? '' : 's'}`;
  if (o.kind === 'flow') {
    const flow = ctx.indexes.map((i) => i.flow(o.name)).find((f) => f !== undefined);
    const model = flow && ctx.modelOf(flow.uri);
    if (!flow || !model) return `flow **${o.name}** is not defined in this app (${usage})`;
    const description = valueAt(model.ranges.value, [...flow.path, 'description']);
    const steps = firstSteps(model, flow.stepsPath);
    return [`flow **${o.name}** (${usage})`, typeof description === 'string' ? description : undefined, steps && fenced(model, steps)].filter(Boolean).join('\n\n');
  }
  if (o.kind === 'queue') return `queue **${o.name}** (${usage}); queues are Asterisk's, declared in queues.conf, not in Voxtra's files`;
  const model = def && ctx.modelOf(def.uri);
  if (!def || !model) return `${o.kind} **${o.name}** is not defined (${usage})`;
  const entry = model.ranges.get(def.path);
  const snippet = entry?.key && entry.value ? lines(model.text.slice(entry.key.start, entry.value.end)) : undefined;
  return [`${o.kind} **${o.name}** (${usage})`, snippet && fenced(model, snippet)].filter(Boolean).join('\n\n');
}

/** The source text of a flow's first steps, unindented. */
function firstSteps(model: FileModel, stepsPath: JsonPath): string | undefined {
  const first = model.ranges.get([...stepsPath, 0])?.value;
  if (!first) return undefined;
  let end = first.end;
  for (let i = 1; i < FIRST_STEPS; i++) end = model.ranges.get([...stepsPath, i])?.value?.end ?? end;
  const more = model.ranges.get([...stepsPath, FIRST_STEPS]) ? '\n…' : '';
  // A block list item starts its line ("  - answer"); an inline one starts where it is.
  const lineStart = model.text.lastIndexOf('\n', first.start - 1) + 1;
  const start = /^[ \t]*(- )?$/.test(model.text.slice(lineStart, first.start)) ? lineStart : first.start;
  const block = model.text.slice(start, end).split('\n');
  const indent = Math.min(...block.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  return lines(block.map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length))).join('\n').trimEnd()) + more;
}

function lines(text: string): string {
  const all = text.split('\n');
  return all.length > MAX_LINES ? `${all.slice(0, MAX_LINES).join('\n')}\n…` : text;
}

function fenced(model: FileModel, text: string): string {
  return `\`\`\`${model.format}\n${text}\n\`\`\``;
}

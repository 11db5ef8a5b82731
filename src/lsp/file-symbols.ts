import type { JsonPath } from '../core/json-path';
import type { NodeRanges } from '../parse/node-ranges';
import { TemplateEngine, templateEngine } from '../template/engine';
import type { SchemaNavigator } from './schema-nav';
import { walkSchema, type WalkContext } from './schema-walk';
import { labelScope, type SymbolKind, type SymbolOccurrence } from './symbol';
import { varsWritten, type StepTypes } from './vars-written';
import { isRecord } from '../core/is-record';

/** A flow defined in a file, for hovers. */
export interface FlowDefinition {
  readonly id: string;
  readonly uri: string;
  readonly path: JsonPath;
  /** Path of its step list. */
  readonly stepsPath: JsonPath;
}

/** What one file defines, uses and reads: the symbol index is built from these. */
export interface FileSymbols {
  readonly uri: string;
  readonly occurrences: readonly SymbolOccurrence[];
  readonly flows: readonly FlowDefinition[];
  /** Keys routes and rules put in the call's metadata. */
  readonly metadataSet: readonly string[];
  /** `metadata.NAME` read by templates and conditions. */
  readonly metadataRead: readonly string[];
  /** Variables steps set (`set`, `into`, the status variables...). */
  readonly varsWritten: readonly string[];
  /** `vars.NAME` read by templates and conditions. */
  readonly varsRead: readonly string[];
}

/** Which file of a project is read. */
export type FileRole = 'flow' | 'config';

interface Site {
  readonly role: FileRole;
  readonly context: WalkContext['kind'];
  /** Definition or step name; `''` for the document root. */
  readonly name: string;
  /** The value's path inside the context; `*` matches any one key. */
  readonly rel: readonly string[];
  readonly kind: SymbolKind;
  readonly is: 'definition' | 'reference';
  /** Definitions written as keys (`flows: { menu: ... }`) point at the key. */
  readonly onKey?: boolean;
}

/**
 * Where names are defined and used, by place in the schema: a new step that
 * names a flow or a label is one line here.
 */
const SITES: readonly Site[] = [
  { role: 'flow', context: 'def', name: 'flow', rel: [], kind: 'flow', is: 'definition', onKey: true },
  { role: 'flow', context: 'def', name: 'flowId', rel: [], kind: 'flow', is: 'reference' },
  { role: 'flow', context: 'step', name: 'call', rel: [], kind: 'flow', is: 'reference' },
  { role: 'flow', context: 'step', name: 'call', rel: ['flow'], kind: 'flow', is: 'reference' },
  { role: 'flow', context: 'step', name: 'label', rel: [], kind: 'label', is: 'definition' },
  { role: 'flow', context: 'step', name: 'goto', rel: [], kind: 'label', is: 'reference' },
  { role: 'flow', context: 'step', name: 'goto', rel: ['label'], kind: 'label', is: 'reference' },
  { role: 'flow', context: 'step', name: 'transfer_to_queue', rel: [], kind: 'queue', is: 'reference' },
  { role: 'flow', context: 'step', name: 'transfer_to_queue', rel: ['queue'], kind: 'queue', is: 'reference' },
  { role: 'flow', context: 'step', name: 'http', rel: ['service'], kind: 'http-service', is: 'reference' },
  { role: 'flow', context: 'def', name: 'matchMap', rel: ['calendar'], kind: 'calendar', is: 'reference' },
  { role: 'flow', context: 'def', name: 'matchMap', rel: ['calendar', 'name'], kind: 'calendar', is: 'reference' },
  { role: 'flow', context: 'def', name: 'condition', rel: ['calendar'], kind: 'calendar', is: 'reference' },
  { role: 'config', context: 'root', name: '', rel: ['calendars', '*'], kind: 'calendar', is: 'definition', onKey: true },
  { role: 'config', context: 'root', name: '', rel: ['http_services', '*'], kind: 'http-service', is: 'definition', onKey: true },
];

/** The symbol site a value sits at, if any. */
export function siteAt(role: FileRole, context: WalkContext): Site | undefined {
  return SITES.find((s) => s.role === role && s.context === context.kind && s.name === context.name && s.rel.length === context.rel.length && s.rel.every((r, i) => r === '*' || r === context.rel[i]));
}

/** Reads the names a flow file or the config defines and uses, and the variables its templates read and its steps set. */
export function fileSymbols(uri: string, role: FileRole, ranges: NodeRanges, nav: SchemaNavigator, steps: StepTypes): FileSymbols {
  const occurrences: SymbolOccurrence[] = [];
  const flows: FlowDefinition[] = [];
  const metadataSet = new Set<string>();
  const metadataRead = new Set<string>();
  const written = new Set<string>();
  const varsRead = new Set<string>();
  const read = (vars: string[][]): void => {
    for (const [root, field] of vars) {
      if (field === undefined || field === '*') continue;
      if (root === 'metadata') metadataRead.add(field);
      if (root === 'vars') varsRead.add(field);
    }
  };
  walkSchema(nav, ranges.value, ({ path, value, context }) => {
    if (role === 'flow' && context.kind === 'def' && context.name === 'flow' && context.rel.length === 0) {
      flows.push({ id: String(path[1]), uri, path, stepsPath: isRecord(value) ? [...path, 'steps'] : path });
    }
    if (role === 'flow' && context.kind === 'def' && context.name === 'metadata' && context.rel.length === 0 && isRecord(value)) {
      for (const k of Object.keys(value)) metadataSet.add(k);
    }
    if (role === 'flow' && context.kind === 'step' && context.rel.length === 0) {
      for (const v of varsWritten(steps, context.name, value)) written.add(v);
    }
    if (typeof value === 'string') {
      if (TemplateEngine.isTemplate(value)) read(safely(() => templateEngine.variables(value)));
      else if (context.kind === 'def' && context.name === 'condition' && context.rel.length === 0) read(safely(() => templateEngine.conditionVariables(value)));
    }
    const site = siteAt(role, context);
    if (!site) return;
    const entry = ranges.get(path);
    const name = site.onKey ? String(path[path.length - 1]) : value;
    const span = site.onKey ? entry?.keyText : entry?.valueText;
    // Templated queue names and values of the wrong type are not names.
    if (typeof name !== 'string' || !span || TemplateEngine.isTemplate(name)) return;
    const stepPath = context.stepPath;
    const label = site.kind === 'label' && stepPath;
    occurrences.push({
      kind: site.kind,
      name,
      role: site.is,
      uri,
      span,
      path,
      ...(label ? { scope: labelScope(uri, stepPath), listPath: stepPath.slice(0, -1) } : {}),
    });
  });
  return { uri, occurrences, flows, metadataSet: [...metadataSet], metadataRead: [...metadataRead], varsWritten: [...written], varsRead: [...varsRead] };
}

function safely(read: () => string[][]): string[][] {
  try {
    return read();
  } catch {
    // A template that does not parse reads nothing; TEMPLATE_SYNTAX reports it.
    return [];
  }
}

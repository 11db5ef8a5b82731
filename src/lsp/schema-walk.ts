import type { JsonPath } from '../core/json-path';
import { childValue, valueAt, type SchemaNavigator, type SchemaView } from './schema-nav';
import { isRecord } from '../core/is-record';

/**
 * What a value is part of: the document itself, an instance of a shared
 * definition (`flowId`, `matchMap`, `condition`...), or the body of a step
 * of some type. `rel` is the path from that context's own value.
 */
export interface WalkContext {
  readonly kind: 'root' | 'def' | 'step';
  /** The definition or step type (`''` for the root). */
  readonly name: string;
  readonly rel: JsonPath;
  /** Path of the innermost step (the list item) around the value, if any. */
  readonly stepPath?: JsonPath;
}

/** One value met by {@link walkSchema}. */
export interface WalkVisit {
  readonly path: JsonPath;
  readonly value: unknown;
  readonly view: SchemaView;
  readonly context: WalkContext;
}

const ROOT: WalkContext = { kind: 'root', name: '', rel: [] };

/**
 * Visits every value of a document with the schema that describes it, in
 * document order. Steps are recognised through the schema (`$defs/step`),
 * so a new step type or a new nested step list needs nothing here.
 */
export function walkSchema(nav: SchemaNavigator, value: unknown, visit: (v: WalkVisit) => void): void {
  const walk = (at: WalkVisit): void => {
    visit(at);
    const val = at.value;
    const keys: (string | number)[] = Array.isArray(val) ? val.map((_v, i) => i) : isRecord(val) ? Object.keys(val) : [];
    for (const key of keys) walk(descend(nav, at, key, childValue(val, key)));
  };
  walk({ path: [], value, view: nav.rootView(value), context: ROOT });
}

/**
 * The visit of the value at `path`, as {@link walkSchema} would see it. The
 * last segment's value may be given apart (`last`): undefined keeps every
 * form the schema allows there, whatever is written.
 */
export function visitAt(nav: SchemaNavigator, root: unknown, path: JsonPath, last: unknown = valueAt(root, path)): WalkVisit {
  let at: WalkVisit = { path: [], value: root, view: nav.rootView(path.length === 0 ? last : root), context: ROOT };
  path.forEach((key, i) => {
    at = descend(nav, at, key, i === path.length - 1 ? last : childValue(at.value, key));
  });
  return at;
}

function descend(nav: SchemaNavigator, parent: WalkVisit, key: string | number, value: unknown): WalkVisit {
  const view = nav.child(parent.view, key, value);
  const path = [...parent.path, key];
  const step = parent.context.stepPath ? { stepPath: parent.context.stepPath } : {};
  let context: WalkContext;
  if (parent.view.refs.includes('step') && typeof key === 'string') context = { kind: 'step', name: key, rel: [], stepPath: parent.path };
  else if (view.refs.length > 0) context = { kind: 'def', name: view.refs[0], rel: [], ...step };
  else context = { ...parent.context, rel: [...parent.context.rel, key] };
  return { path, value, view, context };
}

import type { JsonSchema } from '../schema/json-schema';
import { isRecord } from '../core/is-record';

/** One concrete schema (no `$ref` or combinator left at its top) and the `$defs` passed to reach it. */
interface Leaf {
  readonly schema: JsonSchema;
  readonly refs: readonly string[];
}

/** What the schema says about one value: its concrete forms, the `$defs` it is an instance of, its description. */
export interface SchemaView {
  readonly leaves: readonly Leaf[];
  /** `$defs` names the value was reached through (`flowId`, `step`, `matchMap`...). */
  readonly refs: readonly string[];
  /** The first description met, the property's own before its target's. */
  readonly description?: string;
}

const SHAPE_KEYWORDS = ['type', 'properties', 'additionalProperties', 'items', 'prefixItems', 'enum', 'const', 'propertyNames'];
const DEF_REF = /^#\/\$defs\/(.+)$/;

/**
 * Walks a JSON Schema (draft 2020-12, local `$ref`s only) alongside a value:
 * the schemas of a child given its key, with `anyOf`/`oneOf` branches kept
 * when they fit the value's type. What the editor features read descriptions,
 * allowed keys and enums from.
 */
export class SchemaNavigator {
  private readonly expanded = new WeakMap<JsonSchema, Leaf[]>();

  constructor(readonly root: JsonSchema) {}

  /** Views met before, by parent view and child key and type: a file repeats the same shapes (200 routes, one view). */
  private readonly children = new WeakMap<SchemaView, Map<string, SchemaView>>();
  private readonly roots = new Map<string, SchemaView>();

  /** The view of the whole document. */
  rootView(value: unknown): SchemaView {
    const type = value === undefined ? '' : typeOf(value);
    let view = this.roots.get(type);
    if (!view) {
      view = this.view([this.root], value);
      this.roots.set(type, view);
    }
    return view;
  }

  /** The view of a child (object key or array index) of a value seen through `parent`. */
  child(parent: SchemaView, key: string | number, value: unknown): SchemaView {
    let known = this.children.get(parent);
    if (!known) {
      known = new Map();
      this.children.set(parent, known);
    }
    const cacheKey = `${typeof key === 'number' ? '#' : '.'}${key}\u0000${value === undefined ? '' : typeOf(value)}`;
    let view = known.get(cacheKey);
    if (!view) {
      view = this.childView(parent, key, value);
      known.set(cacheKey, view);
    }
    return view;
  }

  private childView(parent: SchemaView, key: string | number, value: unknown): SchemaView {
    const candidates: JsonSchema[] = [];
    for (const { schema } of parent.leaves) {
      const sub = typeof key === 'number' ? itemSchema(schema, key) : propertySchema(schema, key);
      if (sub) candidates.push(sub);
    }
    return this.view(candidates, value);
  }

  /** Keys an object seen through `view` may have, with their schemas (first definition wins). */
  properties(view: SchemaView): Map<string, JsonSchema> {
    const out = new Map<string, JsonSchema>();
    for (const { schema } of view.leaves) {
      const props = schema.properties as Record<string, JsonSchema> | undefined;
      for (const [k, v] of Object.entries(props ?? {})) if (!out.has(k)) out.set(k, v);
    }
    return out;
  }

  /** The description of a property schema, its target's when it has none of its own. */
  describe(schema: JsonSchema): string | undefined {
    return this.view([schema], undefined).description;
  }

  private view(schemas: readonly JsonSchema[], value: unknown): SchemaView {
    const all = schemas.flatMap((s) => this.expand(s));
    const fitting = value === undefined ? all : all.filter((l) => fits(l.schema, value));
    const leaves = fitting.length > 0 ? fitting : all;
    const refs = [...new Set(leaves.flatMap((l) => l.refs))];
    const description = schemas.map((s) => s.description).find((d): d is string => typeof d === 'string') ?? leaves.map((l) => l.schema.description).find((d): d is string => typeof d === 'string');
    return { leaves, refs, ...(description !== undefined ? { description } : {}) };
  }

  private expand(schema: JsonSchema, refs: readonly string[] = []): Leaf[] {
    if (refs.length === 0) {
      const cached = this.expanded.get(schema);
      if (cached) return cached;
    }
    const out: Leaf[] = [];
    const ref = typeof schema.$ref === 'string' ? DEF_REF.exec(schema.$ref) : null;
    if (ref) {
      const target = (this.root.$defs as Record<string, JsonSchema> | undefined)?.[ref[1]];
      if (target && !refs.includes(ref[1])) out.push(...this.expand(target, [...refs, ref[1]]));
    }
    if (SHAPE_KEYWORDS.some((k) => k in schema)) out.push({ schema, refs });
    for (const k of ['anyOf', 'oneOf', 'allOf'] as const) {
      for (const branch of (schema[k] as JsonSchema[] | undefined) ?? []) out.push(...this.expand(branch, refs));
    }
    if (refs.length === 0) this.expanded.set(schema, out);
    return out;
  }
}

/** The value at a path of a plain value, undefined when there is none. */
export function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let v = root;
  for (const seg of path) v = childValue(v, seg);
  return v;
}

/** A child of a plain value, undefined when it has none. */
export function childValue(value: unknown, key: string | number): unknown {
  if (Array.isArray(value)) return typeof key === 'number' ? value[key] : undefined;
  if (isRecord(value)) return value[String(key)];
  return undefined;
}

function propertySchema(schema: JsonSchema, key: string): JsonSchema | undefined {
  const props = schema.properties as Record<string, JsonSchema> | undefined;
  if (props && Object.hasOwn(props, key)) return props[key];
  const extra = schema.additionalProperties;
  return isRecord(extra) ? extra : undefined;
}

function itemSchema(schema: JsonSchema, index: number): JsonSchema | undefined {
  const prefix = schema.prefixItems as JsonSchema[] | undefined;
  if (prefix && index < prefix.length) return prefix[index];
  const items = schema.items;
  return isRecord(items) ? items : undefined;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function fits(schema: JsonSchema, value: unknown): boolean {
  const actual = typeOf(value);
  const declared = schema.type;
  if (declared !== undefined) {
    const types = Array.isArray(declared) ? (declared as string[]) : [declared as string];
    return types.includes(actual) || (actual === 'integer' && types.includes('number'));
  }
  if (schema.properties || schema.additionalProperties !== undefined || schema.propertyNames) return actual === 'object';
  if (schema.items || schema.prefixItems) return actual === 'array';
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).some((e) => typeOf(e) === actual || (actual === 'integer' && typeof e === 'number'));
  return true;
}

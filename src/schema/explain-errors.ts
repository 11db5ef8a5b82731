import type { ErrorObject, ValidateFunction } from 'ajv';
import { didYouMean } from '../diagnostics/did-you-mean';
import { pointerToDataPath, isWithin } from './data-path';
import { describeSchemaTypes, describeType, quoteList } from './describe-value';
import type { JsonSchema } from './json-schema';
import type { SchemaProblem } from './schema-problem';

/** Compiles a branch of a union (anyOf/oneOf) in the context of the root schema's `$defs`. */
export type BranchCompiler = (branch: JsonSchema) => ValidateFunction;

interface Item {
  readonly e: ErrorObject;
  readonly path: (string | number)[];
}

/**
 * Turns ajv's flat error list into the few problems a person should see.
 * For a union (anyOf/oneOf) ajv reports the errors of every branch; this
 * re-validates the value against each branch, keeps the branch the value was
 * evidently meant to be (right type, its required keys present) and explains
 * only that branch's errors, or says in one line which forms were expected.
 */
export function explainErrors(errors: readonly ErrorObject[], data: unknown, compileBranch: BranchCompiler): SchemaProblem[] {
  const items: Item[] = errors.map((e) => ({ e, path: pointerToDataPath(e.instancePath, data) }));
  const consumed = new Set<ErrorObject>();
  const problems: SchemaProblem[] = [];
  const unions = items
    .filter((i) => i.e.keyword === 'anyOf' || i.e.keyword === 'oneOf')
    .sort((a, b) => a.path.length - b.path.length || a.e.schemaPath.length - b.e.schemaPath.length);
  for (const union of unions) {
    if (consumed.has(union.e)) continue;
    consumed.add(union.e);
    const branches = Array.isArray(union.e.schema) ? (union.e.schema as JsonSchema[]) : [];
    const results = branches.map((b) => {
      const v = compileBranch(b);
      v(union.e.data);
      return [...(v.errors ?? [])];
    });
    for (const other of items) {
      if (consumed.has(other.e) || !isWithin(union.path, other.path)) continue;
      if (other.e.schemaPath.startsWith(`${union.e.schemaPath}/`) || results.some((errs) => errs.some((b) => sameError(b, other.e, union.e.instancePath)))) {
        consumed.add(other.e);
      }
    }
    problems.push(...explainUnion(union, branches, results, compileBranch));
  }
  for (const item of items) if (!consumed.has(item.e) && !item.e.schemaPath.includes('/propertyNames/')) problems.push(...explainOne(item));
  return problems;
}

function sameError(branchError: ErrorObject, flat: ErrorObject, base: string): boolean {
  return branchError.keyword === flat.keyword && branchError.schemaPath === flat.schemaPath && base + branchError.instancePath === flat.instancePath;
}

function explainUnion(union: Item, branches: JsonSchema[], results: ErrorObject[][], compileBranch: BranchCompiler): SchemaProblem[] {
  const data = union.e.data;
  const passing = (union.e.params as { passingSchemas?: number[] | null }).passingSchemas;
  if (union.e.keyword === 'oneOf' && Array.isArray(passing)) {
    const keys = passing.flatMap((i) => requiredKeys(branches[i]));
    const message = keys.length > 0 ? `give only one of ${quoteList(keys)}` : 'the value matches more than one allowed form';
    return [{ code: 'SCHEMA_INVALID', message, path: union.path, hint: description(union.e.parentSchema) }];
  }
  const candidates = results.map((errs, i) => ({ errs, i })).filter(({ errs }) => !errs.some((e) => e.instancePath === '' && e.keyword === 'type'));
  const prefix = (ps: SchemaProblem[]): SchemaProblem[] => ps.map((p) => ({ ...p, path: [...union.path, ...p.path] }));
  if (candidates.length === 1) return prefix(explainErrors(candidates[0].errs, data, compileBranch));
  if (candidates.length === 0) {
    const types = results.flatMap((errs) => errs.filter((e) => e.instancePath === '' && e.keyword === 'type').flatMap((e) => String((e.params as { type: string }).type).split(',')));
    return [{ code: 'SCHEMA_TYPE', message: `expected ${describeSchemaTypes(types)}, got ${describeType(data)}`, path: union.path, hint: description(union.e.parentSchema) }];
  }
  const rootRequired = (errs: ErrorObject[]): ErrorObject[] => errs.filter((e) => e.instancePath === '' && e.keyword === 'required');
  const complete = candidates.filter(({ errs }) => rootRequired(errs).length === 0);
  if (complete.length === 1) return prefix(explainErrors(complete[0].errs, data, compileBranch));
  if (complete.length === 0 && candidates.every(({ errs }) => errs.every((e) => e.instancePath === '' && e.keyword === 'required'))) {
    const keys = [...new Set(candidates.flatMap(({ errs }) => rootRequired(errs).map((e) => String((e.params as { missingProperty: string }).missingProperty))))];
    return [{ code: 'SCHEMA_MISSING_PROPERTY', message: `needs one of ${quoteList(keys)}`, path: union.path, hint: description(union.e.parentSchema) }];
  }
  return [{ code: 'SCHEMA_INVALID', message: `${describeType(data)} that does not match any allowed form`, path: union.path, hint: description(union.e.parentSchema) }];
}

function explainOne({ e, path }: Item): SchemaProblem[] {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const key = String(params.additionalProperty ?? params.unevaluatedProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const hint = didYouMean(key, allowed) ?? (allowed.length > 0 ? `Allowed keys here: ${allowed.join(', ')}.` : 'No other keys are allowed here.');
      return [{ code: 'SCHEMA_UNKNOWN_PROPERTY', message: `unknown key "${key}"`, path: [...path, key], atKey: true, hint }];
    }
    case 'required':
      return [{ code: 'SCHEMA_MISSING_PROPERTY', message: `missing required key "${String(params.missingProperty)}"`, path }];
    case 'dependentRequired':
      return [{ code: 'SCHEMA_MISSING_PROPERTY', message: `"${String(params.property)}" needs "${String(params.missingProperty)}"`, path }];
    case 'type':
      return [{ code: 'SCHEMA_TYPE', message: `expected ${describeSchemaTypes(String(params.type).split(','))}, got ${describeType(e.data)}`, path }];
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]) ?? [];
      const near = typeof e.data === 'string' ? didYouMean(e.data, allowed.map(String)) : undefined;
      if (allowed.length <= 6) return [{ code: 'SCHEMA_VALUE', message: `${JSON.stringify(e.data)} is not one of ${quoteList(allowed)}`, path, ...(near ? { hint: near } : {}) }];
      return [{ code: 'SCHEMA_VALUE', message: `${JSON.stringify(e.data)} is not an allowed value`, path, hint: near ?? `Allowed values: ${allowed.map(String).join(', ')}.` }];
    }
    case 'const':
      return [{ code: 'SCHEMA_VALUE', message: `expected ${JSON.stringify(params.allowedValue)}`, path }];
    case 'pattern':
      return [{ code: 'SCHEMA_VALUE', message: `${JSON.stringify(e.data)} does not have the expected form`, path, hint: description(e.parentSchema) ?? `It must match ${String(params.pattern)}.` }];
    case 'propertyNames': {
      const name = String(params.propertyName);
      const pattern = (e.schema as { pattern?: string } | undefined)?.pattern;
      return [{ code: 'SCHEMA_VALUE', message: `"${name}" is not a valid name here${pattern ? ` (it must match ${pattern})` : ''}`, path: [...path, name], atKey: true }];
    }
    case 'false schema':
      return [{ code: 'SCHEMA_UNKNOWN_PROPERTY', message: 'this key is not allowed here', path, atKey: true }];
    case 'if':
      return [];
    case 'not':
    case 'contains':
      return [{ code: 'SCHEMA_INVALID', message: `${describeType(e.data)} that is not allowed here`, path, hint: description(e.parentSchema) }];
    default:
      return [{ code: 'SCHEMA_VALUE', message: valueMessage(e), path, hint: description(e.parentSchema) }];
  }
}

function valueMessage(e: ErrorObject): string {
  const params = e.params as { limit?: number };
  switch (e.keyword) {
    case 'minItems':
      return `the list needs at least ${params.limit} item${params.limit === 1 ? '' : 's'}`;
    case 'maxItems':
      return `the list may have at most ${params.limit} items`;
    case 'minProperties':
      return `needs at least ${params.limit} key${params.limit === 1 ? '' : 's'}`;
    case 'maxProperties':
      return `may have at most ${params.limit} key${params.limit === 1 ? '' : 's'}`;
    case 'minLength':
      return params.limit === 1 ? 'must not be empty' : `must be at least ${params.limit} characters long`;
    case 'maxLength':
      return `must be at most ${params.limit} characters long`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'multipleOf':
      return `${JSON.stringify(e.data)} ${e.message ?? 'is out of range'}`;
    case 'uniqueItems':
      return 'the list has the same item twice';
    default:
      return e.message ?? `invalid value (${e.keyword})`;
  }
}

function requiredKeys(branch: JsonSchema | undefined): string[] {
  const req = branch?.required;
  return Array.isArray(req) ? req.map(String) : [];
}

function description(schema: unknown): string | undefined {
  const d = (schema as { description?: unknown } | undefined)?.description;
  return typeof d === 'string' ? d : undefined;
}

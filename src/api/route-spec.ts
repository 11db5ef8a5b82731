import { VoxtraError } from '../core/errors';
import type { MatchClause, MatchField, StringMatcher } from '../ir/types';
import { describeMatcher, matcherIsValid } from '../routing/matchers';

/**
 * How a code route compares one call fact, as in the flow files: a string
 * matches exactly (one starting with `_` is an Asterisk pattern such as
 * `_1XXX`), or one of prefix, suffix, regex (with optional flags) or pattern.
 */
export type MatcherSpec = string | { readonly prefix: string } | { readonly suffix: string } | { readonly regex: string; readonly flags?: string } | { readonly pattern: string };

/** What `app.route(...)` takes. Every listed field must match (AND); a route with none matches every call. */
export interface RouteSpec {
  /** Dialled extension. */
  readonly extension?: MatcherSpec;
  /** Calling number (caller id). */
  readonly number?: MatcherSpec;
  /** Caller name. */
  readonly callerName?: MatcherSpec;
  /** Shown in logs and metrics (default `code-route#<n>`); must not repeat another route's name. */
  readonly name?: string;
  /** Merged into the call's metadata before the handler runs. */
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** Higher first; ties keep definition order (file routes before code routes). Default 0. */
  readonly priority?: number;
}

const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.#:@/-]*$/;

function invalid(message: string, details: Record<string, unknown> = {}): VoxtraError {
  return new VoxtraError('CONFIG_INVALID', message, details);
}

/** A matcher spec as IR; throws `CONFIG_INVALID` for a regex or pattern that does not compile. */
export function toMatcher(spec: MatcherSpec, field: string): StringMatcher {
  let m: StringMatcher;
  if (typeof spec === 'string') m = spec.startsWith('_') ? { kind: 'pattern', value: spec } : { kind: 'exact', value: spec };
  else if ('prefix' in spec) m = { kind: 'prefix', value: spec.prefix };
  else if ('suffix' in spec) m = { kind: 'suffix', value: spec.suffix };
  else if ('regex' in spec) m = { kind: 'regex', source: spec.regex, flags: spec.flags ?? '' };
  else if ('pattern' in spec) m = { kind: 'pattern', value: spec.pattern.startsWith('_') ? spec.pattern : `_${spec.pattern}` };
  else throw invalid(`route ${field}: give a string or one of prefix, suffix, regex, pattern`);
  for (const v of Object.values(m)) if (typeof v !== 'string') throw invalid(`route ${field}: matcher values must be strings`);
  if (!matcherIsValid(m)) throw invalid(`route ${field}: ${describeMatcher(m)} does not compile`, { field });
  if (m.kind === 'regex' && /[gy]/.test(m.flags)) throw invalid(`route ${field}: regex flags g and y make matching stateful; use i, m, s or u`);
  return m;
}

/** The match clauses of a route spec, checked. */
export function specClauses(spec: RouteSpec): { clauses: MatchClause[]; name?: string; priority: number; metadata: Record<string, unknown> } {
  const clauses: MatchClause[] = [];
  const fields: ReadonlyArray<[keyof RouteSpec, MatchField]> = [
    ['extension', 'extension'],
    ['number', 'number'],
    ['callerName', 'caller_name'],
  ];
  for (const [key, field] of fields) {
    const value = spec[key] as MatcherSpec | undefined;
    if (value === undefined) continue;
    clauses.push({ field, matcher: toMatcher(value, key), source: { file: '<code>', path: ['route', key] } });
  }
  if (spec.name !== undefined && (typeof spec.name !== 'string' || !NAME.test(spec.name))) throw invalid(`route name ${JSON.stringify(spec.name)} must be letters, digits and _ . # : @ / -`);
  const priority = spec.priority ?? 0;
  if (!Number.isFinite(priority)) throw invalid('route priority must be a finite number');
  const metadata = spec.metadata === undefined ? {} : plainMetadata(spec.metadata);
  return { clauses, ...(spec.name !== undefined ? { name: spec.name } : {}), priority, metadata };
}

/** Metadata becomes part of the frozen snapshot and of channel variables: plain JSON only. */
function plainMetadata(raw: Readonly<Record<string, unknown>>): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw invalid('route metadata must be an object');
  try {
    return JSON.parse(JSON.stringify(raw)) as Record<string, unknown>;
  } catch (err) {
    throw invalid(`route metadata must be plain JSON data (${(err as Error).message})`);
  }
}

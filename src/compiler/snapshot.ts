import { createHash } from 'node:crypto';
import type { AppSnapshot, FlowIR, MatchField } from '../ir/types';
import type { AppModel } from './app-model';
import { canonicalJson } from './canonical-json';
import { deepFreeze } from './deep-freeze';
import { resolutionOrder } from './rules/route-cover';

// Positions and file names (SourceRef objects under `source`) do not change
// what a snapshot does, so they are left out of the version: reformatting or
// moving a file keeps the version. A string `source` is meaning (a regex, a
// condition expression) and is hashed.
const isSourceRef = (key: string, value: unknown): boolean =>
  key === 'source' && value !== null && typeof value === 'object' && typeof (value as { file?: unknown }).file === 'string' && Array.isArray((value as { path?: unknown }).path);

/** The content hash of a snapshot's meaning (12 hex characters). */
export function snapshotVersion(content: Omit<AppSnapshot, 'version' | 'files'>): string {
  return createHash('sha256').update(canonicalJson(content, isSourceRef)).digest('hex').slice(0, 12);
}

/** Builds the frozen, versioned snapshot of an app that compiled without errors. */
export function buildSnapshot(app: AppModel): AppSnapshot {
  const flows: Record<string, FlowIR> = {};
  for (const [id, flow] of app.flows) flows[id] = flow;
  const routes = resolutionOrder(app.routes);
  const lazy = new Set<MatchField>();
  const clauses = [...routes.flatMap((r) => r.match), ...app.dispatch.flatMap((r) => (r.kind === 'match' ? r.match : []))];
  for (const c of clauses) if (c.field.startsWith('var.') || c.field.startsWith('header.')) lazy.add(c.field);
  const content = {
    app: app.name,
    flows,
    routes,
    dispatch: [...app.dispatch],
    ...(app.defaultTarget ? { defaultTarget: app.defaultTarget } : {}),
    lazyFacts: [...lazy].sort(),
    settings: app.settings,
  };
  return deepFreeze({ ...content, version: snapshotVersion(content), files: [...app.files] });
}

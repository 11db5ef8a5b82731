import { STEP_REGISTRY, stepLookup } from '../steps/registry';
import { walkSteps } from '../compiler/walk-steps';
import type { AppSnapshot, MatchClause } from '../ir/types';
import { INBOUND_ENTRY, type AppEntry } from './app-entry';
import { QUEUE_LITERAL, dialplanExtensions } from './dialplan-extension';
import type { Fallback } from './fallback';

/** When the inbound context gets a catch-all: `auto` when some route, rule or the default can take a call no DID names. */
export type CatchAllMode = 'auto' | 'always' | 'never';

/** One extension of an app's inbound context and the routes it is there for. */
export interface DidPlan {
  readonly extension: string;
  readonly routes: readonly string[];
}

/** What `voxtra provision` writes for one app (tenant). */
export interface AppPlan {
  readonly app: string;
  /** Where the app's trunks or endpoints send calls (`context=` in pjsip.conf). */
  readonly inboundContext: string;
  readonly fallbackContext: string;
  readonly dids: readonly DidPlan[];
  readonly catchAll: boolean;
  /** Routes the dialplan cannot name (number, header, regex... matches), reached through the catch-all. */
  readonly viaCatchAll: readonly string[];
  readonly queuesContext: string;
  readonly fallback: Fallback;
  /** How calls enter the app: Stasis() (inbound, per call, persistent) or StasisBroadcast(). */
  readonly entry: AppEntry;
}

/** One queues context, shared by the apps that name it. */
export interface QueuesPlan {
  readonly context: string;
  /** Queue names written literally in the flows (and fallbacks), sorted. */
  readonly queues: readonly string[];
  /** True when a template or an HTTP router can name other queues. */
  readonly catchAll: boolean;
}

export interface ProvisionPlan {
  readonly apps: readonly AppPlan[];
  readonly queues: readonly QueuesPlan[];
}

export interface PlanOptions {
  readonly contextPrefix?: string;
  readonly catchAll?: CatchAllMode;
  readonly fallback: (app: string) => Fallback;
  /** Default: Stasis() with Voxtra connecting to Asterisk. */
  readonly entry?: (app: string) => AppEntry;
}

const isTemplate = (s: string): boolean => s.includes('{{') || s.includes('{%');

function extensionClause(match: readonly MatchClause[]): MatchClause | undefined {
  return match.find((c) => c.field === 'extension');
}

/**
 * Works out, from each app's compiled snapshot, the Asterisk side: the
 * extensions that send its DIDs into Stasis, whether it needs a catch-all,
 * and the queue names its flows can transfer to. Pure.
 */
export function planProvision(snapshots: readonly AppSnapshot[], opts: PlanOptions): ProvisionPlan {
  const prefix = opts.contextPrefix ?? 'voxtra';
  const lookup = stepLookup(STEP_REGISTRY);
  const queues = new Map<string, { names: Set<string>; catchAll: boolean }>();
  const apps = snapshots.map((s): AppPlan => {
    const dids = new Map<string, string[]>();
    const viaCatchAll: string[] = [];
    const rules = [...s.routes, ...s.dispatch.filter((d) => d.kind === 'match')];
    for (const r of rules) {
      const clause = extensionClause(r.match);
      const extensions = clause ? dialplanExtensions(clause.matcher) : undefined;
      if (!extensions) {
        viaCatchAll.push(r.name);
        continue;
      }
      for (const e of extensions) dids.set(e, [...(dids.get(e) ?? []), r.name]);
    }
    const http = s.dispatch.some((d) => d.kind === 'http');
    const needsCatchAll = viaCatchAll.length > 0 || http || s.defaultTarget !== undefined;
    const mode = opts.catchAll ?? 'auto';
    const fallback = opts.fallback(s.app);
    const q = queues.get(s.settings.queuesContext) ?? { names: new Set<string>(), catchAll: false };
    queues.set(s.settings.queuesContext, q);
    if (http) q.catchAll = true;
    if (fallback.kind === 'queue') q.names.add(fallback.queue);
    for (const flow of Object.values(s.flows)) {
      walkSteps(flow.steps, lookup, ({ step }) => {
        const queue = lookup.get(step.type)?.transfersTo?.(step.params);
        if (queue === undefined) return;
        if (!isTemplate(queue) && QUEUE_LITERAL.test(queue)) q.names.add(queue);
        else q.catchAll = true;
      });
    }
    return {
      app: s.app,
      inboundContext: `${prefix}-in-${s.app}`,
      fallbackContext: `${prefix}-fallback-${s.app}`,
      dids: [...dids].map(([extension, routes]) => ({ extension, routes })).sort((a, b) => extensionOrder(a.extension, b.extension)),
      catchAll: mode === 'always' || (mode === 'auto' && needsCatchAll),
      viaCatchAll: [...viaCatchAll, ...(s.defaultTarget ? ['default'] : []), ...(http ? s.dispatch.filter((d) => d.kind === 'http').map((d) => d.name) : [])],
      queuesContext: s.settings.queuesContext,
      fallback,
      entry: opts.entry?.(s.app) ?? INBOUND_ENTRY,
    };
  });
  return {
    apps,
    queues: [...queues].map(([context, q]) => ({ context, queues: [...q.names].sort(), catchAll: q.catchAll })).sort((a, b) => (a.context < b.context ? -1 : 1)),
  };
}

/** Literal extensions first, then patterns; each group in code-unit order (stable output). */
function extensionOrder(a: string, b: string): number {
  const pa = a.startsWith('_');
  const pb = b.startsWith('_');
  if (pa !== pb) return pa ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

import { createHash } from 'node:crypto';
import { deepFreeze } from '../compiler/deep-freeze';
import { VoxtraError } from '../core/errors';
import type { AppSnapshot, MatchClause, RouteIR } from '../ir/types';
import type { CallFacts } from '../routing/facts';
import { sortRoutes } from '../routing/linear-scan';
import type { MatchDispatchRule } from '../routing/resolve';
import { HANDLER_FLOW_PREFIX, type CallHandler, type CodeRouting } from '../session/call-handlers';
import { specClauses, type RouteSpec } from './route-spec';

/**
 * A dispatch rule written in code, appended to `app.router.dispatchRules`.
 * Code rules are asked in order after the flow files' dispatch rules and
 * before the default; the first whose `matches` is true takes the call.
 */
export interface DispatchRule {
  /** Shown in logs and metrics (default `code-rule#<n>`). */
  readonly name?: string;
  /** Merged into the call's metadata before the handler runs. */
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** Whether this rule takes the call: `extension`, `number`, `callerName`, `args` and the variables and headers the app's routes read. */
  matches(facts: CallFacts): boolean | Promise<boolean>;
  /** Runs the call, with the same `call` object as the YAML steps. */
  handler(call: Parameters<CallHandler>[0]): unknown;
}

/** One static route as `app.router.routes` shows it. */
export interface RouteInfo {
  readonly name: string;
  /** `file`: from the flow files; `code`: from `app.route(...)`. */
  readonly origin: 'file' | 'code';
  readonly priority: number;
  /** The extension, when the route matches exactly one. */
  readonly extension?: string;
  /** The calling number, when the route matches exactly one. */
  readonly number?: string;
  /** Every clause of the route (all must match). */
  readonly match: readonly MatchClause[];
  readonly metadata: Readonly<Record<string, unknown>>;
  /** File routes: the flow they run (or `reject` with a cause). */
  readonly flow?: string;
  readonly reject?: string;
  /** Code routes: the handler. */
  readonly handler?: CallHandler;
}

interface CodeRoute {
  readonly id: string;
  readonly ir: Omit<RouteIR, 'order'>;
  readonly handler: CallHandler;
}

const DEFAULT_ID = `${HANDLER_FLOW_PREFIX}default`;
const CODE_SOURCE = '<code>';

function exactValue(clauses: readonly MatchClause[], field: 'extension' | 'number'): string | undefined {
  const c = clauses.find((x) => x.field === field);
  return c?.matcher.kind === 'exact' ? c.matcher.value : undefined;
}

function handlerName(fn: CallHandler, fallback: string): string {
  return fn.name && fn.name !== 'anonymous' ? fn.name : fallback;
}

/**
 * The routing of a {@link VoxtraApp}: the flow files' routes plus the routes,
 * dispatch rules and default defined in code, resolved by the same router as
 * file routes. Precedence: static routes of both kinds in one index
 * (priority, then definition order, file routes before code routes) → the
 * files' dispatch rules → {@link dispatchRules} → the default (the files' or
 * the code's; defining both is an error).
 */
export class AppRouter implements CodeRouting {
  /** Code dispatch rules, in the order they are asked; append to add one. */
  readonly dispatchRules: DispatchRule[] = [];
  private readonly code: CodeRoute[] = [];
  private defaultEntry?: CallHandler;
  private readonly ruleIds = new WeakMap<DispatchRule, string>();
  private readonly rulesById = new Map<string, DispatchRule>();
  private readonly extended = new WeakMap<AppSnapshot, { revision: number; snapshot: AppSnapshot }>();
  private readonly bases = new WeakMap<AppSnapshot, AppSnapshot>();
  private revision = 0;

  /**
   * @param app the Stasis app code routes belong to
   * @param files the app's current snapshot from the flow files (an empty one for a code-only app)
   * @param onChange called after a code route or the default changes (the app swaps the snapshot in)
   */
  constructor(
    readonly app: string,
    private readonly files: () => AppSnapshot,
    private readonly onChange: () => void = () => undefined,
  ) {}

  /** Static routes, file and code, in resolution order. */
  get routes(): RouteInfo[] {
    const merged = this.extend(this.files());
    const handlers = new Map(this.code.map((c) => [c.id, c.handler]));
    return merged.routes.map((r) => {
      const target = r.target;
      const handler = target.kind === 'flow' ? handlers.get(target.flow) : undefined;
      return {
        name: r.name,
        origin: handler ? 'code' : 'file',
        priority: r.priority,
        ...(exactValue(r.match, 'extension') !== undefined ? { extension: exactValue(r.match, 'extension') } : {}),
        ...(exactValue(r.match, 'number') !== undefined ? { number: exactValue(r.match, 'number') } : {}),
        match: r.match,
        metadata: r.metadata,
        ...(handler ? { handler } : target.kind === 'flow' ? { flow: target.flow } : { reject: target.cause }),
      };
    });
  }

  /** The handler of calls nothing else takes, when defined in code. */
  get defaultHandler(): CallHandler | undefined {
    return this.defaultEntry;
  }

  /** Adds a code route (checked now: matchers compile, the name is free). */
  addRoute(spec: RouteSpec, handler: CallHandler): void {
    if (typeof handler !== 'function') throw new VoxtraError('CONFIG_INVALID', 'app.route(...) takes a handler function');
    const { clauses, name: given, priority, metadata } = specClauses(spec);
    const n = this.code.length + 1;
    const name = given ?? `code-route#${n}`;
    const taken = [...this.files().routes, ...this.code.map((c) => c.ir)].find((r) => r.name === name);
    if (taken) throw new VoxtraError('CONFIG_INVALID', `two routes are named "${name}"${taken.source.file === CODE_SOURCE ? '' : ` (the other is in ${taken.source.file})`}`, { name });
    const id = `${HANDLER_FLOW_PREFIX}${n}`;
    const ir: Omit<RouteIR, 'order'> = { name, priority, match: clauses, metadata, target: { kind: 'flow', flow: id }, source: { file: CODE_SOURCE, path: ['routes', n - 1] } };
    this.code.push({ id, ir, handler });
    this.changed();
  }

  /** Sets the code default; an error when the flow files define one too. */
  setDefault(handler: CallHandler): void {
    if (typeof handler !== 'function') throw new VoxtraError('CONFIG_INVALID', 'app.default() takes a handler function');
    if (this.defaultEntry) throw new VoxtraError('CONFIG_INVALID', 'the default route is defined twice in code');
    this.defaultEntry = handler;
    this.checkDefault(this.files());
    this.changed();
  }

  /** Throws when both the flow files and the code define a default (which would win is not obvious, so neither does). */
  checkDefault(files: AppSnapshot): void {
    if (this.defaultEntry && files.defaultTarget) {
      throw new VoxtraError('CONFIG_INVALID', `app ${this.app} has a default in its flow files and one in code; keep one`, { app: this.app });
    }
  }

  /** The file snapshot with the code routes and default added (cached per snapshot and revision). */
  extend(given: AppSnapshot): AppSnapshot {
    // A snapshot this router made (handed back through swapSnapshot, say) is extended from its file snapshot again.
    const base = this.bases.get(given) ?? given;
    if (base.app !== this.app || (this.code.length === 0 && !this.defaultEntry)) return base;
    const cached = this.extended.get(base);
    if (cached?.revision === this.revision) return cached.snapshot;
    const offset = base.routes.reduce((max, r) => Math.max(max, r.order + 1), 0);
    const codeRoutes: RouteIR[] = this.code.map((c, i) => ({ ...c.ir, order: offset + i }));
    const defaultTarget = base.defaultTarget ?? (this.defaultEntry ? { kind: 'flow' as const, flow: DEFAULT_ID } : undefined);
    const version = createHash('sha256')
      .update(JSON.stringify([base.version, codeRoutes.map(({ source: _source, ...r }) => r), defaultTarget ?? null]))
      .digest('hex')
      .slice(0, 12);
    const snapshot = deepFreeze({ ...base, routes: sortRoutes([...base.routes, ...codeRoutes]), ...(defaultTarget ? { defaultTarget } : {}), version });
    this.extended.set(base, { revision: this.revision, snapshot });
    this.bases.set(snapshot, base);
    return snapshot;
  }

  handler(flowId: string): { readonly name: string; readonly run: CallHandler } | undefined {
    if (flowId === DEFAULT_ID && this.defaultEntry) return { name: handlerName(this.defaultEntry, 'default'), run: this.defaultEntry };
    const route = this.code.find((c) => c.id === flowId);
    if (route) return { name: handlerName(route.handler, route.ir.name), run: route.handler };
    const rule = this.rulesById.get(flowId);
    if (rule) return { name: handlerName(rule.handler, rule.name ?? flowId), run: (call) => rule.handler(call) };
    return undefined;
  }

  async dispatch(facts: CallFacts): Promise<MatchDispatchRule | undefined> {
    for (const [i, rule] of [...this.dispatchRules].entries()) {
      if (typeof rule?.matches !== 'function' || typeof rule.handler !== 'function') {
        throw new VoxtraError('CONFIG_INVALID', `app.router.dispatchRules[${i}] needs matches(facts) and handler(call) methods`);
      }
      if (!(await rule.matches(facts))) continue;
      const id = this.ruleId(rule);
      return {
        kind: 'match',
        name: rule.name ?? `code-rule#${i + 1}`,
        order: i,
        match: [],
        metadata: { ...(rule.metadata ?? {}) },
        target: { kind: 'flow', flow: id },
        source: { file: CODE_SOURCE, path: ['dispatchRules', i] },
      };
    }
    return undefined;
  }

  private ruleId(rule: DispatchRule): string {
    let id = this.ruleIds.get(rule);
    if (!id) {
      id = `${HANDLER_FLOW_PREFIX}rule-${this.rulesById.size + 1}`;
      this.ruleIds.set(rule, id);
      this.rulesById.set(id, rule);
    }
    return id;
  }

  private changed(): void {
    this.revision++;
    this.onChange();
  }
}

import { definedOnly } from '../core/defined-only';
import { silentLogger, type Logger } from '../core/logger';
import type { AppSnapshot, DispatchRuleIR, RouteIR } from '../ir/types';
import { clausesMatch } from './clause-match';
import type { RouteDecision } from './decision';
import type { CallFacts } from './facts';
import type { HttpDispatchRule, HttpRouter, HttpRouterAnswer, HttpRouterRequest } from './http-router-types';
import type { WhenEvaluator } from './linear-scan';
import { compileRegex } from './matchers';
import { getRouteIndex, type RouteIndex } from './route-index';

/** A dispatch rule that matches on call facts. */
export type MatchDispatchRule = Extract<DispatchRuleIR, { kind: 'match' }>;

export interface ResolveDeps {
  /** Decides `when` conditions for this call. */
  readonly evalWhen: WhenEvaluator;
  /** Asks an HTTP dispatch rule (see createHttpRouter). */
  readonly httpRouter: HttpRouter;
  /** Channel id, sent to HTTP routers as `call_id`. */
  readonly callId?: string;
  readonly logger?: Logger;
  /**
   * Rules defined in code (the TypeScript API's `app.router.dispatchRules`),
   * asked after the snapshot's dispatch rules and before the default. Answers
   * the rule that takes the call, if any.
   */
  readonly codeDispatch?: (facts: CallFacts) => Promise<MatchDispatchRule | undefined>;
}

/** The static route a call takes, if any (priority, then definition order; first match wins). */
export function resolveStatic(index: RouteIndex, facts: CallFacts, evalWhen: WhenEvaluator): RouteIR | undefined {
  return index.lookup(facts, evalWhen);
}

/**
 * The facts after a route's `rewrite`: each rule is a regex replaced with
 * `$1`-style captures (the first match, or every match with the `g` flag, as
 * String.replace does); a value the regex does not match stays as it is.
 */
export function applyRewrite(route: RouteIR, facts: CallFacts): CallFacts {
  const rw = route.rewrite;
  if (!rw || (!rw.extension && !rw.number)) return facts;
  const apply = (value: string, rule: typeof rw.extension): string => {
    if (!rule) return value;
    const re = compileRegex(rule.regex, rule.flags, true);
    return re ? value.replace(re, rule.replace) : value;
  };
  // Per call: Object.assign, not a spread followed by properties (a map per object in Node 20, see session/call-session's ended()).
  return Object.assign({}, facts, { extension: apply(facts.extension, rw.extension), number: apply(facts.number, rw.number) });
}

/** True when a `match` dispatch rule takes the call (its clauses, then its `when`). */
export function matchDispatchRule(rule: MatchDispatchRule, facts: CallFacts, evalWhen: WhenEvaluator): boolean {
  return clausesMatch(rule.match, facts) && (rule.when === undefined || evalWhen(rule.when));
}

/** The body an HTTP router receives for this call. */
export function routerRequest(app: string, facts: CallFacts, callId = ''): HttpRouterRequest {
  return {
    call_id: callId,
    from: facts.number,
    to: facts.extension,
    extension: facts.extension,
    number: facts.number,
    caller_name: facts.callerName,
    app,
    args: facts.args,
    headers: definedOnly(facts.headers),
    variables: definedOnly(facts.vars),
  };
}

/**
 * Decides what a new call runs: static routes (priority, then definition
 * order) → dispatch rules in order (an HTTP rule that does not handle the
 * call, times out, fails or answers badly falls through) → rules defined in
 * code → default → none.
 * Pure apart from `deps`.
 */
export async function resolveCall(snapshot: AppSnapshot, facts: CallFacts, deps: ResolveDeps): Promise<RouteDecision> {
  const logger = deps.logger ?? silentLogger;
  const route = resolveStatic(getRouteIndex(snapshot), facts, deps.evalWhen);
  if (route) {
    return { kind: 'route', name: route.name, route, target: route.target, metadata: { ...route.metadata }, facts: applyRewrite(route, facts) };
  }
  for (const rule of snapshot.dispatch) {
    if (rule.kind === 'match') {
      if (matchDispatchRule(rule, facts, deps.evalWhen)) {
        return { kind: 'dispatch', name: rule.name, rule, target: rule.target, metadata: { ...rule.metadata }, facts };
      }
      continue;
    }
    const decision = await askHttpRule(snapshot, rule, facts, deps, logger);
    if (decision) return decision;
  }
  const coded = await deps.codeDispatch?.(facts);
  if (coded) return { kind: 'dispatch', name: coded.name, rule: coded, target: coded.target, metadata: { ...coded.metadata }, facts };
  if (snapshot.defaultTarget) return { kind: 'default', name: 'default', target: snapshot.defaultTarget, metadata: {}, facts };
  logger.warn({ app: snapshot.app, extension: facts.extension, number: facts.number }, `no route for extension ${JSON.stringify(facts.extension)} from number ${JSON.stringify(facts.number)}; hanging up`);
  return { kind: 'none', facts };
}

async function askHttpRule(
  snapshot: AppSnapshot,
  rule: HttpDispatchRule,
  facts: CallFacts,
  deps: ResolveDeps,
  logger: Logger,
): Promise<RouteDecision | undefined> {
  let answer: HttpRouterAnswer | undefined;
  try {
    answer = await deps.httpRouter(rule, routerRequest(snapshot.app, facts, deps.callId));
  } catch (err) {
    // A router must not reject, but one that does must not take the call down with it.
    logger.warn({ rule: rule.name, err: err instanceof Error ? err.message : String(err) }, 'HTTP router failed; falling through');
    return undefined;
  }
  if (!answer || answer.action === 'not_handled') return undefined;
  const metadata = { ...answer.extensions };
  switch (answer.action) {
    case 'forward':
      return {
        kind: 'forward',
        name: rule.name,
        rule,
        targets: answer.targets,
        strategy: answer.strategy,
        ...(answer.timeoutMs !== undefined ? { timeoutMs: answer.timeoutMs } : {}),
        headers: answer.headers,
        ...(answer.record !== undefined ? { record: answer.record } : {}),
        ignored: answer.ignored,
        metadata,
        facts,
      };
    case 'reject':
    case 'abort':
    case 'spam':
      return {
        kind: 'reject',
        name: rule.name,
        rule,
        action: answer.action,
        cause: answer.cause,
        ...(answer.reason !== undefined ? { reason: answer.reason } : {}),
        spam: answer.action === 'spam',
        metadata,
        facts,
      };
    case 'flow':
      if (!Object.hasOwn(snapshot.flows, answer.flow)) {
        logger.warn({ rule: rule.name, flow: answer.flow.slice(0, 200) }, 'HTTP router named a flow that does not exist; falling through');
        return undefined;
      }
      return {
        kind: 'dispatch',
        name: rule.name,
        rule,
        target: { kind: 'flow', flow: answer.flow },
        ...(answer.record !== undefined ? { record: answer.record } : {}),
        metadata,
        facts,
      };
  }
}


import type { AppSnapshot, ConditionIR, DispatchRuleIR, MatchClause, MatchField, SourceRef, TargetIR } from '../ir/types';
import { clauseMatches } from './clause-match';
import { factValue, type CallFacts } from './facts';
import type { WhenEvaluator } from './linear-scan';
import { describeMatcher } from './matchers';
import { applyRewrite } from './resolve';
import { describeRouteKey, getRouteIndex, type RouteIndexStats } from './route-index';

export interface ClauseReport {
  readonly field: MatchField;
  /** The matcher in words: `exact "1000"`, `pattern _1XXX`... */
  readonly matcher: string;
  /** The call's value for the field (null when not set). */
  readonly value: string | readonly string[] | null;
  readonly matched: boolean;
}

/**
 * One route or rule looked at: `won`, `no_match` (a clause failed),
 * `when_false` (clauses matched, condition did not), `not_reached` (after
 * the winner), `would_ask` (an HTTP rule; explain never calls it).
 */
export type CandidateStatus = 'won' | 'no_match' | 'when_false' | 'not_reached' | 'would_ask';

export interface CandidateReport {
  readonly kind: 'route' | 'dispatch' | 'http';
  readonly name: string;
  readonly priority?: number;
  readonly order: number;
  /** How the route index filed a static route: `exact extension "1000"`, `scan`... */
  readonly indexedBy?: string;
  readonly clauses: readonly ClauseReport[];
  /** The `when` result: `assumed` when no evaluator was given. */
  readonly when?: 'true' | 'false' | 'assumed';
  readonly url?: string;
  readonly status: CandidateStatus;
  readonly target?: TargetIR;
  readonly source: SourceRef;
}

/** Everything `voxtra route` shows about one call. */
export interface RouteExplanation {
  readonly app: string;
  readonly version: string;
  readonly input: CallFacts;
  readonly index: RouteIndexStats;
  /** Static routes the index proposed, in resolution order (the others cannot match). */
  readonly routes: readonly CandidateReport[];
  /** Dispatch rules in order, up to the one that took the call. */
  readonly dispatch: readonly CandidateReport[];
  readonly decision:
    | { readonly kind: 'route' | 'dispatch'; readonly name: string; readonly target: TargetIR }
    | { readonly kind: 'default'; readonly target: TargetIR }
    | { readonly kind: 'none' };
  /** HTTP rules asked before the decision: any of them may take the call instead. */
  readonly httpFirst: readonly { readonly name: string; readonly url: string }[];
  /** The facts the flow would see (after a route's rewrite). */
  readonly facts: CallFacts;
  readonly metadata: Readonly<Record<string, unknown>>;
}

export interface ExplainOptions {
  /** Decides `when` conditions; without one they are assumed true (and reported so). */
  readonly evalWhen?: WhenEvaluator;
}

/**
 * Explains how a call would be routed, without side effects: HTTP dispatch
 * rules are reported as "would ask <url>" and treated as not handling the call.
 */
export function explainRoute(snapshot: AppSnapshot, facts: CallFacts, options: ExplainOptions = {}): RouteExplanation {
  const index = getRouteIndex(snapshot);
  const when = (cond: ConditionIR | undefined): 'true' | 'false' | 'assumed' | undefined => {
    if (!cond) return undefined;
    if (!options.evalWhen) return 'assumed';
    return options.evalWhen(cond) ? 'true' : 'false';
  };

  const routeReports: CandidateReport[] = [];
  let winner: RouteExplanation['decision'] | undefined;
  let metadata: Readonly<Record<string, unknown>> = {};
  let outFacts = facts;
  for (const route of index.candidates(facts)) {
    const clauses = route.match.map((c) => clauseReport(c, facts));
    const base = {
      kind: 'route' as const,
      name: route.name,
      priority: route.priority,
      order: route.order,
      indexedBy: describeRouteKey(index.keyOf(route)),
      clauses,
      target: route.target,
      source: route.source,
    };
    if (winner) {
      routeReports.push({ ...base, status: 'not_reached' });
      continue;
    }
    const clausesOk = clauses.every((c) => c.matched);
    const w = clausesOk ? when(route.when) : undefined;
    const status: CandidateStatus = !clausesOk ? 'no_match' : w === 'false' ? 'when_false' : 'won';
    routeReports.push({ ...base, ...(w ? { when: w } : {}), status });
    if (status === 'won') {
      winner = { kind: 'route', name: route.name, target: route.target };
      metadata = { ...route.metadata };
      outFacts = applyRewrite(route, facts);
    }
  }

  const dispatchReports: CandidateReport[] = [];
  const httpFirst: { name: string; url: string }[] = [];
  if (!winner) {
    for (const rule of snapshot.dispatch) {
      const report = dispatchReport(rule, facts, when);
      dispatchReports.push(report);
      if (rule.kind === 'http') httpFirst.push({ name: rule.name, url: rule.url });
      else if (report.status === 'won') {
        winner = { kind: 'dispatch', name: rule.name, target: rule.target };
        metadata = { ...rule.metadata };
        break;
      }
    }
  }
  winner ??= snapshot.defaultTarget ? { kind: 'default', target: snapshot.defaultTarget } : { kind: 'none' };

  return {
    app: snapshot.app,
    version: snapshot.version,
    input: facts,
    index: index.stats,
    routes: routeReports,
    dispatch: dispatchReports,
    decision: winner,
    httpFirst,
    facts: outFacts,
    metadata,
  };
}

function dispatchReport(rule: DispatchRuleIR, facts: CallFacts, when: (c: ConditionIR | undefined) => 'true' | 'false' | 'assumed' | undefined): CandidateReport {
  if (rule.kind === 'http') {
    return { kind: 'http', name: rule.name, order: rule.order, clauses: [], url: rule.url, status: 'would_ask', source: rule.source };
  }
  const clauses = rule.match.map((c) => clauseReport(c, facts));
  const clausesOk = clauses.every((c) => c.matched);
  const w = clausesOk ? when(rule.when) : undefined;
  const status: CandidateStatus = !clausesOk ? 'no_match' : w === 'false' ? 'when_false' : 'won';
  return { kind: 'dispatch', name: rule.name, order: rule.order, clauses, ...(w ? { when: w } : {}), status, target: rule.target, source: rule.source };
}

function clauseReport(clause: MatchClause, facts: CallFacts): ClauseReport {
  const value = factValue(facts, clause.field);
  return { field: clause.field, matcher: describeMatcher(clause.matcher), value: value ?? null, matched: clauseMatches(clause, facts) };
}

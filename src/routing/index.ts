/** The router: Asterisk patterns, matchers, the route index, resolution, the HTTP router client and explain. */
export { parseAsteriskPattern, type PatternParseResult, type SimplePattern } from './asterisk-pattern';
export { matchString, compileRegex, describeMatcher } from './matchers';
export { matchesSubsume, sameMatch, matcherSubsumes } from './subsume';
export { subsumingRoutes, witnessFacts } from './subsume-index';
export { callFacts, factValue, type CallFacts } from './facts';
export { factsFromOptions, type RouteCommandOptions } from './facts-from-options';
export { clauseMatches, clausesMatch } from './clause-match';
export { scanRoutes, sortRoutes, routeMatches, type WhenEvaluator } from './linear-scan';
export { buildRouteIndex, getRouteIndex, routeKey, type RouteIndex, type RouteIndexStats, type RouteKey, type IndexedKey } from './route-index';
export { resolveCall, resolveStatic, applyRewrite, matchDispatchRule, routerRequest, type ResolveDeps, type MatchDispatchRule } from './resolve';
export type { RouteDecision } from './decision';
export type { HttpRouter, HttpRouterAnswer, HttpRouterRequest, HttpDispatchRule } from './http-router-types';
export { checkRouterAnswer, HTTP_ROUTER_ANSWER_SCHEMA } from './http-answer';
export { hangupReasonForStatus } from './hangup-cause';
export { isSafeDialTarget, SAFE_DIAL_TARGET } from './dial-safety';
export { explainRoute, type RouteExplanation, type CandidateReport, type ClauseReport, type ExplainOptions } from './explain';
export { formatExplanation, type ExplainFormat } from './explain-format';

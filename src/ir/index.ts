/** The public surface of src/ir/: what other folders may import. */
export type { AppSettings, AppSnapshot, ConditionIR, DispatchRuleIR, FlowIR, HttpServiceIR, MatchClause, MatchField, RewriteRule, RouteIR, SourceRef, StepIR, StringMatcher, TargetIR } from './types';

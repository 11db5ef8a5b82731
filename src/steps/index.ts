/** The public surface of src/steps/: what other folders may import. */
export { DIAL_DEFAULTS } from './dial';
export { LABEL_NAME } from './label';
export { LISTEN_DEFAULTS, MAX_LISTEN_DIGITS } from './listen-dtmf';
export { collectMenuChoice, longestKey, type MenuOutcome, type MenuPrompt } from './menu-attempts';
export { MENU_DEFAULTS } from './menu';
export { promptSchema } from './prompt';
export { RECORD_DEFAULTS } from './record';
export { STEP_REGISTRY, stepLookup, type StepLookup } from './registry';
export { MEDIA_SCHEMA, type SharedDefName } from './schema-helpers';
export type { JsonSchema, NormalizeContext, StepBranch, StepContext, StepDefinition, StepServices } from './step-definition';
export { calledFlowOf, jumpOf, labelOf } from './step-facts';
export { NEXT, type EndReason, type StepResult } from './step-result';
export type { StepProblem, StepRuleContext } from './step-rule';
export type { SummaryContext } from './step-shape';

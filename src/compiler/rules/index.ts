import { duplicateLabelRule } from './duplicate-label';
import { duplicateRouteRule } from './duplicate-route';
import { emptyAppRule } from './empty-app';
import { invalidPatternRule } from './invalid-pattern';
import { invalidRegexRule } from './invalid-regex';
import { noDefaultRule } from './no-default';
import { recursiveCallRule } from './recursive-call';
import type { Rule } from './rule';
import { shadowedRouteRule } from './shadowed-route';
import { stepRulesRule } from './step-rules';
import { templateSyntaxRule } from './template-syntax';
import { unknownCalendarRule } from './unknown-calendar';
import { unknownFlowRule } from './unknown-flow';
import { unknownLabelRule } from './unknown-label';
import { unknownMetadataRule } from './unknown-metadata';
import { unknownTemplateVariableRule } from './unknown-template-variable';
import { unreachableStepRule } from './unreachable-step';
import { unsetVariableRule } from './unset-variable';
import { unusedFlowRule } from './unused-flow';

export type { Rule } from './rule';

/** Every generic semantic rule, run in this order over each merged app; `stepRulesRule` runs the rules step definitions declare. */
export const RULES: readonly Rule[] = [
  emptyAppRule,
  noDefaultRule,
  unknownFlowRule,
  unusedFlowRule,
  recursiveCallRule,
  duplicateLabelRule,
  unknownLabelRule,
  unreachableStepRule,
  stepRulesRule,
  duplicateRouteRule,
  shadowedRouteRule,
  invalidRegexRule,
  invalidPatternRule,
  templateSyntaxRule,
  unknownTemplateVariableRule,
  unsetVariableRule,
  unknownMetadataRule,
  unknownCalendarRule,
];

import type { AppSettings, DispatchRuleIR, FlowIR, RouteIR, SourceRef, TargetIR } from '../ir/types';
import type { StepDefinition } from '../steps/step-definition';
import type { FlowRef } from './file-unit';
import type { CalendarUse, MatcherUse, TemplateUse } from './sink';
import type { StepLookup } from '../steps/registry';
import type { Unknowns } from './unknowns';

/**
 * One app's files merged into one definition: what the semantic rules read
 * and what the snapshot is built from.
 */
export interface AppModel {
  readonly name: string;
  readonly files: readonly string[];
  /** Every flow by id, user flows and synthetic ones, in definition order. */
  readonly flows: ReadonlyMap<string, FlowIR>;
  /** Routes in definition order (not yet sorted by priority). */
  readonly routes: readonly RouteIR[];
  readonly dispatch: readonly DispatchRuleIR[];
  readonly defaultTarget?: TargetIR;
  readonly defaultSource?: SourceRef;
  readonly flowRefs: readonly FlowRef[];
  readonly templates: readonly TemplateUse[];
  readonly matchers: readonly MatcherUse[];
  readonly calendars: readonly CalendarUse[];
  readonly settings: AppSettings;
  readonly steps: StepLookup;
  readonly registry: readonly StepDefinition[];
  /** Where the app is declared (its config entry, or its first file). */
  readonly source?: SourceRef;
  /** What the parts of the app that could not be read might have said (rules stay quiet about it). */
  readonly unknowns: Unknowns;
}

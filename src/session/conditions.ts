import { VoxtraError } from '../core/errors';
import type { ConditionIR } from '../ir/types';
import type { TemplateEngine, TemplateScope } from '../template/engine';
import type { CalendarService } from '../call/calendar-service';
import { matchString } from '../routing/matchers';

export interface ConditionEnv {
  readonly engine: TemplateEngine;
  readonly scope: TemplateScope;
  /** Renders a template (the `value` of a match condition). */
  render(text: string): string;
  /** `services.calendars`; a calendar condition without it fails. */
  readonly calendars: CalendarService | undefined;
  now(): number;
}

/** Evaluates a condition; calendar conditions need a calendar service and fail clearly without one. */
export function evaluateCondition(cond: ConditionIR, env: ConditionEnv): boolean {
  switch (cond.kind) {
    case 'expr':
      try {
        return env.engine.test(cond.source, env.scope);
      } catch (err) {
        throw new VoxtraError('TEMPLATE_ERROR', `condition ${JSON.stringify(cond.source)} failed: ${err instanceof Error ? err.message : String(err)}`, { condition: cond.source }, { cause: err });
      }
    case 'match':
      return matchString(cond.matcher, env.render(cond.value));
    case 'calendar':
      if (!env.calendars) {
        throw new VoxtraError('STEP_FAILED', `calendar condition "${cond.calendar}" needs a calendar service, and none is configured`, { calendar: cond.calendar });
      }
      return env.calendars.isInState(cond.calendar, cond.state, env.now());
    case 'all':
      return cond.of.every((c) => evaluateCondition(c, env));
    case 'any':
      return cond.of.some((c) => evaluateCondition(c, env));
    case 'not':
      return !evaluateCondition(cond.of, env);
  }
}

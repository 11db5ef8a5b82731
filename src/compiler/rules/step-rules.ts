import type { DiagnosticCode } from '../../diagnostics/codes';
import type { Diagnostic } from '../../diagnostics/diagnostic';
import type { AppSettings, StepIR } from '../../ir/types';
import type { StepProblem, StepRuleContext } from '../../steps/step-rule';
import { appFacts } from './app-facts';
import type { FlowIndex } from './flow-index';
import { at, relatedAt, type Rule } from './rule';

/** What step rules see for one flow; `code` is the running rule's. */
class FlowRuleContext implements StepRuleContext {
  code: DiagnosticCode = 'SCHEMA_INVALID';

  constructor(
    private readonly index: FlowIndex,
    readonly settings: AppSettings,
    private readonly out: Diagnostic[],
  ) {}

  get flowId(): string {
    return this.index.flow.id;
  }

  order(step: StepIR): number {
    return this.index.order(step);
  }

  labelTarget(from: StepIR, label: string): StepIR | undefined {
    return this.index.labelTarget(from, label);
  }

  report(p: StepProblem): void {
    this.out.push(
      at(this.code, p.message, p.at.source, {
        ...(p.hint !== undefined ? { hint: p.hint } : {}),
        ...(p.severity ? { severity: p.severity } : {}),
        ...(p.related ? { related: p.related.map((r) => relatedAt(r.message, r.at.source)) } : {}),
      }),
    );
  }
}

/**
 * Every step type's own rules (`StepDefinition.rules`), run over each step of
 * that type, flow by flow; a rule that looks names up in settings whose
 * config section could not be read is skipped.
 */
export const stepRulesRule: Rule = {
  name: 'step-rules',
  check(app) {
    const out: Diagnostic[] = [];
    if (!app.registry.some((d) => d.rules?.length)) return out;
    for (const index of appFacts(app).flows) {
      const ctx = new FlowRuleContext(index, app.settings, out);
      for (const { step } of index.visits) {
        for (const rule of app.steps.get(step.type)?.rules ?? []) {
          if (rule.settings?.some((s) => app.unknowns.settings.has(s))) continue;
          ctx.code = rule.code;
          rule.check(step, ctx);
        }
      }
    }
    return out;
  },
};

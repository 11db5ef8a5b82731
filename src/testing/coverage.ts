import { STEP_REGISTRY, stepLookup } from '../steps/registry';
import type { AppSnapshot, StepIR } from '../ir/types';
import type { StepDefinition } from '../steps/step-definition';
import type { ChosenOption, ReachedStep } from './run-scenario';

/** A step no scenario reached. */
export interface MissedStep {
  readonly stepId: string;
  readonly type: string;
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

/** A menu option (a branch a caller picks with keys) no scenario chose. */
export interface MissedOption extends MissedStep {
  readonly key: string;
}

export interface FlowCoverage {
  readonly app: string;
  readonly flowId: string;
  readonly file: string;
  readonly steps: { readonly total: number; readonly reached: number };
  readonly options: { readonly total: number; readonly chosen: number };
  readonly missedSteps: readonly MissedStep[];
  readonly missedOptions: readonly MissedOption[];
}

export interface CoverageReport {
  readonly flows: readonly FlowCoverage[];
  readonly steps: { readonly total: number; readonly reached: number };
  readonly options: { readonly total: number; readonly chosen: number };
}

const key = (app: string, stepId: string): string => `${app}\u0000${stepId}`;

/**
 * Which steps and menu options of each flow the scenarios reached. Steps
 * nested in a step's branches count; prompts inside menus and listens are
 * part of their step, not steps of their own. An option is a branch its
 * step's definition marks as a `choice`; it counts as chosen when its step
 * collected its digits.
 */
export function computeCoverage(
  snapshots: readonly AppSnapshot[],
  reached: readonly ReachedStep[],
  chosen: readonly ChosenOption[],
  registry: readonly StepDefinition[] = STEP_REGISTRY,
): CoverageReport {
  const lookup = stepLookup(registry);
  const reachedSet = new Set(reached.map((r) => key(r.app, r.stepId)));
  const chosenSet = new Set(chosen.map((c) => `${key(c.app, c.stepId)}\u0000${c.key}`));
  const flows: FlowCoverage[] = [];
  for (const snap of snapshots) {
    for (const flow of Object.values(snap.flows)) {
      const missedSteps: MissedStep[] = [];
      const missedOptions: MissedOption[] = [];
      let total = 0;
      let options = 0;
      const walk = (list: readonly StepIR[]): void => {
        for (const step of list) {
          total++;
          const hit = reachedSet.has(key(snap.app, step.id));
          if (!hit) missedSteps.push(place(step));
          const branches = lookup.get(step.type)?.branches?.(step.params) ?? [];
          for (const option of branches) {
            if (option.choice === undefined) continue;
            options++;
            if (!chosenSet.has(`${key(snap.app, step.id)}\u0000${option.choice}`)) missedOptions.push({ ...place(option.steps[0] ?? step), stepId: step.id, type: step.type, key: option.choice });
          }
          // Only branches: a prompt is played by its menu or listen, never run as a step.
          for (const branch of branches) walk(branch.steps);
        }
      };
      walk(flow.steps);
      flows.push({
        app: snap.app,
        flowId: flow.id,
        file: flow.source.file,
        steps: { total, reached: total - missedSteps.length },
        options: { total: options, chosen: options - missedOptions.length },
        missedSteps,
        missedOptions,
      });
    }
  }
  const sum = (f: (c: FlowCoverage) => number): number => flows.reduce((n, c) => n + f(c), 0);
  return {
    flows,
    steps: { total: sum((f) => f.steps.total), reached: sum((f) => f.steps.reached) },
    options: { total: sum((f) => f.options.total), chosen: sum((f) => f.options.chosen) },
  };
}

function place(step: StepIR): MissedStep {
  return { stepId: step.id, type: step.type, file: step.source.file, ...(step.source.line !== undefined ? { line: step.source.line } : {}), ...(step.source.column !== undefined ? { column: step.source.column } : {}) };
}

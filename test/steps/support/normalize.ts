import { parseDuration } from '../../../src/core/duration';
import { formatJsonPath, type JsonPath } from '../../../src/core/json-path';
import type { ConditionIR, StepIR, StringMatcher } from '../../../src/ir/types';
import { stepDefinition } from '../../../src/steps/registry';
import type { NormalizeContext } from '../../../src/steps/step-definition';

/**
 * A minimal NormalizeContext for tests, standing in for the compiler's: it
 * turns raw steps into StepIR with the registry's own `normalize`, and keeps
 * reported problems. Condition and matcher shapes are a small test dialect.
 */
export interface Reported {
  code: string;
  message: string;
  path: JsonPath;
}

export function matcherOf(raw: unknown): StringMatcher {
  if (typeof raw === 'string') return raw.startsWith('_') ? { kind: 'pattern', value: raw } : { kind: 'exact', value: raw };
  const r = raw as Record<string, string>;
  if (r.prefix !== undefined) return { kind: 'prefix', value: r.prefix };
  if (r.suffix !== undefined) return { kind: 'suffix', value: r.suffix };
  if (r.regex !== undefined) return { kind: 'regex', source: r.regex, flags: '' };
  if (r.pattern !== undefined) return { kind: 'pattern', value: r.pattern };
  return { kind: 'exact', value: String(r.exact) };
}

export function conditionOf(raw: unknown): ConditionIR {
  if (typeof raw === 'string') return { kind: 'expr', source: raw };
  const r = raw as Record<string, unknown>;
  if (r.calendar !== undefined) return { kind: 'calendar', calendar: String(r.calendar), state: (r.state ?? 'open') as 'open' };
  if (r.all !== undefined) return { kind: 'all', of: (r.all as unknown[]).map(conditionOf) };
  if (r.any !== undefined) return { kind: 'any', of: (r.any as unknown[]).map(conditionOf) };
  if (r.not !== undefined) return { kind: 'not', of: conditionOf(r.not) };
  return { kind: 'match', value: String(r.value), matcher: matcherOf(r.matches) };
}

export function normalizeStep(raw: unknown, path: JsonPath, flowId: string, reported: Reported[] = []): StepIR {
  const [type, value] = typeof raw === 'string' ? [raw, null] : Object.entries(raw as Record<string, unknown>)[0];
  const def = stepDefinition(type);
  if (!def) throw new Error(`unknown step ${type}`);
  const valuePath = [...path, type];
  const ctx: NormalizeContext = {
    file: 'test.yaml',
    flowId,
    path: valuePath,
    steps: (r, rel) => normalizeSteps(r as unknown[], [...valuePath, ...rel], flowId, reported),
    step: (r, rel) => normalizeStep(r, [...valuePath, ...rel], flowId, reported),
    duration: (r, rel) => {
      const ms = parseDuration(r);
      if (ms === undefined) reported.push({ code: 'INVALID_DURATION', message: `bad duration ${String(r)}`, path: [...valuePath, ...rel] });
      return ms ?? 0;
    },
    condition: (r) => conditionOf(r),
    matcher: (r) => matcherOf(r),
    report: (d) => reported.push({ code: d.code, message: d.message, path: [...valuePath, ...d.rel] }),
  };
  return { type, id: formatJsonPath(path), params: def.normalize(value, ctx), source: { file: 'test.yaml', path } };
}

export function normalizeSteps(raw: readonly unknown[], path: JsonPath, flowId: string, reported: Reported[] = []): StepIR[] {
  return raw.map((r, i) => normalizeStep(r, [...path, i], flowId, reported));
}

/** Normalises one step written as in a flow file (`'answer'` or `{ play: ... }`) and returns its params. */
export function paramsOf<P>(raw: unknown, reported: Reported[] = []): P {
  return normalizeStep(raw, ['main', 'steps', 0], 'main', reported).params as P;
}

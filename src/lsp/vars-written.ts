import type { NormalizeContext, StepDefinition } from '../steps/step-definition';

/** Step definitions by type name. */
export type StepTypes = ReadonlyMap<string, StepDefinition>;

const NOTHING: NormalizeContext = {
  file: '',
  flowId: '',
  path: [],
  steps: () => [],
  step: () => ({ type: 'answer', id: '', params: undefined, source: { file: '', path: [] } }),
  duration: () => 0,
  condition: () => ({ kind: 'expr', source: 'true' }),
  matcher: () => ({ kind: 'exact', value: '' }),
  report: () => undefined,
};

/**
 * The variables a step body sets, as its own definition says (`writesVars`),
 * defaults included (`listen_dtmf` fills `vars.digits`). The body is read as
 * written, possibly half-typed: a body its step cannot read sets nothing.
 */
export function varsWritten(steps: StepTypes, type: string, raw: unknown): readonly string[] {
  const def = steps.get(type);
  if (!def?.writesVars) return [];
  try {
    return def.writesVars(def.normalize(raw, NOTHING)).filter((v): v is string => typeof v === 'string' && v !== '');
  } catch {
    return [];
  }
}

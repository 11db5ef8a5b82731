import type { JsonPath } from '../core/json-path';
import type { FlowIR, TargetIR } from '../ir/types';
import type { FlowRef } from './file-unit';
import { isRecord } from '../core/is-record';
import type { StepNormalizer } from './normalize-steps';
import type { CompileSink } from './sink';

/** Collects synthetic flows and flow references while targets are read. */
export interface TargetOut {
  readonly flows: FlowIR[];
  readonly flowRefs: FlowRef[];
}

/**
 * Reads a route's or rule's target (`flow`, inline `steps`, or `reject`).
 * Inline steps become a synthetic flow with id `syntheticId`, so targets are
 * always flow ids or rejects.
 */
export function normalizeTarget(
  raw: Record<string, unknown>,
  path: JsonPath,
  syntheticId: string,
  from: FlowRef['from'],
  ctx: { sink: CompileSink; steps: StepNormalizer; out: TargetOut },
): TargetIR | undefined {
  if (typeof raw.flow === 'string') {
    // An id the schema refused is reported there; looking it up again would report it twice.
    if (!ctx.sink.flagged(path, 'flow')) ctx.out.flowRefs.push({ flow: raw.flow, from, source: ctx.sink.source([...path, 'flow']) });
    return { kind: 'flow', flow: raw.flow };
  }
  if (Array.isArray(raw.steps)) {
    const stepsPath = [...path, 'steps'];
    const steps = ctx.steps.list(raw.steps, { path: stepsPath, idPath: ['steps'], flowId: syntheticId });
    ctx.out.flows.push({ id: syntheticId, steps, synthetic: true, source: ctx.sink.source(stepsPath, true) });
    return { kind: 'flow', flow: syntheticId };
  }
  if (isRecord(raw.reject)) {
    return { kind: 'reject', cause: typeof raw.reject.cause === 'string' ? raw.reject.cause : 'rejected' };
  }
  return undefined;
}

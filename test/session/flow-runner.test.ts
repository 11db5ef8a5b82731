import { FlowRunner } from '../../src/session/flow-runner';
import { STEP_REGISTRY } from '../../src/steps/registry';
import type { StepDefinition } from '../../src/steps/step-definition';
import { NEXT } from '../../src/steps/step-result';
import { harness, eventKinds } from '../steps/support/harness';

const flag = (name: string) => ({ set: { [name]: true } });
const count = (name: string) => ({ set: { [name]: `{{ vars.${name} | default: 0 | plus: 1 }}` } });

describe('FlowRunner: labels and goto', () => {
  it('a goto with max loops max times, then falls through', async () => {
    const h = harness({ flows: { main: [{ label: 'top' }, count('n'), { goto: { label: 'top', max: 3 } }, flag('done')] } });
    await h.run();
    expect(h.call.vars).toEqual({ n: '4', done: true });
  });

  it('a goto inside nested lists reaches a label in an enclosing list', async () => {
    const h = harness({
      flows: {
        main: [
          { label: 'outer' },
          count('n'),
          { if: { when: 'true', then: [{ switch: { value: 'x', cases: { x: [{ goto: { label: 'outer', max: 2 } }] } } }, flag('inner_after')] } },
          flag('end'),
        ],
      },
    });
    await h.run();
    // two jumps from deep inside, then the goto falls through inside the switch and the rest of the if runs
    expect(h.call.vars).toEqual({ n: '3', inner_after: true, end: true });
  });

  it('the innermost list holding the label wins', async () => {
    const h = harness({
      flows: { main: [{ label: 'l' }, flag('outer_seen'), { if: { when: 'true', then: [{ label: 'l' }, count('inner'), { goto: { label: 'l', max: 2 } }] } }] },
    });
    await h.run();
    expect(h.call.vars).toEqual({ outer_seen: true, inner: '3' });
  });

  it('nested loops: an inner bound starts again on each outer pass', async () => {
    const h = harness({
      flows: { main: [{ label: 'outer' }, { label: 'inner' }, count('inner'), { goto: { label: 'inner', max: 2 } }, count('outer'), { goto: { label: 'outer', max: 1 } }] },
    });
    await h.run();
    expect(h.call.vars).toEqual({ inner: '6', outer: '2' });
  });

  it('a label in another flow is not in scope: GOTO_UNKNOWN_LABEL', async () => {
    const h = harness({ flows: { main: [{ label: 'here' }, { call: 'sub' }], sub: [{ goto: 'here' }] } });
    await expect(h.run()).rejects.toMatchObject({ code: 'GOTO_UNKNOWN_LABEL', details: { label: 'here', flowId: 'sub' } });
  });

  it('a label inside a nested list is not reachable from outside it', async () => {
    const h = harness({ flows: { main: [{ if: { when: 'false', then: [{ label: 'hidden' }] } }, { goto: 'hidden' }] } });
    await expect(h.run()).rejects.toMatchObject({ code: 'GOTO_UNKNOWN_LABEL' });
  });
});

describe('FlowRunner: budget, sub-flows, errors', () => {
  it('stops a runaway loop at the per-call step budget', async () => {
    const h = harness({ flows: { main: [{ label: 'top' }, { goto: { label: 'top', max: 1000 } }] }, settings: { maxStepsPerCall: 50 } });
    await expect(h.run()).rejects.toMatchObject({ code: 'STEP_BUDGET_EXCEEDED', details: { limit: 50 } });
    expect(h.runner.steps).toBe(50);
    expect(h.events.at(-1)).toMatchObject({ kind: 'ended', outcome: 'error', steps: 50, error: { code: 'STEP_BUDGET_EXCEEDED' } });
  });

  it('the budget counts nested and sub-flow steps', async () => {
    const h = harness({ flows: { main: [{ call: 'sub' }, { call: 'sub' }], sub: [flag('a'), flag('b')] }, settings: { maxStepsPerCall: 5 } });
    await expect(h.run()).rejects.toMatchObject({ code: 'STEP_BUDGET_EXCEEDED' });
    const ok = harness({ flows: { main: [{ call: 'sub' }, { call: 'sub' }], sub: [flag('a'), flag('b')] }, settings: { maxStepsPerCall: 6 } });
    expect(await ok.run()).toMatchObject({ outcome: 'completed', steps: 6 });
  });

  it('sub-flow depth is bounded', async () => {
    const h = harness({ flows: { main: [{ call: 'a' }], a: [{ call: 'b' }], b: [{ call: 'c' }], c: [flag('deep')] }, settings: { maxCallDepth: 2 } });
    await expect(h.run()).rejects.toMatchObject({ code: 'CALL_DEPTH_EXCEEDED' });
    expect(h.call.vars).toEqual({});
    const ok = harness({ flows: { main: [{ call: 'a' }], a: [{ call: 'b' }], b: [flag('deep')] }, settings: { maxCallDepth: 2 } });
    await ok.run();
    expect(ok.call.vars).toEqual({ deep: true });
  });

  it('sub-flow + return: the caller continues after the call step', async () => {
    const h = harness({ flows: { main: [{ call: 'sub' }, flag('back')], sub: [flag('in_sub'), 'return', flag('never')] } });
    await h.run();
    expect(h.call.vars).toEqual({ in_sub: true, back: true });
    expect(h.events.filter((e) => e.kind === 'flowExited').map((e) => e.kind === 'flowExited' && [e.flowId, e.outcome])).toEqual([
      ['sub', 'returned'],
      ['main', 'returned'],
    ]);
  });

  it('errors other than hangups propagate to the caller of run(), after the end is reported', async () => {
    const h = harness({ flows: { main: ['answer', { play: 'sound:x' }] } });
    h.port.failNext('play', new Error('boom'));
    await expect(h.run()).rejects.toThrow('boom');
    expect(h.events.find((e) => e.kind === 'stepFinished' && e.type === 'play')).toMatchObject({ outcome: 'error', error: { message: 'boom' } });
    expect(h.events.at(-1)).toMatchObject({ kind: 'ended', outcome: 'error' });
  });

  it('ARI_CHANNEL_GONE from the port ends the flow quietly, and nothing more is sent', async () => {
    const { VoxtraError } = await import('../../src/core/errors');
    const h = harness({ flows: { main: ['answer', { play: 'sound:x' }, { play: 'sound:y' }] } });
    h.port.failNext('play', new VoxtraError('ARI_CHANNEL_GONE', 'Channel not found'));
    expect((await h.run()).outcome).toBe('caller_hangup');
    expect(h.port.ops).toEqual(['answer', 'play']);
  });

  it('a listen whose prompt finds the channel gone reports hangup, and the run ends as a caller hangup', async () => {
    const { VoxtraError } = await import('../../src/core/errors');
    const h = harness({ flows: { main: [{ listen_dtmf: { prompt: 'sound:enter-pin' } }] } });
    h.port.failNext('play', new VoxtraError('ARI_CHANNEL_GONE', 'Channel not found'));
    expect((await h.run()).outcome).toBe('caller_hangup');
    expect(h.call.vars.digits_status).toBe('hangup');
    expect(h.clock.pending).toBe(0);
  });

  it('an unknown flow id is FLOW_NOT_FOUND', async () => {
    const h = harness({ flows: { main: [] } });
    await expect(h.run('nope')).rejects.toMatchObject({ code: 'FLOW_NOT_FOUND' });
  });

  it('an unknown step type is STEP_FAILED (the runner takes its catalogue as an option)', async () => {
    const h = harness({ flows: { main: ['answer'] } });
    const runner = new FlowRunner({ call: h.call, snapshot: h.snapshot, clock: h.clock, steps: [] });
    await expect(runner.run('main')).rejects.toMatchObject({ code: 'STEP_FAILED', message: expect.stringContaining('answer') });
  });
});

describe('FlowRunner: steps from a custom catalogue', () => {
  // A catalogue written in plain JavaScript may return a result directly or throw instead of rejecting.
  const withSet = (execute: StepDefinition['execute']): StepDefinition[] =>
    STEP_REGISTRY.map((d) => (d.type === 'set' ? ({ ...d, execute } as StepDefinition) : d));

  it('a step that returns its result directly runs like one that resolves', async () => {
    const h = harness({ flows: { main: [flag('a'), flag('b'), 'hangup'] } });
    let ran = 0;
    const steps = withSet((() => {
      ran++;
      return NEXT;
    }) as unknown as StepDefinition['execute']);
    const runner = new FlowRunner({ call: h.call, snapshot: h.snapshot, clock: h.clock, steps });
    await expect(runner.run('main')).resolves.toMatchObject({ outcome: 'hung_up', steps: 3 });
    expect(ran).toBe(2);
  });

  it('a step that throws at once fails the run, reported as that step failing', async () => {
    const h = harness({ flows: { main: ['answer', flag('a'), 'hangup'] } });
    const failures: string[] = [];
    const steps = withSet(() => {
      throw new Error('set broke');
    });
    const runner = new FlowRunner({
      call: h.call,
      snapshot: h.snapshot,
      clock: h.clock,
      steps,
      observer: { stepFinished: (e) => void (e.outcome === 'error' && failures.push(`${e.type}:${e.error?.message}`)) },
    });
    await expect(runner.run('main')).rejects.toThrow('set broke');
    expect(failures).toEqual(['set:set broke']);
    expect(h.port.calls.map((c) => c.op)).toEqual(['answer']);
  });
});

describe('FlowRunner: observer', () => {
  it('reports flows, steps (with ids, depth, seq, duration, outcome), variables, prompts and the end, in order', async () => {
    const h = harness({ flows: { main: ['answer', { call: 'sub' }, { play: 'sound:bye' }, 'hangup'], sub: [{ set: { x: 1 } }] }, defaultDurationMs: 700 });
    expect((await h.run()).outcome).toBe('hung_up');
    expect(eventKinds(h.events)).toEqual([
      'flowEntered',
      'stepStarted', 'callAction', 'stepFinished',
      'stepStarted', 'flowEntered', 'stepStarted', 'variableSet', 'stepFinished', 'flowExited', 'stepFinished',
      'stepStarted', 'promptPlayed', 'stepFinished',
      'stepStarted', 'callAction', 'stepFinished',
      'flowExited',
      'ended',
    ]);
    const finished = h.events.filter((e) => e.kind === 'stepFinished');
    expect(finished.map((e) => e.kind === 'stepFinished' && [e.flowId, e.stepId, e.type, e.depth, e.seq, e.durationMs, e.outcome])).toEqual([
      ['main', 'main.steps[0]', 'answer', 0, 1, 0, 'ok'],
      ['sub', 'sub.steps[0]', 'set', 1, 3, 0, 'ok'],
      ['main', 'main.steps[1]', 'call', 0, 2, 0, 'ok'],
      ['main', 'main.steps[2]', 'play', 0, 4, 700, 'ok'],
      ['main', 'main.steps[3]', 'hangup', 0, 5, 0, 'end'],
    ]);
    expect(h.events.at(-1)).toMatchObject({ kind: 'ended', flowId: 'main', outcome: 'hung_up', steps: 5, durationMs: 700 });
  });

  it('a throwing observer is logged and never breaks the call', async () => {
    const h = harness({ flows: { main: [flag('a')] } });
    const runner = new FlowRunner({
      call: h.call,
      snapshot: h.snapshot,
      clock: h.clock,
      observer: {
        stepStarted: () => {
          throw new Error('observer bug');
        },
      },
    });
    expect((await runner.run('main')).outcome).toBe('completed');
    expect(h.call.vars).toEqual({ a: true });
  });
});

describe('FlowRunner: templates', () => {
  it('exposes call facts, metadata and vars to templates', async () => {
    const h = harness({
      flows: { main: [{ set: { s: '{{ call.id }}|{{ call.app }}|{{ call.extension }}|{{ call.number }}|{{ call.caller }}|{{ call.caller_name }}|{{ call.args[0] }}|{{ call.channel }}|{{ call.route }}|{{ call.version }}|{{ metadata.q }}' } }] },
      metadata: { q: 'support' },
    });
    await h.run();
    expect(h.call.vars.s).toBe('1795358614.1|voxtra|1000|5551000|5551000|SIPp caller|1000|PJSIP/sipp-00000001|support|abc123def456|support');
  });
});

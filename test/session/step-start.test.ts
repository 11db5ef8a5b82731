import { FakeClock } from '../../src/core/fake-clock';
import type { Call } from '../../src/call/call-api';
import { VoxtraCall } from '../../src/session/call';
import { FlowRunner } from '../../src/session/flow-runner';
import { recordEvents } from '../../src/session/observer';
import { STEP_REGISTRY } from '../../src/steps/registry';
import type { StepDefinition } from '../../src/steps/step-definition';
import { NEXT } from '../../src/steps/step-result';
import { FakeCallControl } from '../helpers/fake-call-control';
import { channelInfo, drive, snapshotOf } from '../steps/support/harness';

/** The catalogue with `type`'s definition replaced. */
function registryWith(type: string, change: (d: StepDefinition) => StepDefinition): StepDefinition[] {
  return STEP_REGISTRY.map((d) => (d.type === type ? change(d) : d));
}

function setup(flows: Record<string, readonly unknown[]>, steps: readonly StepDefinition[] = STEP_REGISTRY, wrap: (call: VoxtraCall) => Call = (c) => c) {
  const clock = new FakeClock(0);
  const port = new FakeCallControl({ clock, defaultDurationMs: 100 });
  const snapshot = snapshotOf(flows);
  const recorder = recordEvents();
  const call = new VoxtraCall({ control: port, clock, app: 'voxtra', channel: channelInfo(), snapshotVersion: snapshot.version, queuesContext: 'q', observer: recorder.observer });
  const runner = new FlowRunner({ call: wrap(call), snapshot, clock, observer: recorder.observer, steps });
  return { clock, port, call, events: recorder.events, run: () => drive(clock, runner.run('main')) };
}

describe('steps with start (reporting to an Outcome instead of a promise)', () => {
  it('the runner prefers start to execute, and the list goes on from what it reports', async () => {
    const used: string[] = [];
    const steps = registryWith('log', (d) => ({
      ...d,
      execute: () => {
        used.push('execute');
        return Promise.resolve(NEXT);
      },
      start: (_p, _ctx, end) => {
        used.push('start');
        queueMicrotask(() => end.resolved(NEXT));
      },
    }));
    const h = setup({ main: [{ log: 'one' }, { log: 'two' }, 'hangup'] }, steps);
    const result = await h.run();
    expect(used).toEqual(['start', 'start']);
    expect(result.outcome).toBe('hung_up');
  });

  it('a start that throws fails the step like a rejection: reported as an error, later, and the flow fails', async () => {
    const steps = registryWith('log', (d) => ({
      ...d,
      start: () => {
        throw new Error('boom');
      },
    }));
    const h = setup({ main: [{ log: 'one' }, 'hangup'] }, steps);
    await expect(h.run()).rejects.toThrow('boom');
    const finished = h.events.filter((e) => e.kind === 'stepFinished');
    expect(finished).toEqual([expect.objectContaining({ type: 'log', outcome: 'error' })]);
  });

  it('listen_dtmf on a Call without listenDtmfInto (another implementation) goes through its promise', async () => {
    let promised = 0;
    const wrap = (call: VoxtraCall): Call =>
      new Proxy(call, {
        get(target, key) {
          if (key === 'listenDtmfInto') return undefined;
          const value: unknown = Reflect.get(target, key, target);
          if (key === 'listenDtmf') promised++;
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
    const h = setup({ main: [{ listen_dtmf: { max_digits: 2 } }, 'hangup'] }, STEP_REGISTRY, wrap);
    h.port.at(100, () => h.port.press('42'));
    await h.run();
    expect(promised).toBe(1);
    expect(h.call.vars).toEqual({ digits: '42', digits_status: 'ok' });
  });
});

import { waitStep } from '../../src/steps/wait';
import { harness } from './support/harness';
import { paramsOf } from './support/normalize';
import { validateStepValue } from './support/schema';

describe('wait', () => {
  it('takes a duration', () => {
    expect(validateStepValue(waitStep, '2s').valid).toBe(true);
    expect(validateStepValue(waitStep, 1.5).valid).toBe(true);
    expect(validateStepValue(waitStep, 'two seconds').valid).toBe(false);
    expect(validateStepValue(waitStep, -1).valid).toBe(false);
    expect(paramsOf({ wait: '2s' })).toEqual({ ms: 2000 });
    expect(paramsOf({ wait: 0.25 })).toEqual({ ms: 250 });
  });

  it('waits on the clock without touching the channel', async () => {
    const h = harness({ flows: { main: [{ wait: '2s' }, { wait: '500ms' }] } });
    await h.run();
    expect(h.clock.now()).toBe(2500);
    expect(h.port.calls).toEqual([]);
  });

  it('a hangup mid-wait stops at once, releasing the timer', async () => {
    const h = harness({ flows: { main: [{ wait: '1m' }, { play: 'sound:never' }] } });
    h.port.at(1000, () => h.port.callerHangup());
    expect((await h.run()).outcome).toBe('caller_hangup');
    expect(h.clock.now()).toBe(1000);
    expect(h.clock.pending).toBe(0);
    expect(h.port.listenerCount).toBe(0);
  });
});

import { hangupStep } from '../../src/steps/hangup';
import { harness } from './support/harness';
import { paramsOf } from './support/normalize';
import { validateStep, validateStepValue } from './support/schema';

describe('hangup: schema and normalize', () => {
  it('accepts bare, a cause, or { cause }', () => {
    expect(validateStep('hangup')).toBe(true);
    expect(validateStepValue(hangupStep, 'busy').valid).toBe(true);
    expect(validateStepValue(hangupStep, { cause: 'congestion' }).valid).toBe(true);
    expect(validateStepValue(hangupStep, {}).valid).toBe(true);
    expect(validateStepValue(hangupStep, 'bogus').valid).toBe(false);
    expect(validateStepValue(hangupStep, { cause: 'bogus' }).valid).toBe(false);
    expect(validateStepValue(hangupStep, { reason: 'busy' }).valid).toBe(false);
  });

  it('defaults the cause to normal', () => {
    expect(paramsOf('hangup')).toEqual({ cause: 'normal' });
    expect(paramsOf({ hangup: 'busy' })).toEqual({ cause: 'busy' });
    expect(paramsOf({ hangup: { cause: 'no_answer' } })).toEqual({ cause: 'no_answer' });
    expect(hangupStep.endsList?.({ cause: 'normal' })).toBe(true);
  });
});

describe('hangup: execute', () => {
  it('hangs up with the cause and ends the flow', async () => {
    const h = harness({ flows: { main: [{ hangup: 'busy' }, { play: 'sound:never' }] } });
    const result = await h.run();
    expect(result.outcome).toBe('hung_up');
    expect(h.port.calls.map((c) => [c.op, ...c.args])).toEqual([['hangup', 'busy']]);
    expect(h.call.ended).toBe(true);
    expect(h.port.listenerCount).toBe(0);
  });

  it('a hangup inside a sub-flow ends the whole call', async () => {
    const h = harness({ flows: { main: [{ call: 'bye' }, { set: { after: 1 } }], bye: ['hangup'] } });
    expect((await h.run()).outcome).toBe('hung_up');
    expect(h.call.vars).toEqual({});
  });
});

import { returnStep } from '../../src/steps/return';
import { harness } from './support/harness';
import { paramsOf } from './support/normalize';
import { validateStep, validateStepValue } from './support/schema';

describe('return', () => {
  it('is bare and ends its list', () => {
    expect(validateStep('return')).toBe(true);
    expect(validateStepValue(returnStep, 'now').valid).toBe(false);
    expect(paramsOf('return')).toEqual({});
    expect(returnStep.endsList?.({})).toBe(true);
  });

  it('returns from a sub-flow, even from inside nested lists', async () => {
    const h = harness({
      flows: {
        main: [{ call: 'check' }, { set: { after: true } }],
        check: [{ if: { when: 'true', then: [{ set: { early: true } }, 'return'] } }, { set: { skipped: true } }],
      },
    });
    expect((await h.run()).outcome).toBe('completed');
    expect(h.call.vars).toEqual({ early: true, after: true });
  });

  it('in the call\'s own flow it ends the flow', async () => {
    const h = harness({ flows: { main: ['return', { set: { skipped: true } }] } });
    expect((await h.run()).outcome).toBe('completed');
    expect(h.call.vars).toEqual({});
  });
});

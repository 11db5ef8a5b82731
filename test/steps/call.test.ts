import { callStep } from '../../src/steps/call';
import { harness } from './support/harness';
import { paramsOf } from './support/normalize';
import { validateStepValue } from './support/schema';

describe('call', () => {
  it('accepts a flow id or { flow }', () => {
    expect(validateStepValue(callStep, 'greeting').valid).toBe(true);
    expect(validateStepValue(callStep, { flow: 'greeting' }).valid).toBe(true);
    expect(validateStepValue(callStep, { name: 'greeting' }).valid).toBe(false);
    expect(validateStepValue(callStep, '').valid).toBe(false);
    expect(paramsOf({ call: 'greeting' })).toEqual({ flow: 'greeting' });
    expect(paramsOf({ call: { flow: 'greeting' } })).toEqual({ flow: 'greeting' });
  });

  it('runs the sub-flow with shared variables, then continues', async () => {
    const h = harness({ flows: { main: [{ set: { who: 'Ann' } }, { call: 'greet' }, { set: { after: '{{ vars.greeted }}' } }], greet: [{ set: { greeted: 'hi {{ vars.who }}' } }] } });
    await h.run();
    expect(h.call.vars).toEqual({ who: 'Ann', greeted: 'hi Ann', after: 'hi Ann' });
    expect(h.events.filter((e) => e.kind === 'flowEntered').map((e) => e.kind === 'flowEntered' && [e.flowId, e.depth])).toEqual([
      ['main', 0],
      ['greet', 1],
    ]);
  });

  it('an unknown flow is FLOW_NOT_FOUND', async () => {
    const h = harness({ flows: { main: [{ call: 'nope' }] } });
    await expect(h.run()).rejects.toMatchObject({ code: 'FLOW_NOT_FOUND' });
  });
});

import { continueInDialplanStep } from '../../src/steps/continue-in-dialplan';
import { harness } from './support/harness';
import { paramsOf } from './support/normalize';
import { validateStepValue } from './support/schema';

describe('continue_in_dialplan', () => {
  it('validates the target charset (templates are checked after rendering)', () => {
    expect(validateStepValue(continueInDialplanStep, { context: 'voxtra-out', extension: '+4930123', priority: 2 }).valid).toBe(true);
    expect(validateStepValue(continueInDialplanStep, { context: 'default', extension: '{{ vars.digits }}', label: 'start' }).valid).toBe(true);
    for (const bad of [{ context: 'a b', extension: '1' }, { context: 'x', extension: '1,2' }, { context: 'x' }, { context: 'x', extension: '1', priority: 0 }, { context: 'x', extension: '1', app: 'Dial' }]) {
      expect(validateStepValue(continueInDialplanStep, bad).valid).toBe(false);
    }
    expect(paramsOf({ continue_in_dialplan: { context: 'c', extension: 's' } })).toEqual({ context: 'c', extension: 's' });
    expect(continueInDialplanStep.endsList?.({ context: 'c', extension: 's' })).toBe(true);
  });

  it('continues at priority 1 by default and ends the flow', async () => {
    const h = harness({ flows: { main: [{ set: { ext: '2000' } }, { continue_in_dialplan: { context: 'internal', extension: '{{ vars.ext }}' } }, { play: 'sound:never' }] } });
    expect((await h.run()).outcome).toBe('continued');
    expect(h.port.calls.map((c) => [c.op, ...c.args])).toEqual([['continueInDialplan', { context: 'internal', extension: '2000', priority: 1 }]]);
  });

  it('passes a label instead of a priority', async () => {
    const h = harness({ flows: { main: [{ continue_in_dialplan: { context: 'internal', extension: 's', label: 'start' } }] } });
    await h.run();
    expect(h.port.calls[0].args[0]).toEqual({ context: 'internal', extension: 's', label: 'start' });
  });

  it('refuses an extension that caller input made unsafe', async () => {
    const h = harness({ flows: { main: [{ listen_dtmf: { max_digits: 3 } }, { continue_in_dialplan: { context: 'internal', extension: '{{ vars.digits }}x,1' } }] } });
    h.port.at(10, () => h.port.press('123'));
    await expect(h.run()).rejects.toMatchObject({ code: 'UNSAFE_INPUT' });
    expect(h.port.calls).toEqual([]);
  });
});

import { gotoStep, type GotoParams } from '../../src/steps/goto';
import { harness } from './support/harness';
import { paramsOf } from './support/normalize';
import { validateStepValue } from './support/schema';

describe('goto: schema and normalize', () => {
  it('accepts a label or { label, max }', () => {
    expect(validateStepValue(gotoStep, 'top').valid).toBe(true);
    expect(validateStepValue(gotoStep, { label: 'top', max: 3 }).valid).toBe(true);
    expect(validateStepValue(gotoStep, { label: 'top', max: 0 }).valid).toBe(false);
    expect(validateStepValue(gotoStep, { max: 3 }).valid).toBe(false);
    expect(paramsOf<GotoParams>({ goto: 'top' })).toEqual({ label: 'top' });
    expect(paramsOf<GotoParams>({ goto: { label: 'top', max: 2 } })).toEqual({ label: 'top', max: 2 });
  });

  it('ends its list only without max (with max it can fall through)', () => {
    expect(gotoStep.endsList?.({ label: 'top' })).toBe(true);
    expect(gotoStep.endsList?.({ label: 'top', max: 2 })).toBe(false);
  });
});

describe('goto: execute', () => {
  it('jumps max times, then falls through to the next step', async () => {
    const h = harness({ flows: { main: [{ label: 'top' }, { play: 'sound:again' }, { goto: { label: 'top', max: 2 } }, { set: { done: true } }] } });
    await h.run();
    expect(h.port.calls.filter((c) => c.op === 'play')).toHaveLength(3);
    expect(h.call.vars).toEqual({ done: true });
  });

  it('a forward goto without max skips steps', async () => {
    const h = harness({ flows: { main: [{ goto: 'end' }, { set: { skipped: true } }, { label: 'end' }, { set: { reached: true } }] } });
    await h.run();
    expect(h.call.vars).toEqual({ reached: true });
  });
});

import { labelStep } from '../../src/steps/label';
import { harness } from './support/harness';
import { paramsOf } from './support/normalize';
import { validateStepValue } from './support/schema';

describe('label', () => {
  it('takes a name', () => {
    expect(validateStepValue(labelStep, 'top').valid).toBe(true);
    expect(validateStepValue(labelStep, 'retry-2').valid).toBe(true);
    expect(validateStepValue(labelStep, '2top').valid).toBe(false);
    expect(validateStepValue(labelStep, { name: 'top' }).valid).toBe(false);
    expect(paramsOf({ label: 'top' })).toEqual({ name: 'top' });
  });

  it('does nothing when run', async () => {
    const h = harness({ flows: { main: [{ label: 'top' }] } });
    expect(await h.run()).toMatchObject({ outcome: 'completed', steps: 1 });
    expect(h.port.calls).toEqual([]);
  });
});

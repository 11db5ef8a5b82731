import { switchStep, type SwitchParams } from '../../src/steps/switch';
import { harness } from './support/harness';
import { paramsOf } from './support/normalize';
import { validateStepValue } from './support/schema';

const flag = (name: string) => ({ set: { [name]: true } });

describe('switch', () => {
  it('requires value and cases', () => {
    expect(validateStepValue(switchStep, { value: '{{ metadata.department }}', cases: { sales: [], billing: ['hangup'] }, default: [] }).valid).toBe(true);
    expect(validateStepValue(switchStep, { value: 'x' }).valid).toBe(false);
    expect(validateStepValue(switchStep, { cases: {} }).valid).toBe(false);
    expect(validateStepValue(switchStep, { value: 'x', cases: { a: 'hangup' } }).valid).toBe(false);
  });

  it('normalises the cases in order with their branches', () => {
    const p = paramsOf<SwitchParams>({ switch: { value: '{{ vars.d }}', cases: { '1': [flag('one')], two: [] }, default: ['hangup'] } });
    expect(p.cases.map((c) => c.key)).toEqual(['1', 'two']);
    expect(switchStep.branches?.(p).map((b) => b.key)).toEqual(['cases.1', 'cases.two', 'default']);
  });

  it('runs the case equal to the rendered value, else the default, then continues', async () => {
    const flows = (department: string) => ({
      flows: {
        main: [{ switch: { value: '{{ metadata.department }}', cases: { sales: [flag('sales')], billing: [flag('billing')] }, default: [flag('other')] } }, flag('after')],
      },
      metadata: { department },
    });
    for (const [department, expected] of [['sales', 'sales'], ['billing', 'billing'], ['Sales', 'other']]) {
      const h = harness(flows(department));
      await h.run();
      expect(h.call.vars).toEqual({ [expected]: true, after: true });
    }
  });

  it('with no match and no default, nothing runs', async () => {
    const h = harness({ flows: { main: [{ switch: { value: 'x', cases: { y: [flag('y')] } } }, flag('after')] } });
    await h.run();
    expect(h.call.vars).toEqual({ after: true });
  });
});

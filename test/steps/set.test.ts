import { setStep, type SetParams } from '../../src/steps/set';
import { harness } from './support/harness';
import { paramsOf } from './support/normalize';
import { validateStepValue } from './support/schema';

describe('set', () => {
  it('accepts a map of valid variable names', () => {
    expect(validateStepValue(setStep, { greeting: 'Hi', n: 2, ok: true, list: [1, 2] }).valid).toBe(true);
    expect(validateStepValue(setStep, { '1bad': 'x' }).valid).toBe(false);
    expect(validateStepValue(setStep, { 'with-dash': 'x' }).valid).toBe(false);
    expect(validateStepValue(setStep, {}).valid).toBe(false);
    expect(validateStepValue(setStep, 'x').valid).toBe(false);
  });

  it('keeps the assignments in order and reports the variables it writes', () => {
    const p = paramsOf<SetParams>({ set: { a: 1, b: '{{ vars.a }}' } });
    expect(p).toEqual({ assignments: [{ name: 'a', value: 1 }, { name: 'b', value: '{{ vars.a }}' }] });
    expect(setStep.writesVars?.(p)).toEqual(['a', 'b']);
  });

  it('renders string values (nested ones too), in order, each seeing the ones before', async () => {
    const h = harness({
      flows: { main: [{ set: { tier: '{{ metadata.tier }}', label: 'caller {{ call.number }} is {{ vars.tier }}', n: 3, info: { ext: '{{ call.extension }}' } } }] },
      metadata: { tier: 'gold' },
    });
    await h.run();
    expect(h.call.vars).toEqual({ tier: 'gold', label: 'caller 5551000 is gold', n: 3, info: { ext: '1000' } });
    expect(h.events.filter((e) => e.kind === 'variableSet').map((e) => e.kind === 'variableSet' && e.name)).toEqual(['tier', 'label', 'n', 'info']);
  });

  it('a variable named __proto__ is a plain variable, not the prototype', async () => {
    // JSON.parse makes an own __proto__ key, as the YAML and JSON parsers do.
    const h = harness({ flows: { main: [{ set: JSON.parse('{"__proto__": "x"}') as Record<string, unknown> }] } });
    await h.run();
    expect(Object.getPrototypeOf(h.call.vars)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(h.call.vars, '__proto__')?.value).toBe('x');
  });

  it('a template that fails to render is a TEMPLATE_ERROR', async () => {
    const h = harness({ flows: { main: [{ set: { x: '{{ vars.a | nosuchfilter }}' } }] } });
    await expect(h.run()).rejects.toMatchObject({ code: 'TEMPLATE_ERROR' });
  });
});

import { ifStep, type IfParams } from '../../src/steps/if';
import { harness } from './support/harness';
import { paramsOf } from './support/normalize';
import { validateStepValue } from './support/schema';

const flag = (name: string) => ({ set: { [name]: true } });

describe('if: schema and normalize', () => {
  it('requires when and then', () => {
    expect(validateStepValue(ifStep, { when: 'vars.a == "1"', then: ['hangup'], else: [] }).valid).toBe(true);
    expect(validateStepValue(ifStep, { when: 'vars.a', else: [] }).valid).toBe(false);
    expect(validateStepValue(ifStep, { then: [] }).valid).toBe(false);
    expect(validateStepValue(ifStep, { when: 'x', then: [], otherwise: [] }).valid).toBe(false);
  });

  it('normalises the condition and both branches', () => {
    const p = paramsOf<IfParams>({ if: { when: 'vars.a == "1"', then: [flag('a')], else: ['hangup'] } });
    expect(p.when).toEqual({ kind: 'expr', source: 'vars.a == "1"' });
    expect(p.then[0].id).toBe('main.steps[0].if.then[0]');
    expect(ifStep.branches?.(p).map((b) => b.key)).toEqual(['then', 'else']);
  });
});

describe('if: execute', () => {
  const flow = (when: unknown) => ({ flows: { main: [{ if: { when, then: [flag('yes')], else: [flag('no')] } }, flag('after')] } });

  it('runs then or else, and continues after', async () => {
    const yes = harness({ ...flow('metadata.tier == "gold" and call.extension == "1000"'), metadata: { tier: 'gold' } });
    await yes.run();
    expect(yes.call.vars).toEqual({ yes: true, after: true });
    const no = harness({ ...flow('metadata.tier == "gold"'), metadata: { tier: 'silver' } });
    await no.run();
    expect(no.call.vars).toEqual({ no: true, after: true });
  });

  it('evaluates match, all, any and not conditions', async () => {
    const cases: [unknown, boolean][] = [
      [{ value: '{{ call.number }}', matches: { prefix: '555' } }, true],
      [{ value: '{{ call.extension }}', matches: '_1XXX' }, true],
      [{ value: '{{ call.extension }}', matches: { regex: '^2' } }, false],
      [{ all: ['true', { not: 'false' }] }, true],
      [{ any: ['false', { value: 'x', matches: 'y' }] }, false],
    ];
    for (const [when, expected] of cases) {
      const h = harness(flow(when));
      await h.run();
      expect({ when, taken: h.call.vars.yes === true }).toEqual({ when, taken: expected });
    }
  });

  it('asks the calendar service for calendar conditions', async () => {
    const asked: unknown[] = [];
    const calendars = { isInState: (name: string, state: string, now: number) => (asked.push([name, state, now]), name === 'support') };
    const h = harness({ ...flow({ calendar: 'support', state: 'open' }), services: { calendars } });
    h.clock.advance(1234);
    await h.run();
    expect(asked).toEqual([['support', 'open', 1234]]);
    expect(h.call.vars.yes).toBe(true);
  });

  it('a calendar condition with no calendar service fails clearly', async () => {
    const h = harness(flow({ calendar: 'support', state: 'open' }));
    await expect(h.run()).rejects.toMatchObject({ code: 'STEP_FAILED', message: expect.stringContaining('calendar service') });
  });
});

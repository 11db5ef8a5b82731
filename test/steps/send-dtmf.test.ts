import { sendDtmfStep } from '../../src/steps/send-dtmf';
import { harness } from './support/harness';
import { paramsOf } from './support/normalize';
import { validateStepValue } from './support/schema';

describe('send_dtmf', () => {
  it('accepts digits or { digits, between, duration }', () => {
    expect(validateStepValue(sendDtmfStep, '12#').valid).toBe(true);
    expect(validateStepValue(sendDtmfStep, { digits: 'ABCD*#0', between: '200ms', duration: 0.1 }).valid).toBe(true);
    expect(validateStepValue(sendDtmfStep, '12x').valid).toBe(false);
    expect(validateStepValue(sendDtmfStep, { digits: '1', gap: 1 }).valid).toBe(false);
    expect(paramsOf({ send_dtmf: '12#' })).toEqual({ digits: '12#' });
    expect(paramsOf({ send_dtmf: { digits: '1', between: '200ms', duration: '80ms' } })).toEqual({ digits: '1', betweenMs: 200, durationMs: 80 });
  });

  it('sends the rendered digits with the timings', async () => {
    const h = harness({ flows: { main: [{ send_dtmf: { digits: '{{ metadata.pin }}#', between: '250ms' } }] }, metadata: { pin: '12ab' } });
    await h.run();
    expect(h.port.calls.map((c) => [c.op, ...c.args])).toEqual([['sendDtmf', '12AB#', { betweenMs: 250 }]]);
  });

  it('refuses rendered digits outside 0-9 A-D * #', async () => {
    const h = harness({ flows: { main: [{ send_dtmf: '{{ metadata.pin }}' }] }, metadata: { pin: '1,w' } });
    await expect(h.run()).rejects.toMatchObject({ code: 'UNSAFE_INPUT' });
    expect(h.port.calls).toEqual([]);
  });
});

import { logStep } from '../../src/steps/log';
import { harness } from './support/harness';
import { paramsOf } from './support/normalize';
import { validateStepValue } from './support/schema';

describe('log', () => {
  it('accepts a message or { message, level }', () => {
    expect(validateStepValue(logStep, 'hello').valid).toBe(true);
    expect(validateStepValue(logStep, { message: 'x', level: 'warn' }).valid).toBe(true);
    expect(validateStepValue(logStep, { message: 'x', level: 'loud' }).valid).toBe(false);
    expect(validateStepValue(logStep, { level: 'warn' }).valid).toBe(false);
    expect(paramsOf({ log: 'hi' })).toEqual({ message: 'hi', level: 'info' });
  });

  it('writes the rendered message with the call, flow and step', async () => {
    const h = harness({ flows: { main: [{ log: 'caller {{ call.number }} on {{ call.channel }}' }, { log: { message: 'careful', level: 'warn' } }] } });
    await h.run();
    const lines = h.logs.filter((r) => r.step !== undefined && r.msg !== undefined);
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', msg: 'caller 5551000 on PJSIP/sipp-00000001', callId: '1795358614.1', flow: 'main', step: 'main.steps[0]' }),
      expect.objectContaining({ level: 'warn', msg: 'careful', step: 'main.steps[1]' }),
    ]);
  });
});

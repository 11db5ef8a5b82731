import { setChannelVarStep } from '../../src/steps/set-channel-var';
import { harness } from './support/harness';
import { paramsOf } from './support/normalize';
import { validateStepValue } from './support/schema';

describe('set_channel_var', () => {
  it('accepts plain names and PJSIP_HEADER(add,...) only', () => {
    expect(validateStepValue(setChannelVarStep, { CDR_TAG: 'x', n: 1, flag: true, 'PJSIP_HEADER(add,X-Tier)': 'gold' }).valid).toBe(true);
    for (const bad of [{ '1X': 'x' }, { 'CALLERID(num)': '1' }, { 'PJSIP_HEADER(remove,X)': 'x' }, { 'PJSIP_HEADER(add,X Y)': 'x' }, { X: { a: 1 } }, {}]) {
      expect(validateStepValue(setChannelVarStep, bad).valid).toBe(false);
    }
    expect(paramsOf({ set_channel_var: { A: '1' } })).toEqual({ assignments: [{ name: 'A', value: '1' }] });
  });

  it('renders and stringifies the values and sets them in order', async () => {
    const h = harness({ flows: { main: [{ set_channel_var: { TIER: '{{ metadata.tier }}', RETRIES: 3, 'PJSIP_HEADER(add,X-Tier)': '{{ metadata.tier }}' } }] }, metadata: { tier: 'gold' } });
    await h.run();
    expect(h.port.calls.map((c) => c.args)).toEqual([
      ['TIER', 'gold'],
      ['RETRIES', '3'],
      ['PJSIP_HEADER(add,X-Tier)', 'gold'],
    ]);
  });

  it('refuses values with line breaks (they would split a SIP header)', async () => {
    const h = harness({ flows: { main: [{ set_channel_var: { 'PJSIP_HEADER(add,X-Name)': '{{ metadata.name }}' } }] }, metadata: { name: 'Ann\r\nX-Evil: 1' } });
    await expect(h.run()).rejects.toMatchObject({ code: 'UNSAFE_INPUT' });
    expect(h.port.calls).toEqual([]);
  });
});

import { RUNTIME_DEFAULTS, normalizeRuntimeSettings } from '../../src/config/runtime-settings';
import { CALL_LIMIT_DEFAULTS } from '../../src/core/defaults';
import { RUNTIME_CONFIG_SCHEMA } from '../../src/schema/runtime-schema';
import { harness } from '../steps/support/harness';

describe('call limit defaults', () => {
  it('the config, its schema text and the flow runner read one table', async () => {
    expect(RUNTIME_DEFAULTS).toMatchObject(CALL_LIMIT_DEFAULTS);
    expect(normalizeRuntimeSettings({})).toMatchObject(CALL_LIMIT_DEFAULTS);
    const props = RUNTIME_CONFIG_SCHEMA.properties as Record<string, { description: string }>;
    expect(props.max_steps_per_call.description).toContain(`(default ${CALL_LIMIT_DEFAULTS.maxStepsPerCall})`);
    expect(props.max_call_depth.description).toContain(`(default ${CALL_LIMIT_DEFAULTS.maxCallDepth})`);

    // A snapshot without the limits (as an API caller may build one) falls back to the same numbers.
    const h = harness({ flows: { main: [{ label: 'top' }, { goto: { label: 'top', max: 1000 } }] }, settings: { maxStepsPerCall: undefined as unknown as number } });
    await expect(h.run()).rejects.toMatchObject({ code: 'STEP_BUDGET_EXCEEDED', details: { limit: CALL_LIMIT_DEFAULTS.maxStepsPerCall } });
  });
});

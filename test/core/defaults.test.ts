import { normalizeHttpServices } from '../../src/config/http-services';
import { RUNTIME_DEFAULTS, normalizeRuntimeSettings } from '../../src/config/runtime-settings';
import { CALL_LIMIT_DEFAULTS, HTTP_TIMEOUT_DEFAULTS } from '../../src/core/defaults';
import { HTTP_SERVICES_CONFIG_SCHEMA } from '../../src/schema/http-services-schema';
import { RUNTIME_CONFIG_SCHEMA } from '../../src/schema/runtime-schema';
import { HTTP_DEFAULTS } from '../../src/steps/http';
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

describe('http timeout defaults', () => {
  it('the http step, the http_services check and both schemas read one table', () => {
    expect(HTTP_DEFAULTS.timeoutMs).toBe(HTTP_TIMEOUT_DEFAULTS.timeoutMs);
    const tooLong = normalizeHttpServices({ crm: { url: 'https://crm.example/', timeout: `${HTTP_TIMEOUT_DEFAULTS.maxTimeoutMs / 1000 + 1}s` } });
    expect(tooLong.diagnostics.map((d) => d.message)).toEqual([`http service crm: timeout must be more than 0 and at most ${HTTP_TIMEOUT_DEFAULTS.maxTimeoutMs / 1000}s`]);
    expect(normalizeHttpServices({ crm: { url: 'https://crm.example/', timeout: `${HTTP_TIMEOUT_DEFAULTS.maxTimeoutMs / 1000}s` } }).diagnostics).toEqual([]);
    expect(JSON.stringify(HTTP_SERVICES_CONFIG_SCHEMA)).toContain(`(default ${HTTP_TIMEOUT_DEFAULTS.timeoutMs / 1000}s, at most ${HTTP_TIMEOUT_DEFAULTS.maxTimeoutMs / 1000}s)`);
  });
});

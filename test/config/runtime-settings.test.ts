import { loadConfig } from '../../src/config/load-config';
import { channelPolicy, normalizeRuntimeSettings, OVERLOAD_DEFAULTS } from '../../src/config/runtime-settings';
import { policiesFromSettings } from '../../src/runtime/runtime-policies';
import { tempProject } from './temp-project';

describe('runtime settings', () => {
  it('reads the unknown-channel and shutdown policies from the config', async () => {
    const cwd = tempProject({
      'voxtra.config.yaml': [
        'runtime:',
        '  unknown_channels: { continue: { context: voxtra-fallback } }',
        '  shutdown:',
        '    grace: 2m',
        '    new_calls: { continue: { context: voxtra-closed, extension: closed, priority: 3 } }',
        '',
      ].join('\n'),
    });
    const { config, diagnostics } = await loadConfig({ cwd, env: {} });
    expect(diagnostics).toEqual([]);
    expect(config?.runtime).toEqual({
      maxStepsPerCall: 1000,
      maxCallDepth: 8,
      unknownChannels: { action: 'continue', context: 'voxtra-fallback', extension: 's', priority: 1 },
      shutdown: { graceMs: 120_000, newCalls: { action: 'continue', context: 'voxtra-closed', extension: 'closed', priority: 3 } },
    });
  });

  it('accepts a grace in seconds and hangup as a policy', () => {
    expect(normalizeRuntimeSettings({ shutdown: { grace: 5, new_calls: 'hangup' }, unknown_channels: 'hangup' })).toMatchObject({
      unknownChannels: { action: 'hangup' },
      shutdown: { graceMs: 5000, newCalls: { action: 'hangup' } },
    });
    expect(channelPolicy({ continue: {} })).toBeUndefined();
  });

  it('refuses policies the schema does not know, at their place', async () => {
    const cwd = tempProject({ 'voxtra.config.yaml': 'runtime:\n  unknown_channels: ignore\n  shutdown: { grace: soon }\n' });
    const { diagnostics } = await loadConfig({ cwd, env: {} });
    expect(diagnostics.map((d) => [d.code, d.path.join('.'), d.line])).toEqual(
      expect.arrayContaining([
        [expect.stringMatching(/^SCHEMA_/), 'runtime.unknown_channels', 2],
        [expect.stringMatching(/^SCHEMA_/), 'runtime.shutdown.grace', 3],
      ]),
    );
  });
});

describe('runtime.overload', () => {
  it('reads the lag bound and the overload policy (a hangup may carry a cause); without the section the policies default to 200 ms', async () => {
    expect(normalizeRuntimeSettings({ overload: { max_event_loop_lag: '150ms', policy: { hangup: { cause: 'busy' } } } }).overload).toEqual({
      maxEventLoopLagMs: 150,
      policy: { action: 'hangup', cause: 'busy' },
    });
    expect(normalizeRuntimeSettings({ overload: { max_event_loop_lag: 0, policy: { continue: { context: 'overflow' } } } }).overload).toEqual({
      maxEventLoopLagMs: 0,
      policy: { action: 'continue', context: 'overflow', extension: 's', priority: 1 },
    });
    const none = normalizeRuntimeSettings({});
    expect(none.overload).toBeUndefined();
    expect(policiesFromSettings(none)).toMatchObject({ maxEventLoopLagMs: OVERLOAD_DEFAULTS.maxEventLoopLagMs, overloadPolicy: undefined });
    expect(policiesFromSettings(normalizeRuntimeSettings({ overload: { max_event_loop_lag: '1s' } }))).toMatchObject({ maxEventLoopLagMs: 1000, overloadPolicy: undefined });

    const cwd = tempProject({ 'voxtra.config.yaml': 'runtime:\n  max_calls: 50\n  overload: { max_event_loop_lag: 300ms, policy: { continue: { context: overflow, extension: full } } }\n' });
    const { config, diagnostics } = await loadConfig({ cwd, env: {} });
    expect(diagnostics).toEqual([]);
    expect(config?.runtime.overload).toEqual({ maxEventLoopLagMs: 300, policy: { action: 'continue', context: 'overflow', extension: 'full', priority: 1 } });
  });

  it('reads the request-wait bound (0 turns it off); without it the policies default to 500 ms', async () => {
    expect(normalizeRuntimeSettings({ overload: { max_request_wait: '750ms' } }).overload).toEqual({ maxRequestWaitMs: 750 });
    expect(normalizeRuntimeSettings({ overload: { max_request_wait: 0, max_event_loop_lag: '1s' } }).overload).toEqual({ maxRequestWaitMs: 0, maxEventLoopLagMs: 1000 });
    expect(OVERLOAD_DEFAULTS.maxRequestWaitMs).toBe(500);
    expect(policiesFromSettings(normalizeRuntimeSettings({}))).toMatchObject({ maxRequestWaitMs: 500 });
    expect(policiesFromSettings(normalizeRuntimeSettings({ overload: { max_event_loop_lag: '1s' } }))).toMatchObject({ maxRequestWaitMs: 500 });
    expect(policiesFromSettings(normalizeRuntimeSettings({ overload: { max_request_wait: 2 } }))).toMatchObject({ maxRequestWaitMs: 2000, maxEventLoopLagMs: 200 });

    const cwd = tempProject({ 'voxtra.config.yaml': 'runtime:\n  overload: { max_request_wait: 1s, policy: { hangup: { cause: busy } } }\n' });
    const { config, diagnostics } = await loadConfig({ cwd, env: {} });
    expect(diagnostics).toEqual([]);
    expect(config?.runtime.overload).toEqual({ maxRequestWaitMs: 1000, policy: { action: 'hangup', cause: 'busy' } });
    const bad = await loadConfig({ cwd: tempProject({ 'voxtra.config.yaml': 'runtime:\n  overload: { max_request_wait: soon }\n' }), env: {} });
    expect(bad.diagnostics.map((d) => d.path.join('.'))).toEqual(expect.arrayContaining([expect.stringMatching(/^runtime\.overload\.max_request_wait/)]));
  });

  it('refuses an unknown hangup cause and unknown keys, at their place', async () => {
    const cwd = tempProject({ 'voxtra.config.yaml': 'runtime:\n  overload:\n    policy: { hangup: { cause: tired } }\n    max_lag: 1s\n' });
    const { diagnostics } = await loadConfig({ cwd, env: {} });
    expect(diagnostics.map((d) => d.path.join('.'))).toEqual(expect.arrayContaining([expect.stringMatching(/^runtime\.overload/)]));
    expect(diagnostics.length).toBeGreaterThan(0);
  });
});

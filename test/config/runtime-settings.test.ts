import { loadConfig } from '../../src/config/load-config';
import { channelPolicy, normalizeRuntimeSettings } from '../../src/config/runtime-settings';
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

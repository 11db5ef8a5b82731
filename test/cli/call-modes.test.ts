import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AriSimulator } from '../../src/simulator';
import { runCli } from './run-cli';

describe('voxtra call: StasisBroadcast, fallback and context', () => {
  let sim: AriSimulator;
  const cwd = mkdtempSync(path.join(tmpdir(), 'voxtra-call-'));
  beforeAll(async () => {
    sim = await AriSimulator.start({ timeScale: 0.01 });
  });
  afterAll(() => sim.stop());

  it('offers the call with --broadcast and plays the --fallback when nobody claims it', async () => {
    const run = await runCli(['call', '2000', '--url', sim.url, '--broadcast', '300,^nobody$,sales,yes', '--fallback', '--timeout', '20s'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/no app claimed the call/);
    const lines = run.stdout.split('\n').map((l) => l.trim().replace(/^\S+\s+/, ''));
    expect(lines).toEqual(expect.arrayContaining(['call to 2000 from <+15550101> for app StasisBroadcast', 'offered to no app (StasisBroadcast, 300 ms)', 'not claimed within 300 ms', 'heard sound:beep (dialplan)']));
  });

  it('refuses a malformed --broadcast', async () => {
    const run = await runCli(['call', '2000', '--url', sim.url, '--broadcast', 'soon'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--broadcast: "soon" is not a timeout in ms/);
  });

  it('sends the call into another --context', async () => {
    sim.setOutbound('voxtra-pc', { uri: 'ws://127.0.0.1:9/unused', connectionType: 'per_call_config', apps: ['voxtra-pc'], reconnectAttempts: 1 });
    const run = await runCli(['call', 'x', '--url', sim.url, '--context', 'stasis-voxtra-pc', '--timeout', '20s'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/app voxtra-pc is not connected: Stasis failed \(per-call WebSocket to ws:\/\/127\.0\.0\.1:9\/unused failed\)/);
  });
});

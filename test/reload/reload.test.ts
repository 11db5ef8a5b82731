import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { VoxtraConfig } from '../../src/config/config-types';
import { memoryLogger } from '../../src/core/logger';
import { Reloader, type ReloadReport } from '../../src/reload/reloader';
import { tempProject } from '../config/temp-project';
import { compileFolder, startHarness, waitFor, type Harness } from '../runtime/helpers/runtime-harness';

// A menu whose option 1 plays a sound that tells which version of the flow ran.
const menuFlows = (marker: string): string => `
routes:
  - name: menu
    extension: "1000"
    steps:
      - answer
      - menu:
          prompt: { play: sound:beep }
          timeout: 600s
          attempts: 1
          options:
            "1": [{ play: "sound:${marker}" }, hangup]
          exhausted: [hangup]
  - name: long
    extension: "2000"
    steps: [answer, { play: sound:vm-nobodyavail }, { play: sound:vm-nobodyavail }, hangup]
default: [answer, hangup]
`;

const CONFIG = 'app: shop\nflows: flows/\n';

describe('hot reload against the simulator', () => {
  let harness: Harness | undefined;
  let reloader: Reloader | undefined;
  afterEach(async () => {
    await reloader?.close();
    await harness?.close();
    reloader = undefined;
    harness = undefined;
  });

  async function start(files: Record<string, string>) {
    const cwd = tempProject(files);
    const { config, snapshots } = await compileFolder(cwd);
    harness = await startHarness({ snapshots });
    const reports: ReloadReport[] = [];
    reloader = new Reloader({
      runtime: harness.runtime,
      load: { cwd, env: {} },
      config,
      // Reloader lines land next to the runtime's, in the same records.
      logger: memoryLogger(harness.records, { component: 'reloader' }),
      metrics: harness.metrics,
      debounceMs: 50,
      onReloaded: (r) => reports.push(r),
    });
    await reloader.watch();
    return { cwd, h: harness, reports, reloader };
  }

  function transcriptMedia(entries: Array<{ kind: string; media?: string }>): string[] {
    return entries.filter((e) => e.kind === 'playback-finished').map((e) => String(e.media));
  }

  // What a scripted caller's choice played. The digit is timed from the call's start, so on a loaded machine it can
  // arrive before the menu's beep began, and a digit already pressed skips the prompt (type-ahead): leave the beep out.
  function optionMedia(entries: Array<{ kind: string; media?: string }>): string[] {
    return transcriptMedia(entries).filter((m) => m !== 'sound:beep');
  }

  it('rejects an invalid save with its diagnostics at file:line:column; the last good version and running calls carry on', async () => {
    const { cwd, h, reports } = await start({ 'voxtra.config.yaml': CONFIG, 'flows/main.yaml': menuFlows('one') });
    const before = h.runtime.snapshot('shop')?.version;
    const running = h.sim.placeCall({ extension: '2000' });
    await waitFor(() => h.runtime.activeCalls === 1);

    writeFileSync(path.join(cwd, 'flows/main.yaml'), menuFlows('one').replace('default: [answer, hangup]', 'default: nowhere'));
    await waitFor(() => reports.length === 1, 5000);
    expect(reports[0]).toMatchObject({ result: 'rejected', apps: [{ app: 'shop', change: 'rejected', version: before }] });
    const error = h.records.find((r) => r.level === 'error' && r.code === 'UNKNOWN_FLOW');
    expect(error?.msg).toMatch(/^flows\/main\.yaml:\d+:\d+: UNKNOWN_FLOW /);
    expect(h.runtime.snapshot('shop')?.version).toBe(before);
    expect(h.runtime.readiness().apps[0]).toMatchObject({ state: 'registered', version: before, rejectedErrors: 1 });

    // The call that was running ends normally, and new calls still route on the last good version.
    const transcript = await h.sim.waitForEnd(running, { timeoutMs: 60_000 });
    expect(transcriptMedia(transcript)).toEqual(['sound:vm-nobodyavail', 'sound:vm-nobodyavail']);
    expect(transcript.find((e) => e.kind === 'hangup')).toMatchObject({ by: 'app' });
    const next = h.sim.placeCall({ extension: '1000', script: [{ afterMs: 500, dtmf: '1' }] });
    expect(optionMedia(await h.sim.waitForEnd(next, { timeoutMs: 60_000 }))).toEqual(['sound:one']);
    expect(await h.metrics.render()).toMatch(/voxtra_reloads_total\{result="rejected"\} 1/);
  });

  it('a call mid-menu finishes on its version while the next call gets the new one; both versions are logged', async () => {
    const { cwd, h, reports } = await start({ 'voxtra.config.yaml': CONFIG, 'flows/main.yaml': menuFlows('one') });
    const v1 = h.runtime.snapshot('shop')?.version;
    const first = h.sim.placeCall({ extension: '1000' });
    // The prompt has played and the menu waits for a digit (up to 600 simulated s, 12 real s: the reload must fit).
    await waitFor(() => h.sim.transcript(first).some((e) => e.kind === 'playback-finished'));

    writeFileSync(path.join(cwd, 'flows/main.yaml'), menuFlows('two'));
    await waitFor(() => reports.length === 1, 5000);
    const v2 = h.runtime.snapshot('shop')?.version;
    expect(reports[0]).toMatchObject({ result: 'accepted', apps: [{ app: 'shop', change: 'updated', previous: v1, version: v2 }] });
    expect(v2).not.toBe(v1);
    expect(h.records.find((r) => r.from === v1 && r.to === v2)).toMatchObject({ app: 'shop', callsOnPrevious: 1 });

    h.sim.sendDtmf(first, '1');
    expect(transcriptMedia(await h.sim.waitForEnd(first, { timeoutMs: 60_000 }))).toEqual(['sound:beep', 'sound:one']);
    const second = h.sim.placeCall({ extension: '1000', script: [{ afterMs: 500, dtmf: '1' }] });
    expect(optionMedia(await h.sim.waitForEnd(second, { timeoutMs: 60_000 }))).toEqual(['sound:two']);
    await waitFor(() => h.runtime.activeCalls === 0);
    expect(h.records.filter((r) => r.callId === first && r.msg?.startsWith('routed by'))[0]).toMatchObject({ version: v1 });
    expect(h.records.filter((r) => r.callId === second && r.msg?.startsWith('routed by'))[0]).toMatchObject({ version: v2 });
    expect(await h.metrics.render()).toMatch(/voxtra_reloads_total\{result="accepted"\} 1/);
  });

  it('an editor save (temp file renamed over the flow) and a delete-and-recreate each end in one reload', async () => {
    const { cwd, reports } = await start({ 'voxtra.config.yaml': CONFIG, 'flows/main.yaml': menuFlows('one') });
    const file = path.join(cwd, 'flows/main.yaml');
    writeFileSync(path.join(cwd, 'flows/.main.yaml.swp'), 'swap');
    writeFileSync(path.join(cwd, 'flows/main.yaml.tmp'), menuFlows('two'));
    renameSync(path.join(cwd, 'flows/main.yaml.tmp'), file);
    await waitFor(() => reports.length === 1, 5000);
    expect(reports[0].result).toBe('accepted');

    rmSync(file);
    writeFileSync(file, menuFlows('three'));
    await waitFor(() => reports.length === 2, 5000);
    // Quiet long enough for a stray second reload to show up.
    await new Promise((r) => setTimeout(r, 300));
    expect(reports).toHaveLength(2);
    expect(reports[1]).toMatchObject({ result: 'accepted', apps: [{ change: 'updated' }] });
  });

  it('reload() merges requests that arrive while one runs into one more reload', async () => {
    const { reloader: r, reports } = await start({ 'voxtra.config.yaml': CONFIG, 'flows/main.yaml': menuFlows('one') });
    const results = await Promise.all([r.reload('SIGHUP'), r.reload('SIGHUP again'), r.reload('and again')]);
    expect(reports.map((x) => x.reason)).toEqual(['SIGHUP', 'SIGHUP again; and again']);
    expect(results[1]).toBe(results[2]);
    expect(reports.every((x) => x.result === 'accepted' && x.apps[0].change === 'unchanged')).toBe(true);
  });

  it('says which changed settings need a restart and applies the rest', async () => {
    const { cwd, h, reports } = await start({ 'voxtra.config.yaml': CONFIG, 'flows/main.yaml': menuFlows('one') });
    writeFileSync(
      path.join(cwd, 'voxtra.config.yaml'),
      `${CONFIG}http: { listen: 127.0.0.1:9999 }\nruntime:\n  unknown_channels: { continue: { context: elsewhere } }\n`,
    );
    await waitFor(() => reports.length === 1, 5000);
    expect(reports[0]).toMatchObject({ result: 'accepted', restartNeeded: ['http.listen'] });
    expect(h.records.find((r) => /only apply after a restart: http\.listen/.test(String(r.msg)))).toBeDefined();
    expect((reloader?.currentConfig as VoxtraConfig).runtime.unknownChannels).toEqual({ action: 'continue', context: 'elsewhere', extension: 's', priority: 1 });
  });
});

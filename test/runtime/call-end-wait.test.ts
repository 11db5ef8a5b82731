import { tempProject } from '../config/temp-project';
import { compileFolder, startHarness, waitFor, type Harness } from './helpers/runtime-harness';

// What drain and shutdown wait for: a call's end, logged and counted. The
// admission makes that wait only when asked (a call in progress keeps no
// promise of its end), so these check it both ways: asked while the call
// runs, and asked after calls ended.
const FLOWS = `
routes:
  - name: long
    extension: "2000"
    steps: [answer, { wait: 60s }]
default: [answer, hangup]
`;

describe('waiting for calls in progress to end', () => {
  const harnesses: Harness[] = [];
  afterEach(async () => {
    for (const h of harnesses.splice(0).reverse()) await h.close();
  });

  async function start(): Promise<Harness> {
    const { snapshots } = await compileFolder(tempProject({ 'voxtra.config.yaml': 'app: shop\nflows: flows/\n', 'flows/main.yaml': FLOWS }));
    const h = await startHarness({ snapshots });
    harnesses.push(h);
    return h;
  }

  it('drain, asked while calls run, settles once each has ended and its end line is written', async () => {
    const h = await start();
    const first = h.sim.placeCall({ extension: '2000' });
    const second = h.sim.placeCall({ extension: '2000' });
    await waitFor(() => h.runtime.activeCalls === 2);
    let drained = false;
    const draining = h.runtime.drain().then(() => (drained = true));
    h.sim.hangup(first);
    await waitFor(() => h.runtime.activeCalls === 1);
    expect(drained).toBe(false);
    h.sim.hangup(second);
    await draining;
    const ended = h.records.filter((r) => String(r.msg).startsWith('call ended')).map((r) => r.callId);
    expect(ended.sort()).toEqual([first, second].sort());
    expect(h.runtime.activeCalls).toBe(0);
  });

  it('a shutdown after the calls ended finds none in progress and waits for nothing', async () => {
    const h = await start();
    const id = h.sim.placeCall({ extension: '1000' });
    await h.sim.waitForEnd(id, { timeoutMs: 30_000 });
    await waitFor(() => h.runtime.activeCalls === 0);
    await expect(h.runtime.shutdown({ graceMs: 60_000 })).resolves.toEqual({ inProgress: 0, finished: 0, hungUp: 0 });
  });

  it('a shutdown whose grace runs out hangs up what remains and waits for those ends', async () => {
    const h = await start();
    const id = h.sim.placeCall({ extension: '2000' });
    await waitFor(() => h.runtime.activeCalls === 1);
    await expect(h.runtime.shutdown({ graceMs: 1000 })).resolves.toEqual({ inProgress: 1, finished: 0, hungUp: 1 });
    expect(h.records.find((r) => r.callId === id && String(r.msg).startsWith('call ended'))).toBeDefined();
    expect(h.runtime.activeCalls).toBe(0);
  });
});

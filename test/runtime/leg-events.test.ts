/**
 * Events only outbound legs read (ChannelStateChange, ChannelDestroyed) stay
 * off the events socket while no flow places calls; a reload that brings a
 * `dial` lets them through before the new flows take calls.
 */
import { LEG_EVENT_TYPES, UNREAD_EVENT_TYPES } from '../../src/ari/event-filter';
import { flowsPlaceCalls } from '../../src/runtime/places-calls';
import { tempProject } from '../config/temp-project';
import { compileFolder, startHarness, waitFor, type Harness } from './helpers/runtime-harness';

const PLAIN = `
routes:
  - { name: greet, extension: "1000", steps: [answer, { play: sound:beep }, hangup] }
default: [answer, hangup]
`;

// The dial sits in a menu branch: nested steps count too.
const DIALS = `
routes:
  - name: greet
    extension: "1000"
    steps:
      - answer
      - menu:
          prompt: sound:beep
          timeout: 5s
          options:
            "1": [{ dial: { endpoints: PJSIP/2301, timeout: 2s, no_answer: [{ set: { outcome: no_answer } }] } }]
      - hangup
default: [answer, hangup]
`;

async function snapshotsOf(flows: string) {
  return (await compileFolder(tempProject({ 'voxtra.config.yaml': 'app: shop\nflows: flows/\n', 'flows/main.yaml': flows }))).snapshots;
}

/** The app's event filter as the simulator (Asterisk) reports it: the disallowed types. */
async function disallowed(h: Harness): Promise<string[]> {
  const res = await fetch(`${h.sim.url}/ari/applications/shop`, { headers: { Authorization: `Basic ${Buffer.from('voxtra:voxtra').toString('base64')}` } });
  const app = (await res.json()) as { events_disallowed?: Array<{ type: string }> };
  return (app.events_disallowed ?? []).map((e) => e.type).sort();
}

/** Polls the filter until the runtime's first connect has set it. */
async function filterSet(h: Harness): Promise<void> {
  const deadline = Date.now() + 5000;
  while ((await disallowed(h)).length === 0) {
    if (Date.now() > deadline) throw new Error('the event filter was never set');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('flowsPlaceCalls', () => {
  it('is true only when some flow has a step that places calls, nested steps included', async () => {
    expect(flowsPlaceCalls(await snapshotsOf(PLAIN))).toBe(false);
    expect(flowsPlaceCalls(await snapshotsOf(DIALS))).toBe(true);
  });
});

describe('leg events and the application event filter (runtime + simulator over loopback)', () => {
  const harnesses: Harness[] = [];
  afterEach(async () => {
    for (const h of harnesses.splice(0)) await h.close();
  });

  it('keeps the leg events off while no flow dials; calls still end on StasisEnd', async () => {
    const h = await startHarness({ snapshots: await snapshotsOf(PLAIN) });
    harnesses.push(h);
    const expected = [...UNREAD_EVENT_TYPES, ...LEG_EVENT_TYPES].sort();
    await filterSet(h);
    expect(await disallowed(h)).toEqual(expected);

    const id = h.sim.placeCall({ extension: '1000' });
    await h.sim.waitForEnd(id, { timeoutMs: 30_000 });
    await waitFor(() => h.runtime.activeCalls === 0, 5000);
    expect(h.records.find((r) => r.callId === id && String(r.msg).startsWith('call ended'))).toMatchObject({ route: 'greet', outcome: 'hung_up' });
  });

  it('lets them through before a reloaded flow that dials takes calls, and that flow dials', async () => {
    const vars: Array<{ callId: string; name: string; value: unknown }> = [];
    const h = await startHarness({
      snapshots: await snapshotsOf(PLAIN),
      sim: { endpoints: { 'PJSIP/2301': { kind: 'no-answer' } } },
      runtime: { observer: { variableSet: (e) => vars.push(e) } },
    });
    harnesses.push(h);
    await filterSet(h);

    await h.runtime.setApps(await snapshotsOf(DIALS));
    // Widened before setApps resolved: no wait here.
    expect(await disallowed(h)).toEqual([...UNREAD_EVENT_TYPES].sort());
    expect(h.records.some((r) => String(r.msg).includes('ARI events of outbound legs are no longer filtered out'))).toBe(true);

    const id = h.sim.placeCall({ extension: '1000', script: [{ afterMs: 200, dtmf: '1' }] });
    const entries = await h.sim.waitForEnd(id, { timeoutMs: 60_000 });
    expect(entries.some((e) => e.kind === 'originated' && e.endpoint === 'PJSIP/2301')).toBe(true);
    await waitFor(() => h.records.some((r) => r.callId === id && String(r.msg).startsWith('call ended')), 5000);
    // The unanswered leg never enters Stasis; its Dial events and ChannelDestroyed tell the dial how it went.
    expect(vars.filter((v) => v.callId === id && v.name === 'outcome').map((v) => v.value)).toEqual(['no_answer']);
  });
});

import { ScaledClock } from '../../src/core/scaled-clock';
import type { SessionResult } from '../../src/session/call-session';
import type { SessionObserver } from '../../src/session/observer';
import { tempProject } from '../config/temp-project';
import { compileFolder, startHarness, TIME_SCALE, waitFor, type Harness } from '../runtime/helpers/runtime-harness';

const FLOWS = `
routes:
  - name: slow
    extension: "1000"
    steps:
      - answer
      - wait: 3s
      - set_channel_var: { VOXTRA_STEP: after-wait }
      - play: sound:beep
      - hangup
  - name: long
    extension: "2000"
    steps: [answer, { wait: 10m }]
  - name: quick
    extension: "3000"
    steps: [answer, { play: sound:beep }, hangup]
`;

describe('surviving Asterisk: events socket loss and a restart during calls', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  async function start(observer: SessionObserver, ends: Map<string, SessionResult>, retryRealMs: number): Promise<Harness> {
    const { snapshots } = await compileFolder(tempProject({ 'voxtra.config.yaml': 'app: shop\nflows: flows/\n', 'flows/main.yaml': FLOWS }));
    const scaled = new ScaledClock(TIME_SCALE);
    h = await startHarness({
      snapshots,
      runtime: {
        observer,
        onCallEnded: ({ channelId, result }) => ends.set(channelId, result),
        // Full jitter with a random source near 1: the first retry comes after about `retryRealMs`.
        random: () => 0.999,
        ari: { requestTimeoutMs: scaled.fromReal(5000), connectTimeoutMs: scaled.fromReal(5000), pingIntervalMs: 0, backoff: { initialMs: scaled.fromReal(retryRealMs), maxMs: scaled.fromReal(retryRealMs) } },
      },
    });
    return h;
  }

  it('keeps a call going over REST while the events socket is down, then reconnects and finishes it', async () => {
    const ends = new Map<string, SessionResult>();
    const stateAtAction: string[] = [];
    const ref: { h?: Harness } = {};
    const observer: SessionObserver = {
      stepStarted: (e) => {
        if (e.type === 'wait') ref.h?.sim.dropEventSockets();
      },
      callAction: (e) => {
        if (e.action === 'set_channel_var') stateAtAction.push(ref.h?.runtime.readiness().servers[0].state ?? '?');
      },
    };
    const harness = await start(observer, ends, 400);
    ref.h = harness;
    const id = harness.sim.placeCall({ extension: '1000' });
    await waitFor(() => ends.has(id), 15_000);

    // The variable was set (REST) while no events socket was connected.
    expect(stateAtAction).toEqual(['reconnecting']);
    const transcript = harness.sim.transcript(id);
    expect(transcript.find((e) => e.kind === 'variable-set' && e.name === 'VOXTRA_STEP')).toMatchObject({ value: 'after-wait' });
    expect(ends.get(id)).toMatchObject({ outcome: 'hung_up' });
    expect(transcript.find((e) => e.kind === 'hangup')).toMatchObject({ by: 'app' });
    await waitFor(() => harness.runtime.readiness().ready, 15_000);
    expect(harness.runtime.readiness()).toMatchObject({ ready: true, servers: [{ state: 'connected', reconnects: 1 }] });
    expect(await harness.metrics.render()).toMatch(/voxtra_ari_reconnects_total\{server="sim"\} 1/);
    // Its StasisEnd was lost with the socket: reconciliation after the reconnect releases the control.
    await waitFor(() => harness.runtime.counts.liveControls === 0);
    expect(harness.runtime.counts).toEqual({ sessions: 0, policyActions: 0, liveControls: 0, dialLegs: 0, demuxListeners: 0 });
  });

  it('socket killed during a call, then the whole simulator restarts: the runtime reconnects, reconciles, and handles the next call', async () => {
    const ends = new Map<string, SessionResult>();
    const harness = await start({}, ends, 50);
    const before = harness.sim.placeCall({ extension: '2000' });
    await waitFor(() => harness.runtime.activeCalls === 1);

    // The socket dies first, so the hangups of the restart are never heard: reconciliation has to find out.
    harness.sim.dropEventSockets();
    await harness.sim.stop();
    await harness.sim.restart();
    await waitFor(() => ends.has(before), 15_000);
    expect(ends.get(before)?.outcome).toBe('caller_hangup');
    await waitFor(() => harness.runtime.readiness().ready, 15_000);
    // The runtime reconciled after the reconnect; the call it had is gone from Asterisk, so it was not continued.
    const reconciled = () => harness.records.filter((r) => r.msg === 'reconciliation after connecting done');
    await waitFor(() => reconciled().length === 2);
    expect(reconciled()[1]).toMatchObject({ continued: [], unknown: [] });

    const next = harness.sim.placeCall({ extension: '3000' });
    await waitFor(() => ends.has(next), 15_000);
    expect(ends.get(next)).toMatchObject({ outcome: 'hung_up', route: 'quick' });
    await harness.sim.waitForEnd(next, { timeoutMs: 60_000 });

    // Nothing left in Stasis, nothing held by the runtime.
    await waitFor(() => harness.sim.stats().activeChannels === 0);
    await waitFor(() => harness.runtime.counts.liveControls === 0);
    expect(harness.runtime.counts).toEqual({ sessions: 0, policyActions: 0, liveControls: 0, dialLegs: 0, demuxListeners: 0 });
    expect(harness.clock.pending).toBe(0);
  });
});

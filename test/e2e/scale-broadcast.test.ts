/**
 * StasisBroadcast with two pools: two `voxtra run` processes connect to the
 * simulator (as Asterisk) and take part in the pool of app `sales`
 * (`apps[].broadcast`, instances `a` and `b`: Stasis apps `sales-a` and
 * `sales-b`). Every call is offered to both (`StasisBroadcast(...,^sales-,...)`)
 * and both claim it: exactly one wins, the other's 409 is counted as lost
 * without a warning, and the claim counters of both replicas add up to the
 * calls. A replica at its `broadcast.max_calls` claims nothing and leaves
 * the calls to the other.
 */
import { rmSync } from 'node:fs';
import { AriSimulator, type TranscriptEntry } from '../../src/simulator';
import { tempProject } from '../config/temp-project';
import { freePorts } from '../helpers/haproxy-process';
import { callsInTurn, DONE_VAR, failures, settleAll } from './helpers/call-load';
import { scaleReport } from './helpers/scale-report';
import { until } from './helpers/until';
import { metricValue, VoxtraReplica } from './helpers/voxtra-replica';

jest.setTimeout(60_000);

const TIME_SCALE = 0.05;

/** 1000: a short call. 2000: holds the call until the caller hangs up (a digit menu with a long timeout). */
const FLOWS = `
routes:
  - name: hold
    extension: "2000"
    steps:
      - answer
      - menu: { prompt: sound:beep, timeout: 60s, attempts: 1, options: { "1": [hangup] } }
default:
  - answer
  - play: sound:silence/2
  - set_channel_var: { ${DONE_VAR}: "claimed" }
  - hangup
`;

describe('broadcast pools: two replicas, one claim race per call', () => {
  let sim: AriSimulator;
  const replicas: VoxtraReplica[] = [];

  // The replicas run in real time, the simulator at TIME_SCALE: a 3 s broadcast timeout gave a claim 150 ms of real
  // time, which a loaded CI box missed (the fallback played); 20 s is 1 s real.
  const offer = (extension: string) => ({ extension, target: { broadcast: { timeoutMs: 20_000, appFilter: '^sales-', notifyClaimed: true } }, fallback: true }) as const;
  const claimedBy = (entries: readonly TranscriptEntry[]): string[] => entries.flatMap((e) => (e.kind === 'claimed' ? [e.app] : []));
  const claims = async (r: VoxtraReplica, result: string): Promise<number> => metricValue(await r.metrics(), 'voxtra_broadcast_claims_total', { app: 'sales', result });

  beforeAll(async () => {
    sim = await AriSimulator.start({ timeScale: TIME_SCALE });
    const ops = await freePorts(2);
    for (const [i, instance] of ['a', 'b'].entries()) {
      const config = [
        `ari: { url: "${sim.url}", username: voxtra, password: voxtra }`,
        'apps:',
        '  - name: sales',
        '    flows: flows/',
        // a takes at most two calls at once, b twenty.
        `    broadcast: { instance: ${instance}, max_calls: ${instance === 'a' ? 2 : 20} }`,
        `http: { listen: 127.0.0.1:${ops[i]} }`,
        '',
      ].join('\n');
      replicas.push(VoxtraReplica.spawn({ name: `sales-${instance}`, dir: tempProject({ 'voxtra.config.yaml': config, 'flows/main.yaml': FLOWS }), opsPort: ops[i] }));
    }
    await Promise.all(replicas.map((r) => r.waitReady()));
  });

  afterAll(async () => {
    await sim?.stop();
    for (const r of replicas) {
      await r.dispose();
      rmSync(r.dir, { recursive: true, force: true });
    }
  });

  it('every call is claimed by exactly one replica; the loser counts its 409 as lost, quietly; the counters add up', async () => {
    // One call at a time: neither replica is ever at its bound, so both claim every call.
    const verdicts = await callsInTurn(sim, 10, () => offer('1000'));
    const ids = [...verdicts.keys()];
    expect(failures(verdicts)).toEqual({});
    for (const id of ids) {
      expect(claimedBy(sim.transcript(id))).toHaveLength(1);
      expect(replicas.filter((r) => r.routedCalls().has(id))).toHaveLength(1);
    }
    const won = await Promise.all(replicas.map((r) => claims(r, 'won')));
    const lost = await Promise.all(replicas.map((r) => claims(r, 'lost')));
    expect(won[0] + won[1]).toBe(ids.length);
    expect(lost[0] + lost[1]).toBe(ids.length);
    for (const r of replicas) expect(await claims(r, 'error')).toBe(0);
    // The race was real: both replicas won some.
    expect(won[0]).toBeGreaterThan(0);
    expect(won[1]).toBeGreaterThan(0);
    for (const r of replicas) expect(r.problems()).toEqual([]);
    // Claim latency: from the offer to the winning claim, in real ms.
    const latency = ids
      .map((id) => {
        const t = sim.transcript(id);
        return ((t.find((e) => e.kind === 'claimed')?.atMs ?? NaN) - (t.find((e) => e.kind === 'broadcast')?.atMs ?? NaN)) * TIME_SCALE;
      })
      .sort((x, y) => x - y);
    scaleReport('broadcast, claim race', { calls: ids.length, won, lost, lostPerCall: (lost[0] + lost[1]) / ids.length, claimMs: { p50: latency[Math.floor(latency.length / 2)], max: latency[latency.length - 1] } });
  });

  it('a replica at its broadcast.max_calls leaves calls to the other', async () => {
    const [a, b] = replicas;
    const holds: string[] = [];
    // Hold calls until a has two in progress (each goes to whichever wins the race).
    for (let i = 0; i < 20 && holds.filter((id) => a.routedCalls().has(id)).length < 2; i++) {
      const id = sim.placeCall(offer('2000'));
      holds.push(id);
      await a.until(() => a.routedCalls().has(id) || b.routedCalls().has(id), `call ${id} claimed`);
    }
    expect(holds.filter((id) => a.routedCalls().has(id))).toHaveLength(2);
    const aClaims = (await claims(a, 'won')) + (await claims(a, 'lost'));
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(sim.placeCall(offer('1000')));
    const verdicts = await settleAll(sim, ids);
    expect(failures(verdicts)).toEqual({});
    for (const id of ids) {
      expect(claimedBy(sim.transcript(id))).toEqual(['sales-b']);
      expect(b.routedCalls().has(id)).toBe(true);
    }
    // a did not even try: no claim while at capacity.
    expect((await claims(a, 'won')) + (await claims(a, 'lost'))).toBe(aClaims);
    for (const id of holds) sim.hangup(id);
    await settleAll(sim, holds);
    for (const r of replicas) expect(r.problems()).toEqual([]);
  });

  it('SIGKILL of a replica: its call stays silent until the same instance is back and applies unknown_channels; new offers go to the other', async () => {
    const [a, b] = replicas;
    // A held call on b (a's holds, if any, are hung up: a must have room for the offers below).
    let held = '';
    for (let i = 0; i < 20 && !held; i++) {
      const id = sim.placeCall(offer('2000'));
      await a.until(() => a.routedCalls().has(id) || b.routedCalls().has(id), `call ${id} claimed`);
      if (b.routedCalls().has(id)) held = id;
      else sim.hangup(id);
    }
    expect(held).not.toBe('');
    expect(await b.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    const killedAt = Date.now();
    const verdicts = await callsInTurn(sim, 3, () => offer('1000'));
    const ids = [...verdicts.keys()];
    expect(failures(verdicts)).toEqual({});
    for (const id of ids) expect(claimedBy(sim.transcript(id))).toEqual(['sales-a']);
    // Nobody drives the held call meanwhile.
    expect(sim.calls().find((c) => c.channelId === held)?.ended).toBe(false);
    b.restart();
    await b.waitReady();
    await b.until(() => b.logs(-1).some((l) => l.callId === held && String(l.msg).startsWith('found a call in our app')), 'unknown_channels applied to the held call');
    const [end] = await settleAll(sim, [held]).then((v) => [v.get(held)]);
    expect(end?.ok).toBe(false);
    expect(sim.transcript(held).find((e) => e.kind === 'hangup')).toMatchObject({ by: 'app' });
    scaleReport('broadcast, SIGKILL', { offersMeanwhile: ids.length, claimedByTheOther: ids.length, heldCallSilentMs: Date.now() - killedAt, heldCall: 'unknown_channels (hangup) once the same instance reconnected' });
  });

  it('Asterisk restarts: calls in progress end, both replicas reconnect by themselves and claim again', async () => {
    const held = sim.placeCall(offer('2000'));
    await until(() => replicas.some((r) => r.routedCalls().has(held)), 'a call in progress');
    await sim.stop();
    expect(sim.transcript(held).find((e) => e.kind === 'hangup')).toMatchObject({ by: 'server' });
    await until(async () => (await Promise.all(replicas.map((r) => r.readyz()))).every((s) => s === 503), 'both replicas to notice');
    const restartedAt = Date.now();
    await sim.restart();
    await Promise.all(replicas.map((r) => r.waitReady()));
    const readyAt = Date.now();
    const id = sim.placeCall(offer('1000'));
    expect((await settleAll(sim, [id])).get(id)?.why).toBe('ok');
    scaleReport('broadcast (inbound), Asterisk restart', { bothReconnectedAfterMs: readyAt - restartedAt });
  });
});

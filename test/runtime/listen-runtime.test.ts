/**
 * The runtime with a `listen` server: calls arriving on Asterisk's per-call
 * connections run their flows over REST on that socket; readiness, metrics,
 * `runtime.max_calls`, and SIGTERM (the listening socket closes at once,
 * calls in progress finish, then the process may exit).
 */
import * as net from 'node:net';
import type { LogRecord } from '../../src/core/logger';
import type { Metrics } from '../../src/observability/metrics';
import type { Runtime, RuntimePolicies } from '../../src/runtime/runtime';
import type { FakeAsteriskConnection } from '../ari/helpers/fake-asterisk';
import { waitFor } from './helpers/runtime-harness';
import { listenFlows, openPerCall } from './helpers/fake-asterisk-calls';
import { callShop, LISTEN_AUTH as AUTH, startListenRuntime } from './helpers/listen-runtime';
const FLOWS = listenFlows('800ms');

describe('Runtime with a listen server', () => {
  let runtime: Runtime;
  let metrics: Metrics;
  let records: LogRecord[];
  const conns: FakeAsteriskConnection[] = [];

  async function start(policies: Partial<RuntimePolicies> = {}): Promise<string> {
    const started = await startListenRuntime(FLOWS, { policies });
    ({ runtime, metrics, records } = started);
    return started.url;
  }

  function call(url: string, channelId: string, extension: string): Promise<FakeAsteriskConnection> {
    return callShop(url, channelId, extension, conns);
  }

  afterEach(async () => {
    for (const c of conns.splice(0)) c.terminate();
    await runtime?.stop();
  });

  it('runs a call that arrived on a per-call connection, over REST on that socket, and reports readiness and metrics', async () => {
    const url = await start();
    expect(runtime.readiness()).toMatchObject({
      ready: true,
      servers: [{ name: 'edge', state: 'listening', rest: 'websocket', listen: { address: expect.stringMatching(/^127\.0\.0\.1:\d+\/voxtra$/), connections: { persistent: 0, per_call: 0 }, asterisks: [] } }],
      apps: [{ name: 'shop', state: 'registered' }],
    });
    expect(records.find((r) => String(r.msg).startsWith('ARI server edge: Asterisk connects to Voxtra'))).toMatchObject({ server: 'edge', connection: 'per_call' });
    const conn = await call(url, '1796551631.115053', '1000');
    await waitFor(() => conn.requests.some((r) => r.method === 'DELETE'), 5000);
    expect(conn.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /ari/channels/1796551631.115053/answer', 'POST /ari/channels/1796551631.115053/play', 'DELETE /ari/channels/1796551631.115053']);
    await waitFor(() => runtime.activeCalls === 0);
    const text = await metrics.render();
    expect(text).toMatch(/voxtra_calls_total\{app="shop",route="greet",outcome="completed"\} 1/);
    expect(text).toMatch(/voxtra_ws_connections_total\{server="edge",kind="per_call",result="accepted"\} 1/);
    expect(text).toMatch(/voxtra_ws_connections\{server="edge",kind="per_call"\} 1/);
    expect(text).toMatch(/voxtra_ari_request_duration_seconds_count\{server="edge",operation="channels.answer"\} 1/);
    // Asterisk closes a per-call connection ~3.5 s after the call's StasisEnd, which the fake sends 1 ms after the hangup's answer.
    await waitFor(() => runtime.counts.liveControls === 0);
    conn.close(1000);
    await waitFor(() => runtime.counts.liveControls === 0 && runtime.listenServers[0].status().connections.per_call === 0);
    expect(await metrics.render()).toMatch(/voxtra_ws_connections\{server="edge",kind="per_call"\} 0/);
    expect(records.filter((r) => r.callId === '1796551631.115053').every((r) => r.server === 'edge' && r.app === 'shop')).toBe(true);
  });

  it('runtime.max_calls: a call beyond the bound gets the new-call policy and counts as over_capacity', async () => {
    const url = await start({ maxCalls: 1 });
    const busy = await call(url, '1.1', '2000');
    await waitFor(() => runtime.activeCalls === 1);
    const extra = await call(url, '2.2', '1000');
    await waitFor(() => extra.requests.some((r) => r.method === 'DELETE'));
    expect(extra.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['DELETE /ari/channels/2.2']);
    expect(records.find((r) => r.callId === '2.2' && r.level === 'warn')?.msg).toContain('runtime.max_calls');
    await waitFor(() => runtime.activeCalls === 0, 5000);
    expect(busy.requests.map((r) => r.method)).toEqual(['POST', 'DELETE']);
    expect(await metrics.render()).toMatch(/voxtra_calls_total\{app="shop",route="none",outcome="over_capacity"\} 1/);
  });

  it('SIGTERM: the listening socket closes and /readyz turns 503 at once; the call in progress finishes on its socket; then it stops', async () => {
    const url = await start();
    const conn = await call(url, '3.3', '2000');
    await waitFor(() => runtime.activeCalls === 1);
    const port = runtime.listenServers[0].address.port;
    const stopping = runtime.shutdown({ graceMs: 10_000 });
    // At once, before the call ends.
    expect(runtime.readiness()).toMatchObject({ ready: false, draining: true, servers: [{ state: 'disconnected' }] });
    const refused = await new Promise<string>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve('connected')));
      s.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');
    expect(runtime.activeCalls).toBe(1);
    const report = await stopping;
    expect(report).toEqual({ inProgress: 1, finished: 1, hungUp: 0 });
    expect(conn.requests.map((r) => r.method)).toEqual(['POST', 'DELETE']);
    await conn.closed;
  });

  it('SIGTERM between a per-call connection opening and its StasisStart: the call runs (its connection was accepted before the drain; no other replica can take it)', async () => {
    const url = await start();
    const holding = await call(url, '5.5', '2000');
    await waitFor(() => runtime.activeCalls === 1);
    const early = await openPerCall(url, 'shop', '4.4', AUTH);
    conns.push(early.conn);
    await waitFor(() => runtime.listenServers[0].status().connections.per_call === 2);
    const stopping = runtime.shutdown({ graceMs: 10_000 });
    early.start('1000');
    const report = await stopping;
    expect(early.conn.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /ari/channels/4.4/answer', 'POST /ari/channels/4.4/play', 'DELETE /ari/channels/4.4']);
    expect(records.find((r) => r.callId === '4.4' && String(r.msg).startsWith('call ended'))).toMatchObject({ outcome: 'hung_up' });
    expect(holding.requests.map((r) => r.method)).toEqual(['POST', 'DELETE']);
    expect(report).toEqual({ inProgress: 1, finished: 1, hungUp: 0 });
  });
});

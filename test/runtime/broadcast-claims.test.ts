/**
 * StasisBroadcast pools: the runtime registers `<app>-<instance>` instead of
 * the app, claims CallBroadcast offers only while it has capacity, takes a lost
 * race (409) and an ended offer (404) quietly, counts claims, and runs the
 * claimed call's StasisStart like any call of the app.
 */
import { memoryLogger, type LogRecord } from '../../src/core/logger';
import { createMetrics, type Metrics } from '../../src/observability/metrics';
import { Runtime } from '../../src/runtime/runtime';
import { broadcastPools } from '../../src/runtime/broadcast-claims';
import { tempProject } from '../config/temp-project';
import { FakeAriServer, type FakeRequest } from '../ari/helpers/fake-ari-server';
import { stasisStart } from '../ari/helpers/fake-asterisk';
import { traceEvents } from '../ari/helpers/traces';
import { compileFolder, waitFor } from './helpers/runtime-harness';

const FLOWS = `
routes:
  - name: sales
    extension: "4000"
    steps: [answer, { wait: 60s }]
default: [answer, hangup]
`;

/** The traced CallBroadcast (stasis-broadcast, socket a), offered to `application` for `channelId`. */
function offer(channelId: string, application: string): Record<string, unknown> {
  const traced = traceEvents('stasis-broadcast', 'a').find((e) => e.type === 'CallBroadcast') as Record<string, unknown>;
  return { ...traced, application, channel: { ...(traced.channel as Record<string, unknown>), id: channelId } };
}

describe('broadcast pools', () => {
  let server: FakeAriServer;
  let runtime: Runtime;
  let metrics: Metrics;
  let records: LogRecord[];
  let claimAnswer: (req: FakeRequest) => { status: number; body?: unknown };

  beforeEach(async () => {
    server = await FakeAriServer.start();
    claimAnswer = () => ({ status: 204 });
    server.handler = (req) => {
      if (req.path === '/ari/events/claim') return claimAnswer(req);
      if (req.path === '/ari/channels' && req.method === 'GET') return { status: 200, body: [] };
      if (req.path.startsWith('/ari/applications/')) return { status: 200, body: { name: req.path.split('/').pop(), channel_ids: [] } };
      return { status: 204 };
    };
    const dir = tempProject({
      'voxtra.config.yaml': 'apps:\n  - name: shop\n    flows: flows/\n    broadcast: { instance: replica-1, max_calls: 1 }\n',
      'flows/main.yaml': FLOWS,
    });
    const { snapshots, config } = await compileFolder(dir);
    records = [];
    metrics = createMetrics({ defaultMetrics: false });
    runtime = new Runtime({
      servers: [{ name: 'pbx', url: server.url, username: server.username, password: server.password }],
      snapshots,
      logger: memoryLogger(records),
      metrics,
      broadcast: broadcastPools(config.apps),
      ari: { pingIntervalMs: 0 },
    });
    runtime.start();
    await runtime.waitUntilConnected(5000);
  });

  afterEach(async () => {
    runtime.hangUpNow('test over');
    await runtime.stop();
    await server.stop();
  });

  const claims = (): FakeRequest[] => server.apiRequests().filter((r) => r.path === '/ari/events/claim');

  /** Polls /metrics' text until it matches (the claim's answer is counted when it arrives). */
  async function metricShows(pattern: RegExp): Promise<void> {
    const until = Date.now() + 3000;
    while (!pattern.test(await metrics.render())) {
      if (Date.now() > until) throw new Error(`metrics never showed ${pattern}:\n${await metrics.render()}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  it('registers <app>-<instance> instead of the app (every replica of the pool serves the app; Asterisk gives a name to one socket), and reports the app registered', () => {
    expect(server.wsUpgrades[0].url).toBe('/ari/events?app=shop-replica-1');
    expect(runtime.readiness()).toMatchObject({ ready: true, apps: [{ name: 'shop', state: 'registered' }] });
  });

  it('claims an offer, counts it won, and runs the claimed call as a call of the app', async () => {
    server.emit(offer('1796551677.116366', 'shop-replica-1'));
    await waitFor(() => claims().length === 1);
    expect(Object.fromEntries(claims()[0].query)).toEqual({ channelId: '1796551677.116366', application: 'shop-replica-1' });
    await metricShows(/voxtra_broadcast_claims_total\{app="shop",result="won"\} 1/);
    // The StasisStart of the winner: app shop-replica-1, args from StasisBroadcast's third argument.
    const start = stasisStart('1796551677.116366', 'shop-replica-1', { args: ['sales', 'priority-high'] });
    server.emit({ ...start, channel: { ...(start.channel as Record<string, unknown>), dialplan: { context: 'voxtra-in', exten: '4000', priority: 2, app_name: 'StasisBroadcast', app_data: '' } } });
    await waitFor(() => runtime.activeCalls === 1);
    expect(runtime.readiness().apps).toEqual([expect.objectContaining({ name: 'shop', activeCalls: 1 })]);
    expect(records.find((r) => r.callId === '1796551677.116366' && String(r.msg).startsWith('routed'))).toMatchObject({ app: 'shop', route: 'sales' });
  });

  it('takes a lost race (409) and an ended offer (404) quietly, and counts them lost; other failures count as errors', async () => {
    claimAnswer = () => ({ status: 409, body: { message: 'Channel has already been claimed by another application' } });
    server.emit(offer('1.1', 'shop-replica-1'));
    await waitFor(() => claims().length === 1);
    claimAnswer = () => ({ status: 404, body: { message: 'Channel not found or not in broadcast state' } });
    server.emit(offer('2.2', 'shop-replica-1'));
    await waitFor(() => claims().length === 2);
    claimAnswer = () => ({ status: 500, body: { message: 'boom' } });
    server.emit(offer('3.3', 'shop-replica-1'));
    await waitFor(() => claims().length === 3);
    await metricShows(/voxtra_broadcast_claims_total\{app="shop",result="lost"\} 2/);
    await metricShows(/voxtra_broadcast_claims_total\{app="shop",result="error"\} 1/);
    const warnings = records.filter((r) => r.level === 'warn' && String(r.msg).includes('claim'));
    expect(warnings.map((w) => w.channelId)).toEqual(['3.3']);
  });

  it('once shutdown began, leaves offers to other replicas', async () => {
    const stopping = runtime.shutdown({ graceMs: 1000 });
    server.emit(offer('7.7', 'shop-replica-1'));
    await new Promise((r) => setTimeout(r, 100));
    expect(claims()).toEqual([]);
    await stopping;
  });

  it('at capacity (broadcast.max_calls), leaves offers to other replicas: no claim', async () => {
    server.emit({ ...stasisStart('9.9', 'shop'), channel: { ...(stasisStart('9.9', 'shop').channel as Record<string, unknown>), dialplan: { context: 'x', exten: '4000', priority: 2, app_name: 'Stasis', app_data: 'shop,4000' } } });
    await waitFor(() => runtime.activeCalls === 1);
    server.emit(offer('4.4', 'shop-replica-1'));
    server.emit(offer('5.5', 'other-pool'));
    await new Promise((r) => setTimeout(r, 100));
    expect(claims()).toEqual([]);
    expect(records.find((r) => r.msg === 'broadcast offer left to other replicas: at capacity')).toMatchObject({ channelId: '4.4', busy: 1, bound: 1 });
  });
});

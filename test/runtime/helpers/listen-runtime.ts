import { memoryLogger, type LogRecord } from '../../../src/core/logger';
import { createMetrics, type Metrics } from '../../../src/observability/metrics';
import { Runtime, type LagProbe, type RequestWaitReading, type RuntimePolicies } from '../../../src/runtime/runtime';
import { tempProject } from '../../config/temp-project';
import type { FakeAsteriskConnection } from '../../ari/helpers/fake-asterisk';
import { compileFolder } from './runtime-harness';
import { perCall } from './fake-asterisk-calls';

/** What Asterisk presents to the listen server. */
export const LISTEN_AUTH = { username: 'asterisk', password: 'pc-pass' };

/** A runtime serving app `shop` (flows `flows`) on a per-call listen server `edge`, with its metrics and log records. */
export interface ListenRuntime {
  readonly runtime: Runtime;
  readonly metrics: Metrics;
  readonly records: LogRecord[];
  /** The listen server's URL. */
  readonly url: string;
  /** Places a call of app `shop` on a per-call connection (closed by {@link close}). */
  call(channelId: string, extension: string): Promise<FakeAsteriskConnection>;
  /** Ends the calls' connections and stops the runtime. */
  close(): Promise<void>;
}

export async function startListenRuntime(flows: string, opts: { policies?: Partial<RuntimePolicies>; eventLoopLag?: LagProbe; requestWait?: RequestWaitReading } = {}): Promise<ListenRuntime> {
  const { snapshots } = await compileFolder(tempProject({ 'voxtra.config.yaml': 'app: shop\nflows: flows/\n', 'flows/main.yaml': flows }));
  const records: LogRecord[] = [];
  const metrics = createMetrics({ defaultMetrics: false });
  const runtime = new Runtime({
    servers: [{ name: 'edge', listen: { address: { host: '127.0.0.1', port: 0 }, path: '/voxtra', ...LISTEN_AUTH, connection: 'per_call' } }],
    snapshots,
    logger: memoryLogger(records),
    metrics,
    policies: opts.policies ?? {},
    ...(opts.eventLoopLag ? { eventLoopLag: opts.eventLoopLag } : {}),
    ...(opts.requestWait ? { requestWait: opts.requestWait } : {}),
  });
  await runtime.bind();
  runtime.start();
  await runtime.waitUntilConnected(3000);
  const url = runtime.listenServers[0].url;
  const conns: FakeAsteriskConnection[] = [];
  return {
    runtime,
    metrics,
    records,
    url,
    call: (channelId, extension) => callShop(url, channelId, extension, conns),
    async close() {
      for (const c of conns.splice(0)) c.terminate();
      await runtime.stop();
    },
  };
}

/** Places a call of app `shop` on a per-call connection to `url`; `conns` collects it for the test's cleanup. */
export async function callShop(url: string, channelId: string, extension: string, conns: FakeAsteriskConnection[]): Promise<FakeAsteriskConnection> {
  const conn = await perCall(url, 'shop', channelId, extension, LISTEN_AUTH);
  conns.push(conn);
  return conn;
}

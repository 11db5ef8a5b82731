import { request as httpRequest, Agent } from 'node:http';
import { networkInterfaces } from 'node:os';
import { FakeClock } from '../../src/core/fake-clock';
import { memoryLogger } from '../../src/core/logger';
import { readinessReport, type ReadinessReport } from '../../src/ops-server/readiness';
import { METRICS_CONTENT_TYPE, startOpsServer, type OpsServer } from '../../src/ops-server/server';
import { createMetrics } from '../../src/observability/metrics';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(server: OpsServer, method: string, path: string, agent?: Agent): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: server.address.host, port: server.address.port, method, path, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('startOpsServer', () => {
  let server: OpsServer | undefined;
  let report: ReadinessReport;
  const metrics = createMetrics({ defaultMetrics: false });
  const logger = memoryLogger();

  beforeEach(async () => {
    report = readinessReport({ servers: [], apps: [] });
    server = await startOpsServer({ listen: '127.0.0.1:0', metrics, readiness: () => report, logger });
  });

  afterEach(async () => {
    await server?.close();
  });

  it('binds the asked host on a free port and logs where', () => {
    expect(server?.address.host).toBe('127.0.0.1');
    expect(server?.address.port).toBeGreaterThan(0);
    expect(server?.url).toBe(`http://127.0.0.1:${server?.address.port}`);
    expect(logger.records).toContainEqual(expect.objectContaining({ level: 'info', url: server?.url, msg: 'ops server listening' }));
  });

  it('answers /healthz with 200 ok', async () => {
    const reply = await call(server as OpsServer, 'GET', '/healthz');
    expect(reply).toMatchObject({ status: 200, body: 'ok' });
    expect(reply.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(reply.headers['cache-control']).toBe('no-store');
  });

  it('answers /readyz with 503 until the runtime is ready, then 200, with the report as JSON', async () => {
    const since = '2025-01-01T00:00:00.000Z';
    report = readinessReport({
      servers: [{ name: 'pbx1', state: 'reconnecting', since, attempts: 3, lastError: 'connect ECONNREFUSED ws://h:8088/ari/events?app=voxtra&api_key=voxtra:pw' }],
      apps: [{ name: 'voxtra', version: 'ab12', state: 'pending' }],
    });
    const down = await call(server as OpsServer, 'GET', '/readyz');
    expect(down.status).toBe(503);
    expect(down.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = JSON.parse(down.body) as ReadinessReport;
    expect(body).toMatchObject({ ready: false, servers: [{ name: 'pbx1', state: 'reconnecting', since, attempts: 3 }], apps: [{ name: 'voxtra', version: 'ab12', state: 'pending' }] });
    // The ARI URL in a connection error carries the credentials.
    expect(body.servers[0]?.lastError).toBe('connect ECONNREFUSED ws://h:8088/ari/events?app=voxtra&api_key=[REDACTED]');

    report = readinessReport({ servers: [{ name: 'pbx1', state: 'connected', since, attempts: 0 }], apps: [{ name: 'voxtra', version: 'ab12', state: 'registered' }] });
    const up = await call(server as OpsServer, 'GET', '/readyz');
    expect(up.status).toBe(200);
    expect(JSON.parse(up.body)).toMatchObject({ ready: true });
  });

  it('serves Prometheus text on /metrics with the exposition content type', async () => {
    metrics.callStarted('voxtra');
    const reply = await call(server as OpsServer, 'GET', '/metrics?debug=1');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe(METRICS_CONTENT_TYPE);
    expect(reply.body).toContain('# TYPE voxtra_calls_active gauge');
    expect(reply.body).toMatch(/^voxtra_calls_active\{app="voxtra"\} 1$/m);
  });

  it('answers HEAD with headers only', async () => {
    const reply = await call(server as OpsServer, 'HEAD', '/healthz');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-length']).toBe('2');
    expect(reply.body).toBe('');
  });

  it('answers 404 for other paths and 405 for other methods', async () => {
    expect((await call(server as OpsServer, 'GET', '/')).status).toBe(404);
    expect((await call(server as OpsServer, 'GET', '/healthz/x')).status).toBe(404);
    const post = await call(server as OpsServer, 'POST', '/readyz');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('answers 500 and logs when the readiness callback fails', async () => {
    const failing = await startOpsServer({
      listen: '127.0.0.1:0',
      metrics,
      readiness: () => Promise.reject(new Error('state unavailable')),
      logger,
    });
    try {
      const reply = await call(failing, 'GET', '/readyz');
      expect(reply.status).toBe(500);
      expect(logger.records).toContainEqual(expect.objectContaining({ level: 'error', msg: 'ops request failed', path: '/readyz' }));
    } finally {
      await failing.close();
    }
  });
});

describe('OpsServer.close', () => {
  it('does not wait for idle keep-alive connections', async () => {
    const server = await startOpsServer({ listen: '127.0.0.1:0', metrics: createMetrics({ defaultMetrics: false }), readiness: () => readinessReport({ servers: [], apps: [] }), logger: memoryLogger() });
    const agent = new Agent({ keepAlive: true });
    const reply = await call(server, 'GET', '/healthz', agent);
    expect(reply.headers.connection).toBe('keep-alive');
    const started = Date.now();
    await server.close();
    // The idle socket would otherwise hold close() for the 5 s keep-alive timeout.
    expect(Date.now() - started).toBeLessThan(1000);
    agent.destroy();
  });

  it('cuts a request still in flight once the grace runs out', async () => {
    const clock = new FakeClock();
    let release: (() => void) | undefined;
    const server = await startOpsServer({
      listen: '127.0.0.1:0',
      metrics: { render: () => new Promise<string>((resolve) => (release = () => resolve('late'))) },
      readiness: () => readinessReport({ servers: [], apps: [] }),
      logger: memoryLogger(),
      clock,
      closeGraceMs: 500,
    });
    const pending = call(server, 'GET', '/metrics').then(
      () => 'answered',
      () => 'cut',
    );
    while (release === undefined) await new Promise((r) => setImmediate(r));
    const closed = server.close();
    expect(clock.pending).toBe(1);
    clock.advance(500);
    await closed;
    expect(await pending).toBe('cut');
    release();
  });

  it('refuses a bad listen setting and reports a taken port', async () => {
    const logger = memoryLogger();
    const base = { metrics: createMetrics({ defaultMetrics: false }), readiness: () => readinessReport({ servers: [], apps: [] }), logger };
    await expect(startOpsServer({ ...base, listen: 'localhost:0' })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    const first = await startOpsServer({ ...base, listen: '127.0.0.1:0' });
    try {
      await expect(startOpsServer({ ...base, listen: `127.0.0.1:${first.address.port}` })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await first.close();
    }
  });
});

const hasIpv6Loopback = Object.values(networkInterfaces()).some((list) => list?.some((i) => i.address === '::1'));

(hasIpv6Loopback ? it : it.skip)('listens on the IPv6 loopback when asked', async () => {
  const server = await startOpsServer({ listen: '[::1]:0', metrics: createMetrics({ defaultMetrics: false }), readiness: () => readinessReport({ servers: [], apps: [] }), logger: memoryLogger() });
  try {
    expect(server.address.host).toBe('::1');
    expect(server.url).toBe(`http://[::1]:${server.address.port}`);
    expect((await call(server, 'GET', '/healthz')).body).toBe('ok');
  } finally {
    await server.close();
  }
});

describe('readinessReport', () => {
  const since = '2025-01-01T00:00:00.000Z';
  const connected = { name: 'pbx1', state: 'connected' as const, since, attempts: 0 };
  const registered = { name: 'voxtra', version: 'v1', state: 'registered' as const };

  it('is ready only with every server connected and every app registered, and not draining', () => {
    expect(readinessReport({ servers: [connected], apps: [registered] }).ready).toBe(true);
    expect(readinessReport({ servers: [connected], apps: [] }).ready).toBe(false);
    expect(readinessReport({ servers: [{ ...connected, state: 'connecting' }], apps: [registered] }).ready).toBe(false);
    expect(readinessReport({ servers: [connected], apps: [registered, { ...registered, name: 'b', state: 'failed' }] }).ready).toBe(false);
    expect(readinessReport({ servers: [connected], apps: [registered], draining: true })).toMatchObject({ ready: false, draining: true });
  });
});

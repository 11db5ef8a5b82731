import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../core/clock';
import type { Logger } from '../core/logger';
import { redactUrl } from '../core/redact';
import { formatListen, parseListen, type ListenAddress } from './listen-address';
import type { ReadinessReport } from './readiness';

/** What the ops server needs from the metrics module. */
export interface MetricsSource {
  render(): Promise<string>;
}

export interface OpsServerOptions {
  /** `127.0.0.1:9464`, `[::1]:9464`; port 0 picks a free one. */
  listen: string;
  metrics: MetricsSource;
  /** Called on every `/readyz`; the runtime owns the state. */
  readiness: () => ReadinessReport | Promise<ReadinessReport>;
  logger: Logger;
  /** How long close() lets in-flight requests finish before cutting them. Default 2000 ms. */
  closeGraceMs?: number;
  /** Times the close grace. Default the system clock. */
  clock?: Clock;
}

/** A running ops server. */
export interface OpsServer {
  /** The bound address (the real port when 0 was asked for). */
  readonly address: ListenAddress;
  /** `http://host:port` of the server. */
  readonly url: string;
  /** Stops listening and closes idle keep-alive sockets at once; resolves when all are closed. */
  close(): Promise<void>;
}

/** Prometheus text exposition format 0.0.4. */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * Starts the operations HTTP server: `GET /healthz`, `GET /readyz` and
 * `GET /metrics` (HEAD too). Resolves once listening; rejects when the
 * address cannot be bound (e.g. EADDRINUSE).
 */
export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const wanted = parseListen(options.listen);
  const log = options.logger;
  let closing: Promise<void> | undefined;
  const server = createServer((req, res) => {
    // A response finished after close() began must not keep its socket alive.
    if (closing) res.setHeader('Connection', 'close');
    handle(req, res, options).catch((err: unknown) => {
      log.error({ err, path: req.url }, 'ops request failed');
      if (!res.headersSent) send(res, req, 500, 'text/plain; charset=utf-8', 'internal error\n');
      else res.destroy();
    });
  });
  await listen(server, wanted);
  const bound = server.address() as AddressInfo;
  const address = { host: bound.address, port: bound.port };
  const url = `http://${formatListen(address)}`;
  log.info({ url }, 'ops server listening');
  return {
    address,
    url,
    close: () => (closing ??= close(server, options.closeGraceMs ?? 2000, options.clock ?? systemClock)),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, options: OpsServerOptions): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (path !== '/healthz' && path !== '/readyz' && path !== '/metrics') {
    send(res, req, 404, 'text/plain; charset=utf-8', 'not found\n');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    send(res, req, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    return;
  }
  if (path === '/healthz') {
    send(res, req, 200, 'text/plain; charset=utf-8', 'ok');
  } else if (path === '/readyz') {
    const report = sanitize(await options.readiness());
    send(res, req, report.ready ? 200 : 503, 'application/json; charset=utf-8', `${JSON.stringify(report)}\n`);
  } else {
    send(res, req, 200, METRICS_CONTENT_TYPE, await options.metrics.render());
  }
}

// Connection errors can quote the ARI URL, which carries api_key=user:pass.
function sanitize(report: ReadinessReport): ReadinessReport {
  return {
    ...report,
    servers: report.servers.map((s) => (s.lastError === undefined ? s : { ...s, lastError: redactUrl(s.lastError) })),
  };
}

function send(res: ServerResponse, req: IncomingMessage, status: number, contentType: string, body: string): void {
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': bytes.length,
    'Cache-Control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

function listen(server: Server, address: ListenAddress): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen({ host: address.host, port: address.port, ipv6Only: address.host.includes(':') }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

function close(server: Server, graceMs: number, clock: Clock): Promise<void> {
  return new Promise<void>((resolve) => {
    // Shutdown must not wait for a stuck scrape: cut what is left after the grace.
    const cutoff = clock.setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clock.clearTimeout(cutoff);
      resolve();
    });
    server.closeIdleConnections();
  });
}

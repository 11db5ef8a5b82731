import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the local server received, body read in full. */
export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export type Handler = (req: ReceivedRequest, res: http.ServerResponse) => void;

/**
 * A plain HTTP server on 127.0.0.1, port 0, for tests of code that calls out
 * over HTTP. `handler` may be swapped per test; `received` lists requests in
 * order; `waitForRequest()` resolves once the n-th request has arrived.
 */
export class LocalHttpServer {
  readonly received: ReceivedRequest[] = [];
  handler: Handler = (_req, res) => res.end('{}');
  private readonly server = http.createServer((req, res) => this.onRequest(req, res));
  private readonly open = new Set<http.ServerResponse>();
  private waiters: { n: number; resolve: () => void }[] = [];

  static async start(): Promise<LocalHttpServer> {
    const s = new LocalHttpServer();
    await new Promise<void>((resolve) => s.server.listen(0, '127.0.0.1', resolve));
    return s;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Resolves when at least `n` requests have arrived. */
  waitForRequest(n = this.received.length + 1): Promise<void> {
    if (this.received.length >= n) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ n, resolve }));
  }

  async close(): Promise<void> {
    for (const res of this.open) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      this.received.push(received);
      this.open.add(res);
      res.on('close', () => this.open.delete(res));
      this.handler(received, res);
      const ready = this.waiters.filter((w) => this.received.length >= w.n);
      this.waiters = this.waiters.filter((w) => this.received.length < w.n);
      for (const w of ready) w.resolve();
    });
  }
}

/** Answers with JSON (status 200 unless given). */
export function json(res: http.ServerResponse, body: unknown, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

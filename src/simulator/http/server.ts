import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { apiDocResult } from '../api/api-docs';
import { invokeRoute } from '../api/dispatch';
import { reasonPhrase } from '../api/reason-phrase';
import type { SimulatorControl } from '../control-types';
import type { AsteriskModel } from '../model/asterisk-model';
import type { Json, JsonObject } from '../model/json';
import { fail, noContent, type AriResult } from '../model/result';
import { AriRouter } from './ari-router';
import { authenticate, type Credentials } from './auth';
import { CONTROL_PREFIX, handleControl, readBody } from './control-api';
import { EventsSocketServer } from './events-socket';
import { UNAUTHORIZED_BODY, WWW_AUTHENTICATE, writeAri, writeHtml } from './responses';
import { SessionTracker, type SessionStats } from './session-tracker';

export interface HttpServerOptions {
  readonly host: string;
  readonly port: number;
  readonly credentials: Credentials;
  /** http.conf sessionlimit (default 100). */
  readonly sessionLimit: number;
  /** http.conf session_keep_alive in ms (default 15000). */
  readonly keepAliveMs: number;
  /** Real ms each ARI request waits before it is served (default 0); see {@link SimulatorOptions.responseDelayMs}. */
  readonly responseDelayMs?: number;
}

type Body = { json?: Json; form: Array<[string, string]> } | { error: AriResult };

/** node:http + ws server exposing the model under /ari and the control API under /_voxtra/sim. */
export class SimulatorHttpServer {
  private server?: Server;
  private readonly router = new AriRouter();
  private readonly tracker: SessionTracker;
  readonly events: EventsSocketServer;
  private boundPort: number;

  constructor(
    private readonly model: AsteriskModel,
    private readonly control: SimulatorControl,
    private readonly opts: HttpServerOptions,
  ) {
    this.tracker = new SessionTracker(opts.sessionLimit, opts.keepAliveMs);
    this.events = new EventsSocketServer(model, opts.credentials, { router: this.router, responseDelayMs: opts.responseDelayMs ?? 0 });
    this.boundPort = opts.port;
  }

  get port(): number {
    return this.boundPort;
  }

  get listening(): boolean {
    return this.server?.listening ?? false;
  }

  /** Starts listening (again on the same port after a stop). */
  async listen(): Promise<void> {
    const server = createServer({ requireHostHeader: false }, (req, res) => void this.onRequest(req, res));
    this.tracker.attach(server);
    server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => this.onUpgrade(req, socket, head));
    server.on('clientError', (_err, socket) => socket.destroy());
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.boundPort, this.opts.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.boundPort = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening and drops every connection without a goodbye, like a dying Asterisk. */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    this.tracker.destroyAll();
    server.closeAllConnections();
    await closed;
  }

  sessions(): SessionStats {
    return this.tracker.stats();
  }

  private onUpgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/ari/events') {
      socket.destroy();
      return;
    }
    this.events.handleUpgrade(req, socket, head, url.searchParams);
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const now = this.model.now();
      const isAri = url.pathname === '/ari' || url.pathname.startsWith('/ari/');
      const isControl = url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`);
      if (!isAri && !isControl) {
        writeHtml(res, 404, 'Not Found', 'The requested URL was not found on this server.', now);
        return;
      }
      if (!authenticate(req, url.searchParams, this.opts.credentials)) {
        writeAri(res, { status: 401, body: JSON.parse(UNAUTHORIZED_BODY) as JsonObject, headers: { 'WWW-Authenticate': WWW_AUTHENTICATE } }, now);
        return;
      }
      const delayMs = this.opts.responseDelayMs ?? 0;
      if (isAri && delayMs > 0) await new Promise<void>((resolve) => setTimeout(resolve, delayMs));
      const segments = splitPath(url.pathname.slice(isAri ? 4 : CONTROL_PREFIX.length));
      const body = await this.readRequestBody(req, isControl);
      if ('error' in body) {
        writeAri(res, body.error, this.model.now());
        return;
      }
      if (isControl) {
        const result = segments ? await handleControl(this.control, req.method ?? 'GET', segments, url.searchParams, body.json) : fail(404, 'Resource not found');
        writeAri(res, result, this.model.now());
        return;
      }
      this.serveAri(req, res, url, segments, body);
    } catch (err) {
      if (!res.headersSent) writeAri(res, fail(500, err instanceof Error ? err.message : 'Internal Server Error'), this.model.now());
      else res.destroy();
    }
  }

  private serveAri(req: IncomingMessage, res: ServerResponse, url: URL, segments: string[] | undefined, body: { json?: Json; form: Array<[string, string]> }): void {
    const now = this.model.now();
    const method = req.method ?? 'GET';
    if (segments?.[0] === 'api-docs') {
      writeAri(res, apiDocResult(method, segments.slice(1), req.headers.host), now);
      return;
    }
    const match = segments ? this.router.match(method, segments) : { kind: 'not-found' as const };
    if (match.kind === 'not-found') return writeAri(res, fail(404, 'Resource not found'), now);
    if (match.kind === 'method-not-allowed') return writeAri(res, { ...fail(405, 'Invalid method'), headers: { Allow: match.allow } }, now);
    if (match.kind === 'options') return writeAri(res, { ...noContent(), headers: { Allow: match.allow } }, now);
    if (match.route.websocket) return writeHtml(res, 426, 'Upgrade Required', '', now);
    const json = body.json;
    const query: Array<[string, string]> = [...url.searchParams.entries(), ...body.form];
    const result = invokeRoute(this.model, match.route, { path: match.path, query, body: json });
    writeAri(res, result, this.model.now(), reasonPhrase(result, match.route.op));
  }

  /**
   * JSON bodies (malformed → 400 Error parsing request body) and urlencoded
   * forms; other types are ignored, as by Asterisk. The control API also
   * takes JSON sent without a content type.
   */
  private async readRequestBody(req: IncomingMessage, lenientJson: boolean): Promise<Body> {
    const text = await readBody(req);
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (text.trim() === '') return { form: [] };
    if (type === 'application/json' || (lenientJson && type === '')) {
      try {
        return { json: JSON.parse(text) as Json, form: [] };
      } catch {
        return { error: fail(400, 'Error parsing request body') };
      }
    }
    if (type === 'application/x-www-form-urlencoded') return { form: [...new URLSearchParams(text).entries()] };
    return { form: [] };
  }
}

function splitPath(rest: string): string[] | undefined {
  try {
    return rest.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

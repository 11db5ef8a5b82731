import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import type { AsteriskModel } from '../model/asterisk-model';
import type { JsonObject } from '../model/json';
import { astTrue } from '../api/normalize-args';
import { RestSession } from '../rest-ws/rest-session';
import type { AriRouter } from './ari-router';
import { authenticate, type Credentials } from './auth';
import { htmlError, rejectUpgrade, UNAUTHORIZED_BODY, WWW_AUTHENTICATE } from './responses';

/**
 * The events WebSocket at /ari/events?app=a,b[&subscribeAll=true]. A missing
 * or empty `app` is refused with 400 before authentication, bad credentials
 * with 401, both as plain HTTP answers without an upgrade. The 101 carries
 * only Upgrade, Connection and Sec-WebSocket-Accept, and no frame is sent on
 * connect. Text frames are RESTRequests (REST over the WebSocket, answered in
 * order by one {@link RestSession} per socket); binary frames are ignored.
 */
export class EventsSocketServer {
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, clientTracking: false });
  private readonly sockets = new Set<WebSocket>();

  constructor(
    private readonly model: AsteriskModel,
    private readonly creds: Credentials,
    private readonly rest: { readonly router: AriRouter; readonly responseDelayMs: number },
  ) {}

  handleUpgrade(req: IncomingMessage, socket: Socket, head: Buffer, query: URLSearchParams): void {
    socket.on('error', () => undefined);
    const apps = (query.getAll('app').pop() ?? '')
      .split(',')
      .map((a) => a.trim())
      .filter(Boolean);
    if (apps.length === 0) {
      rejectUpgrade(socket, 400, 'Bad Request', { 'Content-type': 'text/html' }, htmlError(400, 'Bad Request', 'HTTP request is missing param: [app]'), this.model.now());
      return;
    }
    if (!authenticate(req, query, this.creds)) {
      rejectUpgrade(socket, 401, 'Unauthorized', { 'WWW-Authenticate': WWW_AUTHENTICATE, 'Content-type': 'application/json' }, UNAUTHORIZED_BODY, this.model.now());
      return;
    }
    const subscribeAll = astTrue(query.getAll('subscribeAll').pop() ?? 'false');
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws, apps, subscribeAll, req.headers.host));
  }

  private attach(ws: WebSocket, apps: string[], subscribeAll: boolean, host: string | undefined): void {
    this.sockets.add(ws);
    // Not open once the close frame was read: writes are dropped and the apps no longer count as registered.
    const isOpen = (): boolean => ws.readyState === WebSocket.OPEN;
    const write = (frame: JsonObject): void => {
      if (isOpen()) ws.send(JSON.stringify(frame));
    };
    const reg = this.model.apps.register(apps, { send: write, isOpen }, subscribeAll);
    const session = new RestSession({ model: this.model, router: this.rest.router, appName: () => apps[0], write, responseDelayMs: this.rest.responseDelayMs, host });
    ws.on('message', (data, isBinary) => {
      if (!isBinary) session.receive(String(data));
    });
    ws.on('error', () => undefined);
    ws.on('close', () => {
      session.close();
      this.sockets.delete(ws);
      this.model.apps.unregister(reg, (a) => this.model.appInUse(a));
    });
  }

  get count(): number {
    return this.sockets.size;
  }

  /** Drops every events socket without a close frame (the client sees 1006). */
  dropAll(): void {
    for (const ws of this.sockets) ws.terminate();
  }
}

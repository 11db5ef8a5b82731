import WebSocket from 'ws';
import type { AriEvent } from '../../../src/ari/transport';
import { serveRestFrames, type PeerAnswer, type PeerRequest } from './rest-frames-peer';
import { traceEvents } from './traces';
import { waitFor } from './wait';

export const ASTERISK_ID = '02:fc:00:00:00:01';

/** What a connection sends on the upgrade: Asterisk's websocket_client credentials (trace outbound-persistent). */
export interface FakeAsteriskAuth {
  readonly username: string;
  readonly password: string;
  /** Subprotocols offered; Asterisk offers `ari`. */
  readonly protocols?: readonly string[];
}

/**
 * One outbound_websocket connection as Asterisk 22 opens it (traces
 * outbound-persistent and outbound-per-call): Basic credentials and
 * subprotocol `ari` on the upgrade, then the frames the test sends
 * (ApplicationRegistered first), answering RESTRequest frames one at a time,
 * in order, from `handler`.
 */
export class FakeAsteriskConnection {
  readonly requests: PeerRequest[] = [];
  /** Frames other than RESTRequest that Voxtra sent. */
  readonly other: Array<Record<string, unknown>> = [];
  handler: (req: PeerRequest) => PeerAnswer = () => ({ status: 204 });
  readonly closed: Promise<{ code: number; reason: string }>;
  closedWith: { code: number; reason: string } | undefined;

  private constructor(
    private readonly ws: WebSocket,
    readonly application: string,
  ) {
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => {
        this.closedWith = { code, reason: reason.toString() };
        resolve(this.closedWith);
      }),
    );
    ws.on('error', () => undefined);
    serveRestFrames(ws, { application: () => this.application, handler: (r) => this.handler(r), seen: this.requests, onOther: (f) => this.other.push(f) });
  }

  /** Opens the connection; rejects with the status of a refused upgrade (`unexpected-response`). */
  static open(url: string, application: string, auth: FakeAsteriskAuth): Promise<FakeAsteriskConnection> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, [...(auth.protocols ?? ['ari'])], {
        headers: { Authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` },
        perMessageDeflate: false,
        rejectUnauthorized: false,
      });
      ws.once('unexpected-response', (_req, res) => {
        reject(Object.assign(new Error(`upgrade refused: ${res.statusCode}`), { status: res.statusCode, headers: res.headers }));
        ws.terminate();
      });
      ws.once('error', reject);
      ws.once('open', () => resolve(new FakeAsteriskConnection(ws, application)));
    });
  }

  get protocol(): string {
    return this.ws.protocol;
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Sends one frame as Asterisk would (application and asterisk_id filled in when missing). */
  send(event: Record<string, unknown>): void {
    this.ws.send(JSON.stringify({ application: this.application, asterisk_id: ASTERISK_ID, ...event }));
  }

  /** Sends raw text (a broken frame). */
  sendRaw(text: string, binary = false): void {
    this.ws.send(binary ? Buffer.from(text) : text);
  }

  registered(timestamp = '2026-12-06T10:03:24.635+0000'): void {
    this.send({ type: 'ApplicationRegistered', timestamp });
  }

  /** Closes with a close frame (Asterisk closes a per-call socket with 1000 after StasisEnd). */
  close(code = 1000): void {
    this.ws.close(code);
  }

  /** Drops TCP without a close frame. */
  terminate(): void {
    this.ws.terminate();
  }

  async waitForRequest(match: (r: PeerRequest) => boolean, ms = 3000): Promise<PeerRequest> {
    await waitFor(() => this.requests.some(match), ms);
    return this.requests.find(match) as PeerRequest;
  }
}

/** A traced StasisStart (from outbound-per-call), moved to `channelId`, `channelName` and `application`. */
export function stasisStart(channelId: string, application: string, opts: { channelName?: string; args?: string[]; timestamp?: string } = {}): Record<string, unknown> {
  const traced = traceEvents('outbound-per-call', 'pc-1').find((e) => e.type === 'StasisStart') as AriEvent;
  const channel = { ...(traced.channel as Record<string, unknown>), id: channelId, ...(opts.channelName ? { name: opts.channelName } : {}) };
  return { ...traced, application, channel, ...(opts.args ? { args: opts.args } : {}), ...(opts.timestamp ? { timestamp: opts.timestamp } : {}) };
}

/** A traced event of `type` from outbound-per-call, moved to `channelId` and `application`. */
export function channelEvent(type: string, channelId: string, application: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const traced = traceEvents('outbound-per-call', 'pc-1').find((e) => e.type === type) as AriEvent | undefined;
  const base = traced ?? { type, timestamp: '2026-12-06T10:07:13.503+0000' };
  const channel = traced?.channel ? { ...(traced.channel as Record<string, unknown>), id: channelId } : { id: channelId, name: 'PJSIP/sipp-0001c16d', state: 'Up' };
  return { ...base, type, application, channel, ...extra };
}

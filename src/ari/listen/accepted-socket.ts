import WebSocket from 'ws';
import type { AriEvent } from '../transport';
import type { FrameSink } from '../ws-rest/socket-request-executor';
import type { ConnectionKind } from './stasis-app-names';

/** What the listener does with an accepted socket's frames and close (one handler object for every socket). */
export interface AcceptedSocketHandler {
  frame(socket: AcceptedSocket, event: AriEvent): void;
  /** A frame that is not an ARI event (binary, not JSON, no `type`). */
  badFrame(socket: AcceptedSocket, text: string): void;
  closed(socket: AcceptedSocket, code: number, reason: string): void;
}

/** How long a close handshake may take before the TCP connection is cut. */
const CLOSE_HANDSHAKE_MS = 2000;

/**
 * A WebSocket Asterisk opened to us (an outbound_websocket connection): text
 * frames parsed as ARI events, `send` for RESTRequest frames, and what the
 * listener learnt from the first frame (the kind, the Stasis app, the
 * Asterisk's id).
 */
export class AcceptedSocket implements FrameSink {
  kind: ConnectionKind | undefined;
  /** The Stasis app name of the first frame (`<app>` or `<app>:<channel name>`). */
  stasisApp = '';
  /** `asterisk_id` of the first frame (Asterisk's entity id), or the remote address when it had none. */
  asteriskId = '';
  /** Refused after the upgrade: its later frames are dropped. */
  refused = false;
  /** Settles once the connection closed (close frame answered, or cut). */
  readonly done: Promise<void>;
  private closing = false;

  constructor(
    private readonly ws: WebSocket,
    /** `address:port` of the peer. */
    readonly remote: string,
    readonly openedAt: number,
    handler: AcceptedSocketHandler,
  ) {
    ws.on('message', (data, isBinary) => {
      const text = data.toString();
      if (isBinary) {
        handler.badFrame(this, text);
        return;
      }
      let event: unknown;
      try {
        event = JSON.parse(text);
      } catch {
        handler.badFrame(this, text);
        return;
      }
      if (event === null || typeof event !== 'object' || typeof (event as { type?: unknown }).type !== 'string') handler.badFrame(this, text);
      else handler.frame(this, event as AriEvent);
    });
    this.done = new Promise<void>((resolve) =>
      ws.on('close', (code, reason) => {
        resolve();
        handler.closed(this, code, reason.toString());
      }),
    );
    // Errors end in 'close'; without a listener ws would throw them.
    ws.on('error', () => undefined);
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Sends a text frame; throws when the socket is not open. */
  send(text: string): void {
    if (this.ws.readyState !== WebSocket.OPEN) throw new Error('socket is not open');
    this.ws.send(text);
  }

  /** Closes with a close frame (1000 normal, 1001 going away, 1008 policy); cut if the peer does not answer. */
  close(code: number, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    if (this.ws.readyState === WebSocket.OPEN) {
      this.ws.close(code, reason.slice(0, 120));
      setTimeout(() => this.ws.terminate(), CLOSE_HANDSHAKE_MS).unref();
    } else {
      this.ws.terminate();
    }
  }
}

import type { ResolvedOutboundConfig } from './outbound-config';

/** Why a connection attempt failed, with the words Asterisk logs for it. */
export interface ConnectFailure {
  readonly kind: 'refused' | 'status' | 'timeout' | 'error';
  /** The HTTP status of a refused upgrade. */
  readonly status?: number;
  /** ast_websocket_result_to_str (errno), e.g. `Client start error (Transport endpoint is not connected)`. */
  readonly asteriskResult: string;
  readonly detail: string;
}

/** An open outbound WebSocket. */
export interface OutboundLink {
  send(text: string): void;
  /** A close frame with `code`. */
  close(code: number): void;
  /** Drops the TCP connection without a close frame. */
  terminate(): void;
}

export interface ConnectHandlers {
  onOpen(link: OutboundLink): void;
  onFail(failure: ConnectFailure): void;
  /** A frame from the server (binary frames are ignored by the session, as by Asterisk). */
  onMessage(text: string, binary: boolean): void;
  /** The open link ended: `abrupt` when no close frame arrived. */
  onClose(code: number, abrupt: boolean): void;
}

/**
 * Opens outbound WebSockets (res_websocket_client). The simulator uses
 * the `ws`-based one (ws-connector.ts); tests can pass their own to run
 * retry schedules on a FakeClock without a network.
 */
export interface OutboundConnector {
  /** One attempt; exactly one of onOpen/onFail follows. `cancel` abandons it (or closes the link it opened). */
  connect(config: ResolvedOutboundConfig, handlers: ConnectHandlers): { cancel(): void };
}

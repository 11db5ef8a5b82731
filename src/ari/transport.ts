/**
 * The ARI transport: how the adapter reaches one Asterisk server. Two
 * implementations exist: the `ari-client` one (real Asterisk, or the simulator
 * over loopback) and an in-process one bound straight to the simulator's model
 * (for `voxtra test`). Operations are named `resource.nickname` exactly as in
 * ARI's API description (and as `ari-client` exposes them), with the same
 * parameter names, e.g. `channels.play` with `{ channelId, media, playbackId }`.
 */

import type { AriOperationName } from './operations';

/** An ARI event exactly as Asterisk sends it on the events WebSocket. */
export interface AriEvent {
  readonly type: string;
  readonly application?: string;
  readonly timestamp?: string;
  readonly asterisk_id?: string;
  readonly [key: string]: unknown;
}

/** Only names the operation catalogue (src/ari/operations) defines compile here. */
type Catalogued<T extends AriOperationName> = T;

/** Operations the runtime uses (resource.nickname in ARI's API description). */
export type AriOperation = Catalogued<
  | 'applications.list'
  | 'applications.get'
  | 'applications.subscribe'
  | 'applications.unsubscribe'
  | 'applications.filter'
  | 'asterisk.getInfo'
  | 'asterisk.ping'
  | 'channels.list'
  | 'channels.get'
  | 'channels.originate'
  | 'channels.create'
  | 'channels.dial'
  | 'channels.hangup'
  | 'channels.answer'
  | 'channels.ring'
  | 'channels.ringStop'
  | 'channels.play'
  | 'channels.record'
  | 'channels.continueInDialplan'
  | 'channels.getChannelVar'
  | 'channels.setChannelVar'
  | 'channels.sendDTMF'
  | 'channels.startMoh'
  | 'channels.stopMoh'
  | 'playbacks.get'
  | 'playbacks.stop'
  | 'playbacks.control'
  | 'bridges.list'
  | 'bridges.create'
  | 'bridges.get'
  | 'bridges.addChannel'
  | 'bridges.removeChannel'
  | 'bridges.destroy'
  | 'recordings.getLive'
  | 'recordings.stop'
  | 'recordings.cancel'
  | 'recordings.getStored'
  | 'recordings.deleteStored'
  | 'events.claimChannel'
>;

export type AriParams = Readonly<Record<string, string | number | boolean | Readonly<Record<string, string>> | undefined>>;

/** Connection states reported to the supervisor and `/readyz`. */
export type TransportState = 'connecting' | 'connected' | 'disconnected' | 'replaced' | 'closed';

export interface AriRequestOptions {
  /** Deadline for this request in ms (the transport has a default). */
  timeoutMs?: number;
  /**
   * The request's whole JSON body, as given, for an operation whose body
   * parameter is the body itself (`applications.filter`: Asterisk reads
   * `allowed`/`disallowed` from the top level), not `{"<name>": value}`.
   */
  rawBody?: string;
  /**
   * The caller does not read the answer's body: a transport may leave it
   * unparsed and resolve with undefined (the call control's `play` names its
   * playback itself, so the Playback Asterisk echoes back is never read).
   */
  ignoreBody?: boolean;
}

export interface AriTransport {
  /** Server name (from the config) for logs and metrics. */
  readonly name: string;
  readonly state: TransportState;
  /**
   * Loads the API and opens the events socket for `apps`. Rejects when the
   * server cannot be reached or refuses the credentials.
   */
  connect(apps: readonly string[]): Promise<void>;
  /**
   * Performs one ARI operation. Resolves with the parsed JSON body (undefined
   * for 204). Rejects with VoxtraError: ARI_REQUEST_FAILED (with `status` and
   * `message` details), ARI_TIMEOUT, ARI_TRANSPORT or ARI_NOT_CONNECTED.
   */
  request<T = unknown>(op: AriOperation, params?: AriParams, opts?: AriRequestOptions): Promise<T>;
  /** Subscribes to every event; returns an unsubscribe function. */
  onEvent(listener: (event: AriEvent) => void): () => void;
  /** Subscribes to state changes; returns an unsubscribe function. */
  onState(listener: (state: TransportState, detail?: { error?: Error }) => void): () => void;
  /**
   * Changes the Stasis apps of a connected transport without a gap in event
   * delivery for the apps kept (optional; without it the gateway reconnects).
   * While not connected it only records the list for the next `connect`.
   */
  updateApps?(apps: readonly string[]): Promise<void>;
  /**
   * How long the oldest request waiting for one of the transport's request
   * slots has waited, ms (0: none waits); the call admission's
   * `runtime.overload.max_request_wait` reads it. Optional: a transport
   * without a bounded request pool (the in-process simulator) has none.
   */
  requestWaitMs?(): number;
  /**
   * ARI requests made and not yet answered (or failed), queued ones
   * included; `voxtra_ari_requests_in_flight` in /metrics. Optional, as
   * {@link requestWaitMs}.
   */
  requestsInFlight?(): number;
  /** Closes the events socket and stops reconnecting. */
  close(): Promise<void>;
}

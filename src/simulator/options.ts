import type { Clock } from '../core/clock';
import type { DialplanConfig } from './model/dialplan';
import type { EndpointBehaviour } from './model/endpoints';
import type { QueueBehaviour } from './model/asterisk-model';
import type { AsteriskLogEntry } from './model/asterisk-log';
import type { OutboundConnector } from './outbound/connector';
import type { OutboundWebSocketConfig } from './outbound/outbound-config';

/** Options for {@link AriSimulator}. Every field has a default. */
export interface SimulatorOptions {
  /** Listen address (HTTP mode); always loopback by default. */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** ARI credentials (default voxtra/voxtra). */
  readonly username?: string;
  readonly password?: string;
  /** Real ms per simulated ms: 0.01 makes a 2.8 s prompt take 28 ms (default 1). */
  readonly timeScale?: number;
  /** http.conf sessionlimit (default 100). */
  readonly sessionLimit?: number;
  /** http.conf session_keep_alive in ms (default 15000). */
  readonly keepAliveMs?: number;
  /**
   * HTTP mode: real ms each ARI request waits before it is served (default
   * 0). A busy Asterisk takes milliseconds per request; with that latency,
   * requests overlap, a client opens more HTTP sessions at once and
   * `sessionLimit` starts to bite, as it does on a real PBX under load.
   */
  readonly responseDelayMs?: number;
  /** Clock the model runs on (default the system clock; FakeClock in-process). */
  readonly clock?: Clock;
  /** App names; the first is the app placed calls enter by default (default ['voxtra']). */
  readonly apps?: readonly string[];
  /** Simulated wall-clock time at start, epoch ms. */
  readonly epochMs?: number;
  /** Extra sounds: name → length in ms. */
  readonly sounds?: Readonly<Record<string, number>>;
  /** `sound:http(s)://...` URLs → length in ms. */
  readonly remoteMedia?: Readonly<Record<string, number>>;
  /** Extra dialplan contexts (context → extension/pattern → priorities). */
  readonly dialplan?: DialplanConfig;
  readonly inboundContext?: string;
  readonly queuesContext?: string;
  readonly agentsContext?: string;
  /** Far ends for originate/dial, e.g. { 'PJSIP/1001': { kind: 'answer', ringMs: 2000 } }. */
  readonly endpoints?: Readonly<Record<string, EndpointBehaviour>>;
  readonly queues?: Readonly<Record<string, QueueBehaviour>>;
  /** Transcripts of ended calls to keep (default 10000). */
  readonly maxEndedCalls?: number;
  readonly asteriskId?: string;
  /**
   * The default inbound extensions' fallback: a sound played when Stasis()
   * fails (no socket holds the app, a per-call connection could not be
   * made), before the hangup. Default: hang up at once.
   */
  readonly fallback?: string;
  /**
   * Outbound WebSockets (Asterisk connecting to the application), by ari.conf
   * section name: websocket_client.conf + ari.conf `outbound_websocket` in
   * one object. Also settable at run time (setOutbound, control API PUT
   * /_voxtra/sim/outbound/{id}).
   */
  readonly outbound?: Readonly<Record<string, OutboundWebSocketConfig>>;
  /** Opens outbound WebSockets (default: `ws`); tests pass a fake one to run retry schedules on a FakeClock. */
  readonly outboundConnector?: OutboundConnector;
  /** Each line the simulated Asterisk logs (outbound WebSockets, broadcasts, per-call apps), as it is logged. */
  readonly onLog?: (entry: AsteriskLogEntry) => void;
}

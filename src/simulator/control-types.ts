import type { DtmfOptions, PlaceCallOptions } from './model/caller';
import type { QueueBehaviour } from './model/asterisk-model';
import type { EndpointBehaviour } from './model/endpoints';
import type { TranscriptEntry } from './model/transcript';
import type { SessionStats } from './http/session-tracker';
import type { FirstRequestStats } from './model/first-request';
import type { OutboundWebSocketConfig } from './outbound/outbound-config';
import type { OutboundStatus } from './outbound/persistent-connection';
import type { AsteriskLogEntry } from './model/asterisk-log';

export type { CallTarget, DtmfOptions, PlaceCallOptions, ScriptStep } from './model/caller';
export type { BroadcastTarget } from './model/dialplan';
export type { OutboundConnectionType, OutboundWebSocketConfig } from './outbound/outbound-config';
export type { OutboundStatus } from './outbound/persistent-connection';
export type { AsteriskLogEntry, AsteriskLogLevel } from './model/asterisk-log';
export type { QueueBehaviour } from './model/asterisk-model';
export type { EndpointBehaviour } from './model/endpoints';
export type { TranscriptEntry, TranscriptEvent, HangupParty, RecordingCause } from './model/transcript';

/** One channel the simulator has seen. */
export interface CallSummary {
  readonly channelId: string;
  readonly name: string;
  /** Placed through the control API (an inbound caller). */
  readonly placed: boolean;
  readonly ended: boolean;
}

export interface SimulatorStats {
  /** HTTP/WebSocket connections (zero in in-process mode). */
  readonly sessions: SessionStats;
  readonly eventSockets: number;
  /** Outbound WebSockets open now (persistent and per call). */
  readonly outboundSockets: number;
  readonly activeChannels: number;
  readonly channelsCreated: number;
  readonly placedCalls: number;
  readonly eventsSent: number;
  /** Real ms from StasisStart to the app's first request about the channel (benchmarks). */
  readonly firstRequest: FirstRequestStats;
}

/** The simulator's control surface (not ARI): what tests and `voxtra call` drive. */
export interface SimulatorControl {
  /** Places a SIP-like call into an app; returns the new channel id. */
  placeCall(opts: PlaceCallOptions): string;
  /** The caller presses digits (one ChannelDtmfReceived per digit). */
  sendDtmf(channelId: string, digits: string, opts?: DtmfOptions): void;
  /** The caller (or far end) hangs up. */
  hangup(channelId: string): void;
  transcript(channelId: string): TranscriptEntry[];
  /** Resolves with the transcript once the channel is gone; `timeoutMs` is simulated time. */
  waitForEnd(channelId: string, opts?: { timeoutMs?: number }): Promise<TranscriptEntry[]>;
  /** How `PJSIP/<name>` answers originates and dials. */
  setEndpoint(endpoint: string, behaviour: EndpointBehaviour): void;
  setQueue(name: string, behaviour: QueueBehaviour): void;
  /** Drops every events connection without a close frame. */
  dropEventSockets(): void;
  calls(): CallSummary[];
  stats(): SimulatorStats;
  /** Adds or replaces an outbound WebSocket (like editing ari.conf/websocket_client.conf and reloading). */
  setOutbound(id: string, config: OutboundWebSocketConfig): OutboundStatus;
  /** Removes one (persistent: ApplicationUnregistered, close 1000); false when there is none. */
  removeOutbound(id: string): boolean;
  outbound(): OutboundStatus[];
  /** The lines the simulated Asterisk logged (messages.log), oldest first. */
  asteriskLog(): AsteriskLogEntry[];
}

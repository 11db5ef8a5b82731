/**
 * Voxtra's ARI simulator: a clock-driven model of Asterisk 22's ARI, served
 * over loopback HTTP + WebSocket or bound in-process.
 */
export { AriSimulator } from './ari-simulator';
export type { SimulatorOptions } from './options';
export { InProcessTransport, type InProcessTransportOptions } from './in-process-transport';
export { InProcessEventsSocket, type InProcessEventsSocketOptions } from './in-process-events-socket';
export { formatTranscript } from './transcript/format-transcript';
export type {
  AsteriskLogEntry,
  AsteriskLogLevel,
  BroadcastTarget,
  CallSummary,
  CallTarget,
  DtmfOptions,
  EndpointBehaviour,
  HangupParty,
  OutboundConnectionType,
  OutboundStatus,
  OutboundWebSocketConfig,
  PlaceCallOptions,
  QueueBehaviour,
  RecordingCause,
  ScriptStep,
  SimulatorControl,
  SimulatorStats,
  TranscriptEntry,
  TranscriptEvent,
} from './control-types';
export type { DialplanConfig, DialplanStep } from './model/dialplan';
export { broadcastSteps, fallbackSteps, inboundSteps } from './model/dialplan';
export { formatLogEntry } from './model/asterisk-log';
export type { ConnectFailure, ConnectHandlers, OutboundConnector, OutboundLink } from './outbound/connector';
export type { FirstRequestStats } from './model/first-request';
export { DEFAULT_SOUNDS } from './model/sounds';
export { SERVED_OPERATIONS, SERVED_RESOURCES, type ServedOperation, type ServedResource } from './resources';
export { EMITTED_EVENT_TYPES } from './api/models';
export { resourceDocument, resourcesDocument } from './api/api-docs';
export { CONTROL_PREFIX } from './http/control-api';
export { HANGUP_REASON_CAUSES } from './model/causes';

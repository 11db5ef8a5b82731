import { formatDuration } from '../core/duration';
import type { LogMethodLevel } from '../core/log-options';
import type { LogRecord } from '../core/logger';
import type { SessionResult } from '../session/call-session';
import type { ObservedEvent } from '../session/observer';
import { formatTranscript, type TranscriptEntry } from '../simulator';
import type { HttpExchange } from './canned-fetch';
import type { PerformedAction } from './caller-driver';
import type { ActualLine } from './line-matcher';

/** A prompt as the caller heard it. */
export interface ActualPrompt {
  readonly via: 'say' | 'play';
  /** Say text, or the media URIs joined with ", ". */
  readonly text: string;
  readonly status: 'done' | 'interrupted' | 'failed' | 'hangup';
  readonly digit?: string;
  /** Simulated ms since the call was placed (when the prompt ended). */
  readonly atMs: number;
}

/** Everything a scenario's expectations are checked against. */
export interface ActualCall {
  readonly channelId: string;
  /** Voxtra's session result; absent when no session ran (the app was not connected). */
  readonly result?: SessionResult;
  readonly prompts: readonly ActualPrompt[];
  readonly variables: Readonly<Record<string, unknown>>;
  /** Channel variables Voxtra set on the caller's channel, last value each. */
  readonly channelVariables: Readonly<Record<string, string>>;
  readonly queue?: string;
  readonly continued?: Readonly<Record<string, unknown>>;
  readonly hangup?: { readonly by: string; readonly cause: number };
  /** The caller's transcript, say files shown as their text. */
  readonly transcript: readonly ActualLine[];
  /** What Voxtra did. */
  readonly events: readonly ActualLine[];
  /** Log messages (info and above), `level: message`. */
  readonly logs: readonly (ActualLine & { readonly level: string })[];
  readonly requests: readonly HttpExchange[];
  readonly caller: readonly PerformedAction[];
  /** Simulated ms from placing the call to its end. */
  readonly durationMs: number;
}

export interface ActualInput {
  readonly channelId: string;
  readonly placedAt: number;
  readonly endedAt: number;
  readonly result?: SessionResult;
  readonly events: readonly ObservedEvent[];
  readonly transcript: readonly TranscriptEntry[];
  readonly logs: readonly LogRecord[];
  readonly requests: readonly HttpExchange[];
  readonly caller: readonly PerformedAction[];
  readonly speechText: (media: string) => string | undefined;
}

// A scenario's `logs` see what an operator would: debug lines are left out.
const SCENARIO_LOG_LEVELS: ReadonlySet<LogMethodLevel> = new Set(['info', 'warn', 'error']);

/** Builds what the scenario's expectations compare with from what the run recorded. */
export function actualCall(input: ActualInput): ActualCall {
  const since = (at: number): number => at - input.placedAt;
  const prompts: ActualPrompt[] = [];
  const variables: Record<string, unknown> = {};
  let queue: string | undefined;
  let continued: Record<string, unknown> | undefined;
  for (const e of input.events) {
    if (e.kind === 'promptPlayed') {
      prompts.push({ via: e.via, text: e.via === 'say' ? (e.text ?? '') : e.media.join(', '), status: e.status, ...(e.digit !== undefined ? { digit: e.digit } : {}), atMs: since(e.at) });
    } else if (e.kind === 'variableSet') {
      Object.defineProperty(variables, e.name, { value: e.value, enumerable: true, writable: true, configurable: true });
    } else if (e.kind === 'callAction' && e.action === 'transfer_to_queue') {
      queue = String(e.detail.queue);
    } else if (e.kind === 'callAction' && e.action === 'continue_in_dialplan') {
      continued = { ...e.detail };
    }
  }
  const channelVariables: Record<string, string> = {};
  let hangup: ActualCall['hangup'];
  for (const e of input.transcript) {
    if (e.kind === 'variable-set') Object.defineProperty(channelVariables, e.name, { value: e.value, enumerable: true, writable: true, configurable: true });
    if (e.kind === 'hangup') hangup = { by: e.by, cause: e.cause };
  }
  return {
    channelId: input.channelId,
    ...(input.result ? { result: input.result } : {}),
    prompts,
    variables,
    channelVariables,
    ...(queue !== undefined ? { queue } : {}),
    ...(continued ? { continued } : {}),
    ...(hangup ? { hangup } : {}),
    transcript: transcriptLines(input.transcript, input.speechText),
    events: eventLines(input, since),
    logs: input.logs
      .filter((r) => SCENARIO_LOG_LEVELS.has(r.level) && typeof r.msg === 'string')
      .map((r) => ({ text: r.msg as string, level: r.level })),
    requests: input.requests,
    caller: input.caller,
    durationMs: input.endedAt - input.placedAt,
  };
}

/** The caller's transcript as `voxtra call` prints it, with rendered speech shown as its quoted text. */
export function transcriptLines(entries: readonly TranscriptEntry[], speechText: (media: string) => string | undefined): ActualLine[] {
  const shown = entries.filter((e) => e.kind !== 'playback-started');
  const lines = formatTranscript(shown);
  return shown.map((e, i) => {
    let text = lines[i].replace(/^\s*\d+\.\d+s {2}/, '');
    if ('media' in e) {
      const said = speechText(e.media);
      if (said !== undefined) text = text.replace(e.media, JSON.stringify(said));
    }
    return { text, atMs: e.atMs };
  });
}

function eventLines(input: ActualInput, since: (at: number) => number): ActualLine[] {
  const out: ActualLine[] = [];
  const r = input.result;
  const firstAt = input.events.length > 0 ? since(input.events[0].at) : input.endedAt - input.placedAt;
  if (r) out.push({ text: r.route ? `route ${r.route}` : 'no route', atMs: firstAt });
  for (const e of input.events) {
    const text = eventText(e);
    if (text !== undefined) out.push({ text, atMs: since(e.at) });
  }
  // Rejected and unrouted calls run no flow, so no flow reports their end.
  if (r && !input.events.some((e) => e.kind === 'ended')) out.push({ text: `end ${r.outcome}`, atMs: input.endedAt - input.placedAt });
  return out;
}

function eventText(e: ObservedEvent): string | undefined {
  switch (e.kind) {
    case 'flowEntered':
      return e.depth === 0 ? `flow ${e.flowId}` : `call flow ${e.flowId}`;
    case 'stepStarted':
      return `step ${e.stepId} ${e.type}`;
    case 'promptPlayed': {
      const what = e.via === 'say' ? `said ${JSON.stringify(e.text ?? '')}` : `played ${e.media.join(', ')}`;
      if (e.status === 'done') return what;
      return `${what} (${e.status === 'interrupted' ? `interrupted by ${e.digit ?? 'a digit'}` : e.status})`;
    }
    case 'digitsCollected':
      return e.status === 'ok' ? `got digits ${JSON.stringify(e.digits)}` : `got no digits (${e.status})${e.digits ? ` after ${JSON.stringify(e.digits)}` : ''}`;
    case 'variableSet':
      return `set ${e.name} = ${JSON.stringify(e.value)}`;
    case 'callAction':
      return actionText(e.action, e.detail);
    case 'ended':
      return `end ${e.outcome}${e.error ? `: ${e.error.message}` : ''}`;
    default:
      return undefined;
  }
}

function actionText(action: string, d: Readonly<Record<string, unknown>>): string {
  switch (action) {
    case 'answer':
      return 'answer';
    case 'hangup':
      return `hangup ${String(d.cause ?? 'normal')}`;
    case 'transfer_to_queue':
      return `transfer to queue ${String(d.queue)}`;
    case 'continue_in_dialplan':
      return `continue to ${[d.context, d.extension, d.label ?? d.priority].filter((x) => x !== undefined).join(',')}`;
    case 'set_channel_var':
      return `set channel variable ${String(d.name)} = ${JSON.stringify(d.value)}`;
    case 'send_dtmf':
      return `send DTMF ${String(d.digits)}`;
    case 'moh_start':
      return `music on hold${d.class ? ` (${String(d.class)})` : ''}`;
    case 'moh_stop':
      return 'music on hold stopped';
    case 'wait':
      return typeof d.ms === 'number' ? `wait ${formatDuration(d.ms)}` : 'wait';
    default:
      return action;
  }
}

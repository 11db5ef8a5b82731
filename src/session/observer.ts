import type { Logger } from '../core/logger';

/**
 * What a running call reports: the interpreter reports flows, steps,
 * variables and the end; the `call` object reports prompts, digits and the
 * actions it sends. Every event is plain data with the call id and the
 * clock time (`at`, ms). Call-level events (prompts, digits, actions) happen
 * between the `stepStarted` and `stepFinished` of the step that caused them,
 * so a consumer that needs the step keeps a stack from those two.
 *
 * Methods are optional and called synchronously; a throwing observer is
 * logged and ignored, never breaks the call.
 */
export interface SessionObserver {
  flowEntered?(e: FlowEvent): void;
  flowExited?(e: FlowExitEvent): void;
  stepStarted?(e: StepEvent): void;
  stepFinished?(e: StepFinishedEvent): void;
  variableSet?(e: VariableSetEvent): void;
  promptPlayed?(e: PromptEvent): void;
  digitsCollected?(e: DigitsEvent): void;
  callAction?(e: CallActionEvent): void;
  ended?(e: EndEvent): void;
}

interface BaseEvent {
  readonly callId: string;
  /** Clock time, ms. */
  readonly at: number;
}

export interface FlowEvent extends BaseEvent {
  readonly flowId: string;
  /** 0 for the call's flow, 1 for a sub-flow it calls, ... */
  readonly depth: number;
}

export interface FlowExitEvent extends FlowEvent {
  readonly durationMs: number;
  /** `returned`: ran to its end or hit `return`; `left`: a jump, end, hangup or error took control out. */
  readonly outcome: 'returned' | 'left';
}

export interface StepEvent extends BaseEvent {
  readonly flowId: string;
  readonly stepId: string;
  readonly type: string;
  readonly depth: number;
  /** 1-based count of steps this call has run, this one included. */
  readonly seq: number;
}

export type StepOutcome = 'ok' | 'jump' | 'return' | 'end' | 'hangup' | 'error';

export interface StepFinishedEvent extends StepEvent {
  readonly durationMs: number;
  readonly outcome: StepOutcome;
  /** For `error`: the code (when a VoxtraError) and message. */
  readonly error?: { readonly code?: string; readonly message: string };
}

export interface VariableSetEvent extends BaseEvent {
  readonly name: string;
  readonly value: unknown;
  readonly flowId?: string;
  readonly stepId?: string;
}

export interface PromptEvent extends BaseEvent {
  /** `play`: media URIs; `say`: text through TTS (`media` holds what the engine rendered). */
  readonly via: 'play' | 'say';
  readonly media: readonly string[];
  readonly text?: string;
  readonly status: 'done' | 'interrupted' | 'failed' | 'hangup';
  /** The digit that interrupted it. */
  readonly digit?: string;
  readonly durationMs: number;
}

export interface DigitsEvent extends BaseEvent {
  readonly digits: string;
  readonly status: 'ok' | 'timeout' | 'hangup';
  readonly durationMs: number;
}

export type CallAction =
  | 'answer'
  | 'hangup'
  | 'transfer_to_queue'
  | 'continue_in_dialplan'
  | 'set_channel_var'
  | 'send_dtmf'
  | 'moh_start'
  | 'moh_stop'
  | 'wait'
  | 'dial'
  | 'record';

export interface CallActionEvent extends BaseEvent {
  readonly action: CallAction;
  readonly detail: Readonly<Record<string, unknown>>;
}

/** How a run of the interpreter ended. */
export type RunOutcome =
  /** The flow ran out of steps (or `return`ed from the top). */
  | 'completed'
  /** A `hangup` step. */
  | 'hung_up'
  | 'caller_hangup'
  | 'transferred'
  | 'continued'
  | 'rejected'
  | 'error';

export interface EndEvent extends BaseEvent {
  readonly flowId: string;
  readonly outcome: RunOutcome;
  readonly steps: number;
  readonly durationMs: number;
  readonly error?: { readonly code?: string; readonly message: string };
}

type EventOf<K extends keyof SessionObserver> = Parameters<NonNullable<SessionObserver[K]>>[0];

/** Delivers one event, keeping a faulty observer from breaking the call. */
export function emit<K extends keyof SessionObserver>(observer: SessionObserver | undefined, kind: K, event: EventOf<K>, log?: Logger): void {
  const fn = observer?.[kind] as ((e: EventOf<K>) => void) | undefined;
  if (!fn) return;
  try {
    fn.call(observer, event);
  } catch (err) {
    log?.warn({ err, event: kind }, 'session observer failed');
  }
}

/** One observer that forwards every event to each of `observers`. */
export function combineObservers(...observers: readonly (SessionObserver | undefined)[]): SessionObserver {
  const list = observers.filter((o): o is SessionObserver => o !== undefined);
  const fan = <K extends keyof SessionObserver>(kind: K) => (e: EventOf<K>): void => {
    for (const o of list) emit(o, kind, e);
  };
  return {
    flowEntered: fan('flowEntered'),
    flowExited: fan('flowExited'),
    stepStarted: fan('stepStarted'),
    stepFinished: fan('stepFinished'),
    variableSet: fan('variableSet'),
    promptPlayed: fan('promptPlayed'),
    digitsCollected: fan('digitsCollected'),
    callAction: fan('callAction'),
    ended: fan('ended'),
  };
}

/** An observed event with its kind, as kept by {@link recordEvents}. */
export type ObservedEvent = { [K in keyof SessionObserver]-?: { kind: K } & EventOf<K> }[keyof SessionObserver];

/** An observer that keeps every event in order (tests, `voxtra test`). */
export function recordEvents(): { observer: SessionObserver; events: ObservedEvent[] } {
  const events: ObservedEvent[] = [];
  const keep = <K extends keyof SessionObserver>(kind: K) => (e: EventOf<K>): void => {
    events.push({ kind, ...e } as ObservedEvent);
  };
  return {
    events,
    observer: {
      flowEntered: keep('flowEntered'),
      flowExited: keep('flowExited'),
      stepStarted: keep('stepStarted'),
      stepFinished: keep('stepFinished'),
      variableSet: keep('variableSet'),
      promptPlayed: keep('promptPlayed'),
      digitsCollected: keep('digitsCollected'),
      callAction: keep('callAction'),
      ended: keep('ended'),
    },
  };
}

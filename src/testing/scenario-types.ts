import type { SourceRef } from '../ir/types';
import type { EndpointBehaviour } from '../simulator';

/**
 * A scenario after loading: one call placed against the compiled flows, what
 * the caller does, the canned HTTP answers, and what must happen. Durations
 * are milliseconds; every part keeps where it was written for reports.
 */
export interface Scenario {
  readonly name: string;
  readonly description?: string;
  /** The scenario file as shown to users. */
  readonly file: string;
  /** Where the scenario starts in its file. */
  readonly source: SourceRef;
  /** Stasis app the call enters. */
  readonly app: string;
  /** Reason for skipping, when the scenario is skipped. */
  readonly skip?: string;
  /** Wall-clock time (epoch ms) at which the call is placed: what calendars see. */
  readonly startMs: number;
  /** The call is ended (the caller hangs up) and the scenario fails after this much simulated time. */
  readonly timeLimitMs: number;
  readonly call: ScenarioCall;
  readonly caller: readonly CallerAction[];
  readonly http: readonly CannedEndpoint[];
  readonly simulator: SimulatorSettings;
  readonly expect: Expectations;
}

export interface ScenarioCall {
  readonly extension: string;
  readonly from?: string;
  readonly callerName?: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly variables: Readonly<Record<string, string>>;
  /** Stasis arguments; absent: the simulator's `[extension]`. */
  readonly args?: readonly string[];
  /** How long the caller speaks once a recording starts (absent: silent). */
  readonly talkMs?: number;
}

/** When a caller action happens. */
export type ActionTiming =
  /** `at`: ms after the call was placed. */
  | { readonly kind: 'at'; readonly ms: number }
  /** `after`: ms after the previous action ended (the call's start for the first). */
  | { readonly kind: 'after'; readonly ms: number }
  /**
   * `during`: once a prompt starts, plus `offsetMs`. `nth` picks the call's
   * nth prompt (1-based); `match` the next prompt whose text or media contains
   * it; neither: the next prompt to start after the previous action.
   */
  | { readonly kind: 'during'; readonly nth?: number; readonly match?: string; readonly offsetMs: number };

export type CallerAction =
  | { readonly kind: 'press'; readonly digits: string; readonly gapMs?: number; readonly timing: ActionTiming; readonly source: SourceRef }
  | { readonly kind: 'hangup'; readonly timing: ActionTiming; readonly source: SourceRef };

/** One canned answer of a fake HTTP endpoint. */
export type CannedAnswer =
  | {
      readonly kind: 'answer';
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      /** The raw body (a `json` answer is serialised here). */
      readonly body: string;
      readonly delayMs: number;
    }
  /** Never answers: the caller's own timeout fires. */
  | { readonly kind: 'timeout' }
  /** The connection fails (after `delayMs`). */
  | { readonly kind: 'error'; readonly message: string; readonly delayMs: number };

/**
 * Canned answers for one endpoint, named in the file by URL or by the name
 * of an HTTP dispatch rule. Answers are used in order; the last one repeats.
 */
export interface CannedEndpoint {
  /** The key as written. */
  readonly key: string;
  /** The URL the key stands for (a rule name resolves to its URL). */
  readonly url: string;
  readonly answers: readonly CannedAnswer[];
  readonly source: SourceRef;
}

export interface SimulatorSettings {
  /** Queues whose callers wait unanswered until Queue()'s timeout. */
  readonly queuesWithoutAgents: readonly string[];
  /** Far ends for dial steps and forwards, by dial string or endpoint. */
  readonly endpoints: Readonly<Record<string, EndpointBehaviour>>;
  /** Extra sounds: name → length in ms. */
  readonly sounds: Readonly<Record<string, number>>;
  /** `sound:http(s)://...` media → length in ms. */
  readonly remoteMedia: Readonly<Record<string, number>>;
  /** Run over loopback HTTP + WebSocket on a scaled real clock instead of in-process. */
  readonly overHttp: boolean;
  /** With overHttp: real ms per simulated ms. */
  readonly timeScale?: number;
}

/** How a written line (transcript, events, logs) is matched. */
export type LineMatcher =
  | { readonly kind: 'text'; readonly text: string; readonly atMs?: number; readonly written: string }
  | { readonly kind: 'regex'; readonly regex: RegExp; readonly written: string };

/** One expected prompt. */
export interface PromptMatcher {
  /** Say text or media URI(s) (a list joined with ", "). */
  readonly text: string;
  readonly via?: 'say' | 'play';
  readonly status?: 'done' | 'interrupted' | 'failed' | 'hangup';
  readonly written: string;
}

/** An expectation plus where it is written. */
export interface Expected<T> {
  readonly value: T;
  readonly source: SourceRef;
  /** For maps (variables): where each entry's value is written. */
  readonly entries?: Readonly<Record<string, SourceRef>>;
}

export type ScalarValue = string | number | boolean | null;

/** The listed fields of a continue_in_dialplan target. */
export interface ExpectedDialplanTarget {
  readonly context?: string;
  readonly extension?: string;
  readonly priority?: number;
  readonly label?: string;
}

export interface Expectations {
  /** Route, rule or `default` that took the call; null: none did. */
  readonly route?: Expected<string | null>;
  readonly flow?: Expected<string | null>;
  readonly outcome?: Expected<string>;
  readonly error?: Expected<string>;
  readonly prompts?: Expected<{ readonly mode: 'exactly' | 'includes'; readonly items: readonly PromptMatcher[] }>;
  /** Flow variables at the end; null: never set. */
  readonly variables?: Expected<Readonly<Record<string, unknown>>>;
  /** Channel variables Voxtra set; null: never set. */
  readonly channelVariables?: Expected<Readonly<Record<string, ScalarValue>>>;
  readonly queue?: Expected<string | null>;
  readonly continued?: Expected<ExpectedDialplanTarget | null>;
  readonly hangup?: Expected<{ readonly by?: string; readonly cause?: number; readonly causeName?: string }>;
  readonly transcript?: Expected<readonly LineMatcher[]>;
  readonly events?: Expected<readonly LineMatcher[]>;
  readonly logs?: Expected<readonly LineMatcher[]>;
  /** HTTP requests made (URL or rule name), in order, as a subsequence. */
  readonly requests?: Expected<readonly { readonly url: string; readonly written: string; readonly body?: Readonly<Record<string, unknown>> }[]>;
}

/** A loaded scenario file. */
export interface ScenarioFile {
  readonly file: string;
  readonly absolute: string;
  readonly scenarios: readonly Scenario[];
}

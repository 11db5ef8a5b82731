import type { Clock } from '../core/clock';
import type { JsonPath } from '../core/json-path';
import type { Logger } from '../core/logger';
import type { Outcome } from '../core/outcome';
import type { DiagnosticCode } from '../diagnostics/codes';
import type { RelatedLocation, Severity } from '../diagnostics/diagnostic';
import type { AppSnapshot, ConditionIR, StepIR, StringMatcher } from '../ir/types';
import type { CalendarService } from '../call/calendar-service';
import type { Call, ListenOptions, ListenResult, PlayOptions, PlayResult } from '../call/call-api';
import type { TtsService } from '../call/tts';
import type { StepResult } from './step-result';
import type { StepRule } from './step-rule';
import type { StepJump, StepShape, SummaryContext } from './step-shape';

/** A JSON Schema fragment (draft 2020-12). */
export type JsonSchema = Record<string, unknown>;

/** A nested list of steps inside a step (menu options, if/else branches...). */
export interface StepBranch {
  /** Key under the step, e.g. `then`, `options.1`, `exhausted`. */
  readonly key: string;
  readonly steps: readonly StepIR[];
  /** What graphs write on its edge (default: the key). */
  readonly title?: string;
  /** The digits a caller presses to take it (a menu option): graphs draw it in keypad order, coverage counts it as an option. */
  readonly choice?: string;
  /** After its steps the step asks again (a menu's no-input and invalid branches): graphs draw an edge back. */
  readonly retry?: boolean;
}

/** Text a step speaks through text-to-speech (a template or literal text). */
export interface SpeechText {
  readonly text: string;
  readonly voice?: string;
  readonly language?: string;
}

/** A nested single step (a menu's `prompt`). */
export interface StepChild {
  readonly key: string;
  readonly step: StepIR;
}

/** Given to `normalize`: turns nested raw values into IR and reports problems at the right place. */
export interface NormalizeContext {
  readonly file: string;
  readonly flowId: string;
  /** Path of the step's value (the part under the step's key). */
  readonly path: JsonPath;
  /** Normalises a nested step list found at `path + rel`. */
  steps(raw: unknown, rel: JsonPath): StepIR[];
  /** Normalises one nested step found at `path + rel`. */
  step(raw: unknown, rel: JsonPath): StepIR;
  /** Parses a duration (`500ms`, `5s`, `2m`, seconds as number) into ms. */
  duration(raw: unknown, rel: JsonPath): number;
  condition(raw: unknown, rel: JsonPath): ConditionIR;
  matcher(raw: unknown, rel: JsonPath): StringMatcher;
  report(d: { code: DiagnosticCode; message: string; rel: JsonPath; severity?: Severity; hint?: string; related?: RelatedLocation[] }): void;
}

/** What `http` steps send their requests with; tests and `voxtra test` answer through it. */
export interface HttpService {
  readonly fetch: typeof fetch;
}

/** Services a running step may use. */
export interface StepServices {
  /** Text-to-speech for `say` and spoken prompts; without it they fail with TTS_UNAVAILABLE. */
  readonly tts?: TtsService;
  /** HTTP for `http` steps (default: the global `fetch`). */
  readonly http?: HttpService;
  /** Calendars for calendar conditions (the call session takes them from the snapshot). */
  readonly calendars?: CalendarService;
}

/** Given to `execute`. */
export interface StepContext {
  readonly call: Call;
  readonly step: StepIR;
  readonly signal: AbortSignal;
  readonly clock: Clock;
  readonly log: Logger;
  readonly snapshot: AppSnapshot;
  readonly services: StepServices;
  /** Id of the flow the running step belongs to. */
  readonly flowId: string;
  /** Per-call counters keyed by the step that owns them (goto loop bounds); they live as long as the call. */
  readonly counters: Map<string, number>;
  /** Renders a template string over `call`, `metadata` and `vars`. */
  render(text: string): string;
  /** Renders each string of a list; a list of the flows with no template in it comes back as it is (known once per snapshot). */
  renderList(list: readonly string[]): readonly string[];
  /** Renders every string inside a value (objects, arrays). */
  renderValue(value: unknown): unknown;
  test(condition: ConditionIR): boolean;
  /**
   * Runs a nested list; a goto to a label in it is handled there. Resolves
   * with `NEXT` when the list ran to its end, otherwise with what ended it (a
   * goto to a label outside it, a return, the end of the flow), which the
   * step returns in turn.
   */
  run(steps: readonly StepIR[]): Promise<StepResult>;
  /** Runs another flow as a sub-flow: `NEXT` when it returned, the end result when it ended the flow. */
  callFlow(flowId: string): Promise<StepResult>;
  /** Sets a flow variable (also reported to observers). */
  setVar(name: string, value: unknown): void;
  /**
   * `call.listenDtmf(opts)` reporting to `end` instead of a promise (on a
   * later microtask): a step that waits there keeps no promise chain.
   */
  listenDtmfInto(opts: ListenOptions, end: Outcome<ListenResult>): void;
  /** `call.play(media, opts)` reporting to `end` instead of a promise (on a later microtask). */
  playInto(media: readonly string[], opts: PlayOptions, end: Outcome<PlayResult>): void;
}

/**
 * One step type, and everything tools know about it: its schema fragment,
 * defaults, normalisation, shape and label for graphs, the facts the
 * compiler's generic rules read, its own rules, and its behaviour. Each lives
 * in its own file under src/steps/ and is listed in the registry; nothing
 * outside src/steps/ tests a step's type name.
 */
export interface StepDefinition<P = unknown> {
  readonly type: string;
  /** One line for docs and editor hovers. */
  readonly description: string;
  /** Schema of the value under the step's key (short and long forms). */
  readonly schema: JsonSchema;
  /** May be written as a bare name (`- answer`). */
  readonly bare?: boolean;
  /**
   * What its optional parameters are when left out, by param name (the step
   * file exports the same object for the `call` API, which uses the same).
   */
  readonly defaults?: Readonly<Record<string, string | number | boolean>>;
  /** How it passes control on, and how graphs draw it. */
  readonly shape: StepShape;
  /** `decision` and `menu`: the branch key whose absence lets control pass straight on (`else`, `default`, `exhausted`). */
  readonly otherwise?: string;
  /** Turns the schema-valid raw value into params. */
  normalize(raw: unknown, ctx: NormalizeContext): P;
  /** Its label in graphs, a line or two, ASCII (default: the type and its first text parameter). */
  summary?(params: P, ctx: SummaryContext): readonly string[];
  /** Nested step lists, for reachability, graphs and coverage. */
  branches?(params: P): readonly StepBranch[];
  /** Nested single steps (a prompt). */
  children?(params: P): readonly StepChild[];
  /**
   * True when control never passes to the next step in the same list
   * (hangup, goto, return, transfer). Used for unreachable-step checks and graphs.
   */
  endsList?(params: P): boolean;
  /** Names of flow variables the step sets (for unknown-variable checks). */
  writesVars?(params: P): readonly string[];
  /** `label` shape: the label it defines. */
  labelName?(params: P): string | undefined;
  /** `jump` shape: where it jumps. */
  jump?(params: P): StepJump | undefined;
  /** `call` shape: the flow it runs as a sub-flow. */
  calledFlow?(params: P): string | undefined;
  /** Text it speaks: the runtime then needs text-to-speech, and renders literal text before the first call. */
  speaks?(params: P): SpeechText | undefined;
  /**
   * The step places outbound calls (legs): the runtime then lets the ARI
   * events only such legs read reach it (see `ari/event-filter.ts`).
   */
  readonly placesCalls?: boolean;
  /** The queue it sends the call to (a name or a template), for `voxtra provision`. */
  transfersTo?(params: P): string | undefined;
  /** Its own semantic checks, each with the diagnostic code it reports; the compiler runs them besides its generic rules. */
  readonly rules?: readonly StepRule<P>[];
  /** Does the step and says what comes next; only errors are thrown (a caller hangup among them). */
  execute(params: P, ctx: StepContext): Promise<StepResult>;
  /**
   * `execute` reporting to `end` instead of a promise, never from inside this
   * call; the runner prefers it when present. A step where calls wait long
   * (a listen) has it, so that a waiting call keeps a few objects rather than
   * a chain of promises, reactions and closures (bench/session heap snapshots).
   */
  start?(params: P, ctx: StepContext, end: Outcome<StepResult>): void;
}

import type { Clock } from '../core/clock';
import { formatDuration } from '../core/duration';
import { memoryLogger, type LogRecord, type Logger } from '../core/logger';
import type { AppSnapshot } from '../ir/types';
import { createHttpRouter } from '../http-router';
import type { HostOptions } from '../host';
import type { RuntimeServices } from '../runtime/services';
import type { SessionResult } from '../session/call-session';
import { recordEvents, type ObservedEvent } from '../session/observer';
import type { AriSimulator, DialplanConfig, SimulatorOptions, TranscriptEntry } from '../simulator';
import { actualCall, type ActualCall } from './actual-call';
import { cannedFetch, type HttpExchange } from './canned-fetch';
import { CallerDriver, describeAction } from './caller-driver';
import type { Scenario } from './scenario-types';
import { trackedTts, type SpeechBook } from './tracked-tts';
import type { VirtualTime } from './virtual-time';

/** What every scenario of a run shares. */
export interface ScenarioEnvironment {
  readonly snapshots: readonly AppSnapshot[];
  /** Services built once (speech rendered by the simulated engine). */
  readonly services: RuntimeServices;
  readonly speech: SpeechBook;
}

/** One scenario's call, as it happened, plus what kept it from running as written. */
export interface ScenarioRun {
  readonly call?: ActualCall;
  /** Problems of the run itself: time limit reached, caller actions that never happened, no connection. */
  readonly problems: readonly string[];
  /** Steps and menu choices reached, for coverage. */
  readonly reached: readonly ReachedStep[];
  readonly chosen: readonly ChosenOption[];
}

export interface ReachedStep {
  readonly app: string;
  readonly flowId: string;
  readonly stepId: string;
}

export interface ChosenOption extends ReachedStep {
  readonly key: string;
}

const ARGS_CONTEXT = 'voxtra-scenario-in';

/**
 * The parts of a scenario run that do not depend on how time passes: the
 * simulator's settings, the runtime's options (observer, logs, canned HTTP,
 * speech), placing the call, the caller's part, and the result.
 */
export class ScenarioHarness {
  readonly logs: LogRecord[] = [];
  readonly logger: Logger;
  readonly requests: HttpExchange[] = [];
  readonly problems: string[] = [];
  private readonly recorder = recordEvents();
  private readonly results = new Map<string, SessionResult>();
  private placedAt: number;
  private channelId?: string;
  private transcriptOf: () => readonly TranscriptEntry[] = () => [];
  private endedOf: () => boolean = () => false;
  private callerDriver?: CallerDriver;

  constructor(
    readonly scenario: Scenario,
    private readonly env: ScenarioEnvironment,
    private readonly clock: Clock,
    private readonly time?: VirtualTime,
  ) {
    this.logger = memoryLogger(this.logs);
    this.placedAt = clock.now();
  }

  /** Simulator settings from the scenario (without clock and time scale). */
  simulatorOptions(): SimulatorOptions {
    const s = this.scenario;
    const snapshot = this.env.snapshots.find((x) => x.app === s.app);
    return {
      epochMs: s.startMs,
      apps: [s.app, ...this.env.snapshots.map((x) => x.app).filter((a) => a !== s.app)],
      ...(snapshot ? { queuesContext: snapshot.settings.queuesContext } : {}),
      queues: Object.fromEntries(s.simulator.queuesWithoutAgents.map((q) => [q, { noAgents: true }])),
      endpoints: s.simulator.endpoints,
      sounds: s.simulator.sounds,
      remoteMedia: s.simulator.remoteMedia,
      ...(s.call.args ? { dialplan: argsDialplan(s.app, s.call.args) } : {}),
    };
  }

  /** The host's options for the real runtime, with this scenario's observer, logs, canned HTTP answers and speech. */
  hostOptions(): HostOptions {
    // Canned answers wait on the scenario's clock only, so simulated time never waits for them.
    const fetch = cannedFetch(this.scenario.http, { clock: this.clock, sinceStart: () => this.clock.now() - this.placedAt, log: this.requests });
    const base = this.env.services;
    const tts = base.tts ? (trackedTts(base.tts, this.env.speech, this.time) as RuntimeServices['tts']) : undefined;
    return {
      snapshots: this.env.snapshots,
      logger: this.logger,
      clock: this.clock,
      metrics: false,
      random: () => 0.5,
      services: { ...base, ...(tts ? { tts } : {}), http: { fetch } },
      httpRouter: createHttpRouter({ fetch, clock: this.clock, logger: this.logger }),
      observer: this.recorder.observer,
      onCallEnded: (info) => this.results.set(info.channelId, info.result),
    };
  }

  /** Places the scenario's call and starts playing the caller's part. */
  place(sim: AriSimulator): void {
    const c = this.scenario.call;
    this.placedAt = this.clock.now();
    const channelId = sim.placeCall({
      ...(c.args ? { context: ARGS_CONTEXT } : { app: this.scenario.app }),
      extension: c.extension,
      ...(c.from !== undefined ? { callerNumber: c.from } : {}),
      ...(c.callerName !== undefined ? { callerName: c.callerName } : {}),
      headers: c.headers,
      variables: c.variables,
      ...(c.talkMs !== undefined ? { talkMs: c.talkMs } : {}),
    });
    this.channelId = channelId;
    const record = sim.model.calls.get(channelId);
    this.transcriptOf = () => record?.transcript.entries ?? [];
    this.endedOf = () => Boolean(record?.ended);
    this.callerDriver = new CallerDriver(this.scenario.caller, {
      sim,
      channelId,
      clock: this.clock,
      placedAt: this.placedAt,
      transcript: this.transcriptOf,
      speechText: (media) => this.env.speech.textOf(media),
    });
  }

  /** Clock time the call was placed. */
  get placedAtMs(): number {
    return this.placedAt;
  }

  get channelEnded(): boolean {
    return this.endedOf();
  }

  /** Lets the caller act on what happened so far. */
  poll(): void {
    this.callerDriver?.poll();
  }

  /** Ended on both sides: the caller's channel is gone, and Voxtra's session (if one started) has ended. */
  finished(): boolean {
    if (!this.channelId || !this.endedOf()) return false;
    return this.results.has(this.channelId) || !this.transcriptOf().some((e) => e.kind === 'stasis-start');
  }

  /** The time limit passed: say so, and the caller hangs up. */
  timeLimitReached(sim: AriSimulator): void {
    this.problems.push(`the call was still going after the time limit (${formatDuration(this.scenario.timeLimitMs)} of simulated time); the caller hung up`);
    if (this.channelId && !this.endedOf()) sim.hangup(this.channelId);
  }

  /** What happened, checked for caller actions that never happened, with coverage data. */
  result(): ScenarioRun {
    const endedAt = this.clock.now();
    const caller = this.callerDriver;
    const problems = [...this.problems];
    if (!this.channelId || !caller) return { problems, reached: [], chosen: [] };
    for (const { index, action } of caller.unperformed) {
      const where = `${action.source.file}${action.source.line !== undefined ? `:${action.source.line}` : ''}`;
      problems.push(`caller action ${index + 1} (${describeAction(action)}, ${where}) never happened: the call ended at ${formatDuration(Math.round(endedAt - this.placedAt))} after ${caller.prompts.length} prompt(s)`);
    }
    for (const p of caller.performed) if (p.failed) problems.push(`caller action ${p.index + 1} (${p.what}) failed: ${p.failed}`);
    const result = this.results.get(this.channelId);
    const call = actualCall({
      channelId: this.channelId,
      placedAt: this.placedAt,
      endedAt,
      ...(result ? { result } : {}),
      events: this.recorder.events,
      transcript: this.transcriptOf(),
      logs: this.logs,
      requests: this.requests,
      caller: caller.performed,
      speechText: (media) => this.env.speech.textOf(media),
    });
    return { call, problems, ...coverageOf(this.recorder.events, this.scenario.app) };
  }
}

function argsDialplan(app: string, args: readonly string[]): DialplanConfig {
  return { [ARGS_CONTEXT]: { '_.': [{ app: 'NoOp', data: 'voxtra test' }, { app: 'Stasis', data: [app, ...args].join(',') }, { app: 'Hangup' }] } };
}

/** Steps started, and digits collected by a step itself (coverage counts those that are one of its options). */
function coverageOf(events: readonly ObservedEvent[], app: string): { reached: ReachedStep[]; chosen: ChosenOption[] } {
  const reached: ReachedStep[] = [];
  const chosen: ChosenOption[] = [];
  const stack: { flowId: string; stepId: string }[] = [];
  for (const e of events) {
    if (e.kind === 'stepStarted') {
      reached.push({ app, flowId: e.flowId, stepId: e.stepId });
      stack.push({ flowId: e.flowId, stepId: e.stepId });
    } else if (e.kind === 'stepFinished') {
      stack.pop();
    } else if (e.kind === 'digitsCollected' && e.status === 'ok') {
      const top = stack[stack.length - 1];
      if (top) chosen.push({ app, flowId: top.flowId, stepId: top.stepId, key: e.digits });
    }
  }
  return { reached, chosen };
}

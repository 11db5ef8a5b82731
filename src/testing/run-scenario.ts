import { FakeClock } from '../core/fake-clock';
import { formatDuration } from '../core/duration';
import { memoryLogger, type LogRecord } from '../core/logger';
import type { AppSnapshot } from '../ir/types';
import { createHttpRouter } from '../routing/http-router';
import { Runtime } from '../runtime/runtime';
import type { RuntimeServices } from '../runtime/services';
import type { SessionResult } from '../session/call-session';
import { recordEvents, type ObservedEvent } from '../session/observer';
import { AriSimulator, type DialplanConfig } from '../simulator';
import { actualCall, type ActualCall } from './actual-call';
import { cannedFetch, type HttpExchange } from './canned-fetch';
import { CallerDriver, describeAction } from './caller-driver';
import type { Scenario } from './scenario-types';
import { trackedTts, type SpeechBook } from './tracked-tts';
import { VirtualTime } from './virtual-time';

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

/** Timers one scenario may fire before it is declared a runaway. */
const MAX_TIMERS = 200_000;
/** Simulated time the call gets to wind down after the time limit hangs it up. */
const WIND_DOWN_MS = 60_000;
const ARGS_CONTEXT = 'voxtra-scenario-in';

/**
 * Runs one scenario in-process: a fresh simulator and the real Runtime on one
 * FakeClock, the call placed and the caller's actions played, simulated time
 * advanced timer by timer until the call has ended on both sides (Voxtra's
 * session and the caller's channel), or the time limit.
 */
export async function runScenario(scenario: Scenario, env: ScenarioEnvironment): Promise<ScenarioRun> {
  const clock = new FakeClock(scenario.startMs);
  const time = new VirtualTime(clock);
  const snapshot = env.snapshots.find((s) => s.app === scenario.app);
  const apps = [scenario.app, ...env.snapshots.map((s) => s.app).filter((a) => a !== scenario.app)];
  const sim = AriSimulator.createInProcess({
    clock,
    epochMs: scenario.startMs,
    apps,
    ...(snapshot ? { queuesContext: snapshot.settings.queuesContext } : {}),
    queues: Object.fromEntries(scenario.simulator.queuesWithoutAgents.map((q) => [q, { noAgents: true }])),
    endpoints: scenario.simulator.endpoints,
    sounds: scenario.simulator.sounds,
    remoteMedia: scenario.simulator.remoteMedia,
    ...(scenario.call.args ? { dialplan: argsDialplan(scenario.app, scenario.call.args) } : {}),
  });
  const logs: LogRecord[] = [];
  const logger = memoryLogger(logs);
  const recorder = recordEvents();
  const requests: HttpExchange[] = [];
  let placedAt = clock.now();
  // Canned answers wait on the simulated clock only, so time must not wait for them.
  const fetchCanned = cannedFetch(scenario.http, { clock, sinceStart: () => clock.now() - placedAt, log: requests });
  const base = env.services;
  const services: RuntimeServices = { ...base, ...(base.tts ? { tts: trackedTts(base.tts, env.speech, time) as RuntimeServices['tts'] } : {}), fetch: fetchCanned };
  const results = new Map<string, SessionResult>();
  const runtime = new Runtime({
    servers: [{ name: 'simulator', transport: sim.createTransport() }],
    snapshots: env.snapshots,
    logger,
    clock,
    random: () => 0.5,
    services,
    httpRouter: createHttpRouter({ fetch: fetchCanned, clock, logger }),
    observer: recorder.observer,
    onCallEnded: (info) => results.set(info.channelId, info.result),
  });
  const problems: string[] = [];
  runtime.start();
  const connected = await time.runUntil(() => runtime.ariServers.every((s) => s.supervisor.ready), clock.now() + 10_000);
  if (!connected) {
    await shutdown(runtime, sim, time);
    return { problems: ['the runtime did not connect to the simulator'], reached: [], chosen: [] };
  }

  placedAt = clock.now();
  const channelId = sim.placeCall({
    ...(scenario.call.args ? { context: ARGS_CONTEXT } : { app: scenario.app }),
    extension: scenario.call.extension,
    ...(scenario.call.from !== undefined ? { callerNumber: scenario.call.from } : {}),
    ...(scenario.call.callerName !== undefined ? { callerName: scenario.call.callerName } : {}),
    headers: scenario.call.headers,
    variables: scenario.call.variables,
    ...(scenario.call.talkMs !== undefined ? { talkMs: scenario.call.talkMs } : {}),
  });
  const record = sim.model.calls.get(channelId);
  const transcript = () => record?.transcript.entries ?? [];
  const speechText = (media: string): string | undefined => env.speech.textOf(media);
  const caller = new CallerDriver(scenario.caller, { sim, channelId, clock, placedAt, transcript, speechText });
  const enteredStasis = () => transcript().some((e) => e.kind === 'stasis-start');
  const finished = () => Boolean(record?.ended) && (results.has(channelId) || !enteredStasis());

  const deadline = placedAt + scenario.timeLimitMs;
  let timedOut = false;
  await time.settle();
  for (;;) {
    caller.poll();
    if (finished()) break;
    const next = time.nextAt();
    if (next === undefined) {
      problems.push('the call stalled: nothing more could happen, but it had not ended');
      break;
    }
    if (!timedOut && next > deadline) {
      timedOut = true;
      clock.advanceTo(deadline);
      problems.push(`the call was still going after the time limit (${formatDuration(scenario.timeLimitMs)} of simulated time); the caller hung up`);
      if (record && !record.ended) sim.hangup(channelId);
      await time.settle();
      continue;
    }
    if (timedOut && next > deadline + WIND_DOWN_MS) {
      problems.push('the call did not end after the caller hung up');
      break;
    }
    if (time.fired > MAX_TIMERS) {
      problems.push(`the call fired more than ${MAX_TIMERS} timers; a loop in the flow?`);
      break;
    }
    time.fireNext();
    await time.settle();
  }
  const endedAt = clock.now();
  for (const { index, action } of caller.unperformed) {
    problems.push(`caller action ${index + 1} (${describeAction(action)}, ${where(action.source)}) never happened: the call ended at ${formatDuration(endedAt - placedAt)} after ${caller.prompts.length} prompt(s)`);
  }
  for (const p of caller.performed) if (p.failed) problems.push(`caller action ${p.index + 1} (${p.what}) failed: ${p.failed}`);

  const call = actualCall({
    channelId,
    placedAt,
    endedAt,
    ...(results.has(channelId) ? { result: results.get(channelId) } : {}),
    events: recorder.events,
    transcript: transcript(),
    logs,
    requests,
    caller: caller.performed,
    speechText,
  });
  await shutdown(runtime, sim, time);
  return { call, problems, ...coverageOf(recorder.events, scenario.app) };
}

function where(source: { file: string; line?: number; column?: number }): string {
  return `${source.file}${source.line !== undefined ? `:${source.line}` : ''}`;
}

function argsDialplan(app: string, args: readonly string[]): DialplanConfig {
  return { [ARGS_CONTEXT]: { '_.': [{ app: 'NoOp', data: 'voxtra test' }, { app: 'Stasis', data: [app, ...args].join(',') }, { app: 'Hangup' }] } };
}

async function shutdown(runtime: Runtime, sim: AriSimulator, time: VirtualTime): Promise<void> {
  let stopped = false;
  void runtime.stop().finally(() => (stopped = true));
  await time.runUntil(() => stopped, time.clock.now() + 60_000);
  await sim.stop();
}

/** Steps started, and menu options chosen (digits collected by a menu step that match an option). */
function coverageOf(events: readonly ObservedEvent[], app: string): { reached: ReachedStep[]; chosen: ChosenOption[] } {
  const reached: ReachedStep[] = [];
  const chosen: ChosenOption[] = [];
  const stack: { flowId: string; stepId: string; type: string }[] = [];
  for (const e of events) {
    if (e.kind === 'stepStarted') {
      reached.push({ app, flowId: e.flowId, stepId: e.stepId });
      stack.push({ flowId: e.flowId, stepId: e.stepId, type: e.type });
    } else if (e.kind === 'stepFinished') {
      stack.pop();
    } else if (e.kind === 'digitsCollected' && e.status === 'ok') {
      const top = stack[stack.length - 1];
      if (top?.type === 'menu') chosen.push({ app, flowId: top.flowId, stepId: top.stepId, key: e.digits });
    }
  }
  return { reached, chosen };
}

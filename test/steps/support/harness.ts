import type { AppSettings, AppSnapshot, FlowIR } from '../../../src/ir/types';
import { FakeClock, flushAsync } from '../../../src/core/fake-clock';
import type { ChannelInfo } from '../../../src/control/call-control';
import { VoxtraCall } from '../../../src/session/call';
import { FlowRunner, type RunResult } from '../../../src/session/flow-runner';
import { recordEvents, type ObservedEvent } from '../../../src/session/observer';
import type { TtsService } from '../../../src/call/tts';
import type { StepServices } from '../../../src/steps/step-definition';
import { memoryLogger, type LogRecord } from '../../../src/core/logger';
import { FakeCallControl, type FakeCallControlOptions } from '../../helpers/fake-call-control';
import { normalizeSteps } from './normalize';

export function channelInfo(over: Partial<ChannelInfo> = {}): ChannelInfo {
  return {
    id: '1795358614.1',
    name: 'PJSIP/sipp-00000001',
    state: 'Ring',
    callerNumber: '5551000',
    callerName: 'SIPp caller',
    connectedNumber: '',
    extension: '1000',
    context: 'voxtra-in',
    priority: 2,
    language: 'en',
    protocolId: 'call-1@127.0.0.1',
    creationTime: '2026-11-22T14:43:34.770+0000',
    ...over,
  };
}

export function snapshotOf(flows: Record<string, readonly unknown[]>, settings: Partial<AppSettings> = {}): AppSnapshot {
  const ir: Record<string, FlowIR> = {};
  for (const [id, steps] of Object.entries(flows)) {
    ir[id] = { id, steps: normalizeSteps(steps, [id, 'steps'], id), synthetic: false, source: { file: 'test.yaml', path: ['flows', id] } };
  }
  return {
    app: 'voxtra',
    version: 'abc123def456',
    flows: ir,
    routes: [],
    dispatch: [],
    lazyFacts: [],
    settings: { queuesContext: 'voxtra-queues', calendars: {}, maxStepsPerCall: 500, maxCallDepth: 4, ...settings },
    files: ['test.yaml'],
  };
}

/** A TTS engine that "renders" text to a sound file named after it. */
export function fakeTts(): TtsService & { texts: string[] } {
  const texts: string[] = [];
  return {
    texts,
    render: async (text) => {
      texts.push(text);
      return `sound:tts/${texts.length}`;
    },
  };
}

export interface HarnessOptions extends Omit<FakeCallControlOptions, 'clock'> {
  readonly flows: Record<string, readonly unknown[]>;
  readonly settings?: Partial<AppSettings>;
  readonly metadata?: Record<string, unknown>;
  readonly services?: StepServices;
  /** The call's own TTS engine (services.tts is what steps use). */
  readonly callTts?: TtsService;
}

export interface Harness {
  readonly clock: FakeClock;
  readonly port: FakeCallControl;
  readonly call: VoxtraCall;
  readonly runner: FlowRunner;
  readonly events: ObservedEvent[];
  readonly logs: LogRecord[];
  readonly snapshot: AppSnapshot;
  /** Runs a flow and drives the fake clock until it settles. */
  run(flowId?: string): Promise<RunResult>;
}

/** A call on a fake port and clock, with a runner over the given flows. */
export function harness(opts: HarnessOptions): Harness {
  const clock = new FakeClock(0);
  const port = new FakeCallControl({ ...opts, clock });
  const snapshot = snapshotOf(opts.flows, opts.settings);
  const recorder = recordEvents();
  const log = memoryLogger();
  const call = new VoxtraCall({
    control: port,
    clock,
    app: 'voxtra',
    channel: channelInfo(),
    args: ['1000'],
    metadata: opts.metadata,
    route: 'support',
    snapshotVersion: snapshot.version,
    queuesContext: snapshot.settings.queuesContext,
    observer: recorder.observer,
    log,
    tts: opts.callTts,
  });
  const runner = new FlowRunner({ call, snapshot, clock, log, services: opts.services, observer: recorder.observer });
  return {
    clock,
    port,
    call,
    runner,
    events: recorder.events,
    logs: log.records,
    snapshot,
    run: (flowId = 'main') => drive(clock, runner.run(flowId)),
  };
}

/**
 * Lets `promise` settle by running queued work and firing fake timers one at
 * a time, in due order. Fails when nothing is left to fire and it still has
 * not settled (the code under test waits on something that never comes).
 */
export async function drive<T>(clock: FakeClock, promise: Promise<T>): Promise<T> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let i = 0; i < 100_000; i++) {
    await flushAsync(2);
    if (settled) return promise;
    if (!clock.fireNext()) {
      await flushAsync(2);
      if (settled) return promise;
      throw new Error(`stalled at t=${clock.now()}ms: nothing left to fire`);
    }
  }
  throw new Error('drive: too many timers');
}

/** The kinds of events, optionally only some, for compact assertions. */
export function eventKinds(events: readonly ObservedEvent[], only?: readonly ObservedEvent['kind'][]): string[] {
  return events.filter((e) => !only || only.includes(e.kind)).map((e) => e.kind);
}

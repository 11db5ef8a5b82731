import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { STEP_REGISTRY, stepLookup } from '../../src/steps/registry';
import { walkSteps } from '../../src/compiler/walk-steps';
import { systemClock } from '../../src/core/clock';
import { memoryLogger } from '../../src/core/logger';
import type { AppSnapshot } from '../../src/ir/types';
import { buildServices } from '../../src/runtime/services';
import type { SessionResult } from '../../src/session/call-session';
import type { SessionObserver } from '../../src/session/observer';
import type { PlaceCallOptions } from '../../src/simulator';
import { SimulatedSpeechEngine } from '../../src/tts/simulated-engine';
import { startTestRouter, type TestRouter } from '../e2e/helpers/router-server';
import { compileFolder, startHarness, waitFor, type Harness } from '../runtime/helpers/runtime-harness';

// "Hang the caller up at every step of every example flow": for each shipped
// project, every step of every flow is listed from the compiled snapshots;
// a set of calls (recipes) is run once to learn which steps each reaches;
// then, for every step, a call following a recipe that reaches it hangs up
// the moment that step starts. Afterwards nothing may be left behind: no
// unhandled rejection, no session, no channel control, no event listener,
// no pending timer.

const ROOT = path.resolve(__dirname, '../..');

/** How a call is driven: where it goes, and what the caller presses at each menu or DTMF prompt. */
interface Recipe {
  readonly name: string;
  readonly call: PlaceCallOptions;
  /** Digits pressed when each menu/listen step starts, in order (an empty string: press nothing). */
  readonly presses?: readonly string[];
}

interface StepRef {
  readonly app: string;
  readonly flow: string;
  readonly id: string;
  readonly type: string;
  /**
   * For a step run by its parent rather than by the interpreter (a menu's
   * prompt): the parent's id. Such a step is "running" once the parent has
   * started and its playback has begun.
   */
  readonly parent?: string;
}

interface Project {
  readonly name: string;
  readonly dir: string;
  readonly recipes: readonly Recipe[];
}

function allSteps(snapshots: readonly AppSnapshot[]): StepRef[] {
  const lookup = stepLookup(STEP_REGISTRY);
  const out: StepRef[] = [];
  for (const snap of snapshots) {
    for (const flow of Object.values(snap.flows)) {
      const parents = new Map<string, string>();
      walkSteps(flow.steps, lookup, ({ step }) => {
        for (const child of lookup.get(step.type)?.children?.(step.params) ?? []) parents.set(child.step.id, step.id);
        const parent = parents.get(step.id);
        out.push({ app: snap.app, flow: flow.id, id: step.id, type: step.type, ...(parent ? { parent } : {}) });
      });
    }
  }
  return out;
}

function histogram(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

const key = (app: string, flow: string, id: string): string => `${app}|${flow}|${id}`;

function copy(from: string, edit: (text: string) => string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'voxtra-faults-'));
  cpSync(from, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}.voxtra`) && !src.includes('node_modules') && !src.includes(`${path.sep}.git`) });
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.(ya?ml|toml|json)$/.test(entry.name)) writeFileSync(p, edit(readFileSync(p, 'utf8')));
    }
  };
  walk(dir);
  return dir;
}

describe('hanging the caller up at every step of every example flow', () => {
  let router: TestRouter;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => void unhandled.push(reason);

  beforeAll(async () => {
    // The shipped routes ask an HTTP router; this one sends two extensions to flows no static route reaches.
    router = await startTestRouter((req) => {
      if (req.extension === '7777') return { body: { action: 'flow', flow: 'department', extensions: { department: 'other', queue: 'general' } } };
      return { body: { action: 'not_handled' } };
    });
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await router.close();
  });

  function projects(): Project[] {
    const shipped = mkdtempSync(path.join(os.tmpdir(), 'voxtra-faults-root-'));
    cpSync(path.join(ROOT, 'flows'), path.join(shipped, 'flows'), { recursive: true });
    writeFileSync(path.join(shipped, 'voxtra.config.yaml'), readFileSync(path.join(ROOT, 'voxtra.config.yaml'), 'utf8').replace(/listen: [^ }]+/, 'listen: 127.0.0.1:0'));
    const root = copy(shipped, (t) => t.split('http://127.0.0.1:8099/decision').join(router.url));
    const menu = (name: string, presses: string[]): Recipe => ({ name, call: { extension: '5555', callerNumber: '+15551' }, presses });
    return [
      {
        name: 'flows/ (the shipped examples)',
        dir: root,
        recipes: [
          { name: 'support', call: { extension: '1000', callerNumber: '+15551' } },
          { name: 'vip', call: { extension: '5555', callerNumber: '+265888111111' } },
          { name: 'sales line', call: { extension: '2000', callerNumber: '+15551' } },
          { name: 'billing line', call: { extension: '2001', callerNumber: '+15551' } },
          { name: 'router flow', call: { extension: '7777', callerNumber: '+15551' } },
          { name: 'us number', call: { extension: '12025550123', callerNumber: '+15551' } },
          { name: 'partner trunk', call: { extension: '5555', callerNumber: '+15551', headers: { 'X-Voxtra-Partner': 'acme-1' } } },
          { name: 'ends in zero', call: { extension: '5555', callerNumber: '+15550' } },
          { name: 'blocked', call: { extension: '5555', callerNumber: '+9991234' } },
          { name: 'tenant DID', call: { extension: '+442071234567', callerNumber: '+15551' } },
          menu('menu 1', ['1']),
          menu('menu 2', ['2']),
          menu('menu 0', ['0']),
          menu('menu invalid then nothing', ['9', '', '']),
        ],
      },
      {
        name: 'examples/multi-tenant',
        dir: copy(path.join(ROOT, 'examples/multi-tenant'), (t) => t.replace(/listen: [^ }]+/, 'listen: 127.0.0.1:0')),
        recipes: [
          { name: 'acme 1', call: { app: 'acme', extension: '1000' }, presses: ['1'] },
          { name: 'acme 2', call: { app: 'acme', extension: '2000' }, presses: ['2'] },
          { name: 'acme nothing', call: { app: 'acme', extension: '3000' }, presses: ['', ''] },
          { name: 'globex', call: { app: 'globex', extension: '1000' } },
        ],
      },
    ];
  }

  for (const index of [0, 1]) {
    it(`leaves nothing behind in ${index === 0 ? 'flows/' : 'examples/multi-tenant'}`, async () => {
      const project = projects()[index];
      const { snapshots } = await compileFolder(project.dir);
      const steps = allSteps(snapshots);
      expect(steps.length).toBeGreaterThan(5);

      // Which steps each call starts, and a way to hang a call up when a chosen step starts.
      const started = new Map<string, Set<string>>();
      const hangAt = new Map<string, string>();
      // Child steps: hang up once the parent started and a playback began after that.
      const hangAtChild = new Map<string, string>();
      const isChild = new Set(steps.filter((st) => st.parent).map((st) => key(st.app, st.flow, st.id)));
      const childrenOf = new Map<string, string[]>();
      for (const st of steps.filter((x) => x.parent)) {
        const parentKey = key(st.app, st.flow, st.parent as string);
        childrenOf.set(parentKey, [...(childrenOf.get(parentKey) ?? []), key(st.app, st.flow, st.id)]);
      }
      const presses = new Map<string, string[]>();
      const appOf = new Map<string, string>();
      // Set once the harness is up; the observer runs only for its calls.
      const ref: { harness?: Harness } = {};
      const observer: SessionObserver = {
        stepStarted: (e) => {
          const k = key(appOf.get(e.callId) ?? '', e.flowId, e.stepId);
          started.get(e.callId)?.add(k);
          // A parent's prompts count as reached with it; a hangup "in" one comes at the parent's first playback.
          const children = childrenOf.get(k) ?? [];
          for (const c of children) started.get(e.callId)?.add(c);
          const child = children.find((c) => hangAtChild.get(e.callId) === c);
          if (hangAt.get(e.callId) === k) {
            hangAt.delete(e.callId);
            ref.harness?.sim.hangup(e.callId);
            return;
          }
          if (child && hangAtChild.get(e.callId) === child) {
            hangAtChild.delete(e.callId);
            const sim = ref.harness?.sim;
            const playing = (): number => sim?.transcript(e.callId).filter((t) => t.kind === 'playback-started').length ?? 0;
            const before = playing();
            const poll = setInterval(() => {
              if (playing() === before) return;
              clearInterval(poll);
              try {
                sim?.hangup(e.callId);
              } catch {
                // The call ended on its own first.
              }
            }, 1);
            return;
          }
          if (e.type === 'menu' || e.type === 'listen_dtmf') {
            const digits = presses.get(e.callId)?.shift();
            if (digits) ref.harness?.sim.sendDtmf(e.callId, digits);
          }
        },
      };
      const ends = new Map<string, SessionResult>();
      const tts = mkdtempSync(path.join(os.tmpdir(), 'voxtra-faults-tts-'));
      const services = await buildServices({ snapshots, baseDir: project.dir, simulator: true, clock: systemClock, logger: memoryLogger(), ttsEngine: new SimulatedSpeechEngine(), ttsDir: tts });
      ref.harness = await startHarness({
        snapshots,
        runtime: { observer, services, onCallEnded: ({ channelId, result }) => ends.set(channelId, result) },
      });
      const h = ref.harness;
      try {
        const run = async (recipe: Recipe, hangupAt?: string): Promise<{ id: string; reached: Set<string>; result: SessionResult }> => {
          const id = h.sim.placeCall(recipe.call);
          const app = recipe.call.app ?? snapshots[0].app;
          appOf.set(id, app);
          started.set(id, new Set());
          presses.set(id, [...(recipe.presses ?? [])]);
          if (hangupAt) (isChild.has(hangupAt) ? hangAtChild : hangAt).set(id, hangupAt);
          await waitFor(() => ends.has(id), 20_000);
          return { id, reached: started.get(id) as Set<string>, result: ends.get(id) as SessionResult };
        };

        // 1. Explore: which recipe reaches which step.
        const reachedBy = new Map<string, Recipe>();
        for (const recipe of project.recipes) {
          const { reached, result } = await run(recipe);
          expect([recipe.name, result.outcome]).not.toEqual([recipe.name, 'error']);
          for (const k of reached) if (!reachedBy.has(k)) reachedBy.set(k, recipe);
        }
        const unreached = steps.filter((s) => !reachedBy.has(key(s.app, s.flow, s.id))).map((s) => `${s.app}:${s.flow}:${s.id} (${s.type})`);
        expect(unreached).toEqual([]);

        // 2. For every step, a call that hangs up while it runs (a few at a time).
        const outcomes: Array<{ step: string; outcome: string }> = [];
        const queue = [...steps];
        const worker = async (): Promise<void> => {
          for (let s = queue.shift(); s; s = queue.shift()) {
            const k = key(s.app, s.flow, s.id);
            const { reached, result } = await run(reachedBy.get(k) as Recipe, k);
            expect(reached.has(k)).toBe(true);
            outcomes.push({ step: `${s.flow}:${s.id}:${s.type}`, outcome: result.outcome });
          }
        };
        await Promise.all([worker(), worker(), worker(), worker()]);
        expect(outcomes).toHaveLength(steps.length);
        // A hangup is never a failure of the flow.
        expect(outcomes.filter((o) => o.outcome === 'error')).toEqual([]);
        expect(outcomes.filter((o) => o.outcome === 'caller_hangup').length).toBeGreaterThan(steps.length / 2);
        process.stdout.write(`${project.name}: ${steps.length} steps, outcomes ${JSON.stringify(histogram(outcomes.map((o) => o.outcome)))}\n`);

        // 3. Nothing left behind.
        await waitFor(() => h.runtime.counts.liveControls === 0 && h.runtime.counts.demuxListeners === 0, 5000);
        expect(h.runtime.counts).toEqual({ sessions: 0, policyActions: 0, liveControls: 0, dialLegs: 0, demuxListeners: 0 });
        expect(h.clock.pending).toBe(0);
        expect(h.records.filter((r) => r.level === 'error')).toEqual([]);
        expect(unhandled).toEqual([]);
      } finally {
        await h.close();
      }
    }, 120_000);
  }
});

import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VoxtraApp } from '../../src/api/voxtra-app';
import { isVoxtraError, VoxtraError } from '../../src/core/errors';
import { silentLogger } from '../../src/core/logger';
import type { VoxtraCall } from '../../src/session/call';
import { SimulatedSpeechEngine } from '../../src/tts/simulated-engine';
import { tempProject } from '../config/temp-project';
import { lines, startOnSimulator, type SimRun } from './helpers/sim-driver';

const ROOT = path.resolve(__dirname, '../..');
const EPOCH = Date.UTC(2026, 10, 23, 10, 0, 0);
const seed = () => VoxtraApp.fromConfig(path.join(ROOT, 'voxtra.config.yaml'), { env: {} });
const hangupOnly = async (call: VoxtraCall) => {
  await call.answer();
  await call.hangup();
};

function thrown(fn: () => unknown): VoxtraError {
  try {
    fn();
  } catch (err) {
    return err as VoxtraError;
  }
  throw new Error('expected a throw');
}

describe('VoxtraApp routing API', () => {
  it('route() returns the handler, so registrations stack; router.routes shows code routes', () => {
    const app = new VoxtraApp();
    const handler = async (call: VoxtraCall) => call.hangup();
    const returned = app.route({ extension: '2000', name: 'sales', metadata: { department: 'sales' } })(app.route({ extension: '2001', metadata: { department: 'billing' } })(handler));
    expect(returned).toBe(handler);
    expect(app.router.routes).toEqual([
      expect.objectContaining({ name: 'code-route#1', origin: 'code', extension: '2001', metadata: { department: 'billing' }, handler, priority: 0 }),
      expect.objectContaining({ name: 'sales', origin: 'code', extension: '2000', metadata: { department: 'sales' }, handler }),
    ]);
  });

  it('default() and defaultRoute() set router.defaultHandler; a second default is an error', () => {
    const a = new VoxtraApp();
    expect(a.router.defaultHandler).toBeUndefined();
    expect(a.default()(hangupOnly)).toBe(hangupOnly);
    expect(a.router.defaultHandler).toBe(hangupOnly);
    const b = new VoxtraApp();
    b.defaultRoute()(hangupOnly);
    expect(b.router.defaultHandler).toBe(hangupOnly);
    expect(thrown(() => b.default()(hangupOnly)).message).toBe('the default route is defined twice in code');
  });

  it('shows the flow files routes and code routes in one resolution order', async () => {
    const app = await seed();
    app.route({ name: 'urgent', extension: '1000', priority: 20 })(hangupOnly);
    app.route({ name: 'late', extension: '7000' })(hangupOnly);
    const routes = app.router.routes.map((r) => [r.name, r.origin, r.flow ?? r.reject ?? (r.handler ? 'handler' : '')]);
    expect(routes[0]).toEqual(['urgent', 'code', 'handler']);
    expect(routes[1]).toEqual(['us-numbers', 'file', 'sales']);
    expect(routes).toContainEqual(['blocked', 'file', 'busy']);
    expect(routes.slice(-2)).toEqual([
      ['globex-did', 'file', 'tenant-welcome'],
      ['late', 'code', 'handler'],
    ]);
  });

  it('refuses a code default beside the files default, a route name used twice, and matchers that do not compile', async () => {
    const app = await seed();
    const both = thrown(() => app.default()(hangupOnly));
    expect(isVoxtraError(both, 'CONFIG_INVALID')).toBe(true);
    expect(both.message).toBe('app voxtra has a default in its flow files and one in code; keep one');
    expect(thrown(() => app.route({ name: 'support', extension: '1001' })(hangupOnly)).message).toBe('two routes are named "support" (the other is in flows/routes.yaml)');
    expect(thrown(() => app.route({ number: { regex: '(' } })(hangupOnly)).message).toMatch(/^route number: regex \/\(\/ does not compile/);
    expect(thrown(() => app.route({ extension: { pattern: '_1[' } })(hangupOnly)).message).toMatch(/^route extension: pattern _1\[ does not compile/);
    expect(thrown(() => app.route({ extension: '1' })('nope' as never)).message).toBe('app.route(...) takes a handler function');
  });

  it('fromConfig rejects flows that do not validate, with the diagnostics', async () => {
    const dir = tempProject({ 'voxtra.config.yaml': 'flows: flows/\n', 'flows/a.yaml': 'default: nowhere\n' });
    const err = (await VoxtraApp.fromConfig(dir, { env: {} }).catch((e: unknown) => e)) as VoxtraError;
    expect(isVoxtraError(err, 'CONFIG_INVALID')).toBe(true);
    expect(err.message).toMatch(/does not validate:\nflows\/a.yaml:1:10 +error +UNKNOWN_FLOW +The default names flow "nowhere"/);
    expect(err.details.diagnostics).toEqual([expect.objectContaining({ code: 'UNKNOWN_FLOW' })]);
  });

  it('a code-only app validates its options like the config file', () => {
    const err = thrown(() => new VoxtraApp({ calendars: { office: { timezone: 'Mars/Olympus_Mons' } } }));
    expect(isVoxtraError(err, 'CONFIG_INVALID')).toBe(true);
    expect(err.message).toMatch(/"Mars\/Olympus_Mons" is not an IANA time zone/);
    expect(new VoxtraApp({ app: 'tenant-a', queues: { context: 'q' } }).snapshot()).toMatchObject({ app: 'tenant-a', routes: [], settings: { queuesContext: 'q' } });
  });
});

describe('VoxtraApp.start({ simulator }) over loopback HTTP and WebSocket', () => {
  it('serves the simulator on 127.0.0.1, connects through ari-client and runs a handler at the time scale', async () => {
    const app = new VoxtraApp();
    app.route({ extension: '1000', metadata: { queue: 'support' } })(async (call) => {
      await call.answer();
      await call.say('Connecting you to support.');
      await call.transferToQueue(String(call.metadata.queue));
    });
    const sim = await app.start({
      simulator: { timeScale: 0.02 },
      logger: silentLogger,
      ttsEngine: new SimulatedSpeechEngine(),
      ttsDir: mkdtempSync(path.join(os.tmpdir(), 'voxtra-api-http-')),
    });
    try {
      expect(sim?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const id = sim?.placeCall({ extension: '1000', callerNumber: '+15550123' }) as string;
      const text = lines((await sim?.waitForEnd(id, { timeoutMs: 60_000 })) ?? []).map((l) => l.trim().replace(/^\S+\s+/, ''));
      expect(text.slice(0, 6)).toEqual([
        'call to 1000 from <+15550123> for app voxtra',
        'entered Stasis app voxtra (args 1000)',
        'answered',
        'said "Connecting you to support."',
        'variable VOXTRA_QUEUE = "support"',
        'continued to voxtra-queues,support,1',
      ]);
    } finally {
      await app.stop({ graceMs: 1000 });
    }
    expect(sim?.running).toBe(false);
  });
});

describe('VoxtraApp on the simulator', () => {
  let run: SimRun | undefined;
  afterEach(async () => {
    await run?.stop();
    run = undefined;
  });
  const start = async (app: VoxtraApp) => (run = await startOnSimulator(app, { epochMs: EPOCH, ttsEngine: new SimulatedSpeechEngine() }));
  const ended = (r: SimRun) => r.logs.filter((l) => l.msg?.startsWith('call ended')).map((l) => ({ route: l.route, outcome: l.outcome, ...(l.error ? { error: l.error } : {}) }));

  it('file routes win definition-order ties; a code route with a higher priority wins; routes added after start apply to new calls', async () => {
    const app = await seed();
    app.route({ name: 'shadowed', extension: '1000' })(hangupOnly);
    const r = await start(app);
    await r.call({ extension: '1000' });
    app.route({ name: 'urgent', extension: '1000', priority: 20 })(hangupOnly);
    await r.call({ extension: '1000' });
    expect(ended(r).map((e) => e.route)).toEqual(['support', 'urgent']);
  });

  it('code dispatch rules come after the files rules and before the default', async () => {
    const app = await seed();
    const seen: string[] = [];
    app.router.dispatchRules.push({
      name: 'everything',
      metadata: { queue: 'overflow' },
      matches: (facts) => {
        seen.push(facts.number);
        return true;
      },
      handler: async (call) => {
        await call.answer();
        await call.transferToQueue(String(call.metadata.queue));
      },
    });
    const r = await start(app);
    await r.call({ extension: '4321', callerNumber: '+15550100' }); // the files' ends-in-zero rule
    const entries = await r.call({ extension: '4321', callerNumber: '+15550123' });
    expect(seen).toEqual(['+15550123']);
    expect(lines(entries)).toContainEqual(expect.stringMatching(/transferred to queue overflow$/));
    expect(ended(r)).toEqual([
      { route: 'ends-in-zero', outcome: 'transferred' },
      { route: 'everything', outcome: 'transferred' },
    ]);
  });

  it('a handler that returns leaves the call hung up, as a flow that runs out of steps', async () => {
    const app = new VoxtraApp();
    app.route({ extension: '1' })(async (call) => {
      await call.answer();
    });
    const r = await start(app);
    const entries = await r.call({ extension: '1' });
    expect(lines(entries).slice(-2).map((l) => l.trim().replace(/^\S+\s+/, ''))).toEqual(['hung up by app (cause 16)', 'left Stasis app voxtra']);
    expect(ended(r)).toEqual([{ route: 'code-route#1', outcome: 'completed' }]);
  });

  it('a handler error is classified like a flow error: logged with its code, the call hung up with a failure cause', async () => {
    const app = new VoxtraApp();
    app.route({ extension: '1' })(async function broken(call) {
      await call.answer();
      throw new VoxtraError('STEP_FAILED', 'the CRM is down');
    });
    const r = await start(app);
    const entries = await r.call({ extension: '1' });
    expect(lines(entries)).toContainEqual(expect.stringMatching(/hung up by app \(cause 38\)$/));
    expect(ended(r)).toEqual([{ route: 'code-route#1', outcome: 'error', error: { code: 'STEP_FAILED', message: 'the CRM is down' } }]);
    expect(r.logs).toContainEqual(expect.objectContaining({ level: 'error', msg: 'call failed: the CRM is down', handler: 'broken', code: 'STEP_FAILED' }));
  });

  it('how the handler ended the call is its outcome, even if it then uses the call; a caller hangup is no error', async () => {
    const app = new VoxtraApp();
    app.route({ extension: '1' })(async (call) => {
      await call.answer();
      await call.transferToQueue('sales');
      await call.say('This is never heard.');
    });
    app.route({ extension: '2' })(async (call) => {
      await call.answer();
      await call.say('A long message the caller will not wait for, because they hang up part way through it.');
    });
    const r = await start(app);
    await r.call({ extension: '1' });
    await r.call({ extension: '2', script: [{ afterMs: 1000, hangup: true }] });
    expect(ended(r).map((e) => e.outcome)).toEqual(['transferred', 'caller_hangup']);
  });
});

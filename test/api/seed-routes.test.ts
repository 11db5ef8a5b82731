import path from 'node:path';
import { VoxtraApp } from '../../src/api/voxtra-app';
import type { VoxtraCall } from '../../src/session/call';
import type { PlaceCallOptions } from '../../src/simulator';
import { SimulatedSpeechEngine } from '../../src/tts/simulated-engine';
import { lines, startOnSimulator, type SimRun } from './helpers/sim-driver';

const ROOT = path.resolve(__dirname, '../..');
const EPOCH = Date.UTC(2026, 10, 23, 10, 0, 0);

/** The seed's routing examples (flows/routes.yaml, menu.yaml, support.toml) written as TypeScript handlers. */
function seedInTypeScript(): VoxtraApp {
  const app = new VoxtraApp();

  app.route({ name: 'support', extension: '1000', metadata: { queue: 'support', priority: 'high' } })(async (call) => {
    await call.answer();
    await call.playFile('sound:hello-world');
    await call.transferToQueue(String(call.metadata.queue));
  });

  app.route({ name: 'vip', number: '+265888111111', metadata: { tier: 'vip' } })(async (call) => {
    await call.answer();
    await call.say('Welcome back.');
    await call.transferToQueue('vip');
  });

  // One handler on two extensions, branching on the route's metadata; the registrations stack.
  app.route({ name: 'sales-line', extension: '2000', metadata: { department: 'sales', queue: 'sales' } })(
    app.route({ name: 'billing-line', extension: '2001', metadata: { department: 'billing', queue: 'billing' } })(async function department(call) {
      await call.answer();
      if (call.metadata.department === 'sales') await call.say('Welcome to sales.');
      else if (call.metadata.department === 'billing') await call.say('Welcome to billing. Have your invoice number ready.');
      else await call.say('Welcome.');
      await call.transferToQueue(String(call.metadata.queue));
    }),
  );

  const sales = async (call: VoxtraCall): Promise<void> => {
    await call.answer();
    await call.say('Connecting you to sales.');
    await call.transferToQueue(String(call.metadata.queue ?? 'sales'));
  };
  app.router.dispatchRules.push({ name: 'ends-in-zero', metadata: { queue: 'sales' }, matches: ({ number }) => number.endsWith('0'), handler: sales });

  app.default()(async function menu(call) {
    await call.answer();
    await call.menu({
      prompt: { say: { text: 'Press 1 for sales, 2 for support, 0 for an agent.' } },
      timeoutMs: 5000,
      attempts: 3,
      options: {
        '1': () => call.transferToQueue('sales'),
        '2': () => call.transferToQueue(String(call.metadata.queue ?? 'support')),
        '0': () => call.transferToQueue('agents'),
      },
      onInvalid: () => call.say('Invalid choice, please try again.'),
      onExhausted: async () => {
        await call.playFile('sound:vm-nobodyavail');
        await call.hangup();
      },
    });
  });
  return app;
}

const CALLS: Array<[string, PlaceCallOptions]> = [
  ['support with metadata on extension 1000', { extension: '1000', callerNumber: '+15550123' }],
  ['the VIP number, whatever it dials', { extension: '4321', callerNumber: '+265888111111' }],
  ['extension 2000 (sales) of the shared handler', { extension: '2000', callerNumber: '+15550123' }],
  ['extension 2001 (billing) of the shared handler', { extension: '2001', callerNumber: '+15550123' }],
  ['the number-ending-in-0 rule', { extension: '4321', callerNumber: '+15550100' }],
  ['the IVR menu as default: 2 for support', { extension: '5555', callerNumber: '+15550123', script: [{ afterMs: 2000, dtmf: '2' }] }],
  ['the IVR menu: an invalid choice, then 1 for sales', { extension: '5555', callerNumber: '+15550123', script: [{ afterMs: 2000, dtmf: '9' }, { afterMs: 6000, dtmf: '1' }] }],
  ['the IVR menu: no input three times, then goodbye', { extension: '5555', callerNumber: '+15550123' }],
];

describe('the seed routing examples as TypeScript handlers', () => {
  let yaml: SimRun;
  let ts: SimRun;

  beforeAll(async () => {
    yaml = await startOnSimulator(await VoxtraApp.fromConfig(path.join(ROOT, 'voxtra.config.yaml'), { env: {} }), { epochMs: EPOCH, ttsEngine: new SimulatedSpeechEngine() });
    ts = await startOnSimulator(seedInTypeScript(), { epochMs: EPOCH, ttsEngine: new SimulatedSpeechEngine() });
  });
  afterAll(async () => {
    await yaml?.stop();
    await ts?.stop();
  });

  it.each(CALLS)('%s: the same transcript as the YAML twin', async (_name, placed) => {
    const fromYaml = lines(await yaml.call(placed));
    const fromTs = lines(await ts.call(placed));
    expect(fromTs).toEqual(fromYaml);
    // Something happened beyond entering the app, and what was said is shown as text.
    expect(fromYaml.length).toBeGreaterThan(4);
  });

  it('routes each call to the same place in both, the YAML one by flow and the TypeScript one by handler', () => {
    const ended = (run: SimRun) => run.logs.filter((r) => r.msg?.startsWith('call ended')).map((r) => [r.route, r.outcome]);
    expect(ended(ts)).toEqual(ended(yaml));
    expect(ended(ts)).toEqual([
      ['support', 'transferred'],
      ['vip', 'transferred'],
      ['sales-line', 'transferred'],
      ['billing-line', 'transferred'],
      ['ends-in-zero', 'transferred'],
      ['default', 'transferred'],
      ['default', 'transferred'],
      ['default', 'hung_up'],
    ]);
  });
});

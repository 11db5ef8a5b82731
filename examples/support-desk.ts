/**
 * A small support desk in TypeScript: business hours, a menu, a VIP line and
 * a rule in code, on the same router and `call` object as the YAML flows.
 *
 * In your project, import from the package: `import { VoxtraApp } from 'voxtra';`
 * Here it is type-checked with the project (`npx tsc --noEmit`). To try it
 * on the built-in simulator (no Asterisk needed):
 *   npx tsc examples/support-desk.ts src/ari/ari-client.d.ts --outDir .voxtra/example --strict \
 *     --target es2022 --module commonjs --esModuleInterop --skipLibCheck --resolveJsonModule
 *   node .voxtra/example/examples/support-desk.js --simulator
 */
import { formatTranscript, silentLogger, VoxtraApp, type VoxtraCall } from '../src';

const app = new VoxtraApp({
  app: 'voxtra',
  queues: { context: 'voxtra-queues' },
  calendars: {
    'support-hours': { timezone: 'Europe/London', hours: { 'mon-fri': '09:00-17:30' }, holidays: ['--12-25', '--01-01'] },
  },
  tts: { dir: '.voxtra/tts' },
});

/** Opening hours decide between the queue and a message, with the same calendar a YAML `if` would test. */
async function support(call: VoxtraCall): Promise<void> {
  await call.answer();
  if (app.calendarState('support-hours') !== 'open') {
    await call.say('Support is closed. Please call again between nine and half past five, Monday to Friday.');
    await call.hangup();
    return;
  }
  await call.say('Connecting you to support.');
  await call.transferToQueue(String(call.metadata.queue ?? 'support'));
}

// One handler, two extensions: the route's metadata tells them apart.
app.route({ name: 'support', extension: '1000', metadata: { queue: 'support' } })(app.route({ name: 'priority-support', extension: '1001', metadata: { queue: 'support-priority' } })(support));

app.route({ name: 'vip', number: '+265888111111', metadata: { tier: 'vip' } })(async (call) => {
  await call.answer();
  await call.say('Welcome back.');
  await call.transferToQueue('vip');
});

// Dispatch rules are plain objects; they are asked after the static routes.
app.router.dispatchRules.push({
  name: 'ends-in-zero',
  metadata: { queue: 'sales' },
  matches: ({ number }) => number.endsWith('0'),
  handler: async (call) => {
    await call.answer();
    await call.say('Connecting you to sales.');
    await call.transferToQueue('sales');
  },
});

app.default()(async (call) => {
  await call.answer();
  await call.menu({
    prompt: { say: { text: 'Press 1 for sales, 2 for support, 0 for an agent.' } },
    options: {
      '1': () => call.transferToQueue('sales'),
      '2': () => support(call),
      '0': () => call.transferToQueue('agents'),
    },
    onInvalid: () => call.say('Invalid choice, please try again.'),
    onExhausted: async () => {
      await call.playFile('sound:vm-nobodyavail');
      await call.hangup();
    },
  });
});

async function main(): Promise<void> {
  if (!process.argv.includes('--simulator')) {
    await app.start(); // connects to ARI_URL with ARI_USERNAME / ARI_PASSWORD
    process.once('SIGTERM', () => void app.stop());
    return;
  }
  // 20x faster than real time; without espeak-ng, speech is timed silence.
  const sim = await app.start({ simulator: { timeScale: 0.05 }, logger: silentLogger });
  if (!sim) return;
  for (const r of app.router.routes) console.log(`route ${r.name}: extension ${r.extension ?? '*'} number ${r.number ?? '*'}`);
  const id = sim.placeCall({ extension: '5555', callerNumber: '+15550123', script: [{ afterMs: 2000, dtmf: '1' }] });
  console.log(formatTranscript(await sim.waitForEnd(id)).join('\n'));
  await app.stop({ graceMs: 1000 });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

import { VoxtraApp } from '../../src/api/voxtra-app';
import { SimulatedSpeechEngine } from '../../src/tts/simulated-engine';
import { tempProject } from '../config/temp-project';
import { startOnSimulator } from './helpers/sim-driver';

// Europe/London springs forward on Sunday 29 March 2026 at 01:00 UTC (GMT → BST).
const CONFIG = [
  'app: voxtra',
  'flows: flows/',
  'calendars:',
  '  support-hours:',
  '    timezone: Europe/London',
  '    hours: { daily: "09:00-17:00" }',
  '',
].join('\n');

const FLOWS = [
  'routes:',
  '  - name: open-line',
  '    extension: "100"',
  '    match: { calendar: { name: support-hours, is: open } }',
  '    flow: open',
  '  - name: closed-line',
  '    extension: "100"',
  '    flow: closed',
  'default: greeting',
  'flows:',
  '  open:',
  '    steps: [answer, { say: "Connecting you to support." }, { transfer_to_queue: support }]',
  '  closed:',
  '    steps: [answer, { say: "Support is closed." }, hangup]',
  '  greeting:',
  '    steps:',
  '      - answer',
  '      - if:',
  '          when: { calendar: support-hours }',
  '          then: [{ say: "We are open." }]',
  '          else: [{ say: "We are closed." }]',
  '      - hangup',
  '',
].join('\n');

const INSTANTS: Array<[string, 'open' | 'closed', number]> = [
  // 08:30 UTC is 08:30 GMT on Saturday, before opening, and 09:30 BST on Sunday, after it.
  ['Saturday 08:30 UTC (08:30 GMT)', 'closed', Date.UTC(2026, 2, 28, 8, 30)],
  ['Sunday 08:30 UTC (09:30 BST)', 'open', Date.UTC(2026, 2, 29, 8, 30)],
  // 16:30 UTC is 16:30 GMT on Saturday, still open, and 17:30 BST on Sunday, after closing.
  ['Saturday 16:30 UTC (16:30 GMT)', 'open', Date.UTC(2026, 2, 28, 16, 30)],
  ['Sunday 16:30 UTC (17:30 BST)', 'closed', Date.UTC(2026, 2, 29, 16, 30)],
];

describe('a calendar across the daylight-saving change, end to end on the simulator', () => {
  const dir = tempProject({ 'voxtra.config.yaml': CONFIG, 'flows/main.yaml': FLOWS });

  it.each(INSTANTS)('%s: route match and if agree the calendar is %s', async (_name, state, at) => {
    const app = await VoxtraApp.fromConfig(dir, { env: {} });
    const run = await startOnSimulator(app, { epochMs: at, ttsEngine: new SimulatedSpeechEngine() });
    try {
      expect(app.calendarState('support-hours')).toBe(state);
      const routed = await run.call({ extension: '100', callerNumber: '+441632960001' });
      const said = (entries: typeof routed) => entries.flatMap((e) => (e.kind === 'playback-finished' && e.said ? [e.said] : []));
      expect(said(routed)).toEqual([state === 'open' ? 'Connecting you to support.' : 'Support is closed.']);
      const greeted = await run.call({ extension: '555', callerNumber: '+441632960001' });
      expect(said(greeted)).toEqual([state === 'open' ? 'We are open.' : 'We are closed.']);
      const routes = run.logs.filter((r) => r.msg?.startsWith('call ended')).map((r) => r.route);
      expect(routes).toEqual([state === 'open' ? 'open-line' : 'closed-line', 'default']);
    } finally {
      await run.stop();
    }
  });
});

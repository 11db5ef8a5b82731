/**
 * The shipped routes (flows/routes.yaml, support.toml, tenants.json) through
 * the real CLI: static routes, the dispatch rule, a SIP header route and a
 * reject route, several placed with the real `voxtra call` command.
 */
import { startTestRouter, type TestRouter } from './helpers/router-server';
import { summarize } from './helpers/transcript';
import { copyShippedProject, VoxtraRun } from './helpers/voxtra-process';
import type { TranscriptEntry } from '../../src/simulator';

/** A caller no number route or rule claims. */
const CALLER = '+15551234';

/** `voxtra call` output without the timing column. */
function printedLines(stdout: string): string[] {
  return stdout
    .trimEnd()
    .split('\n')
    .map((l) => l.replace(/^\s*\d+\.\d\ds\s{2}/, ''));
}

describe('voxtra run: the shipped routes', () => {
  let vx: VoxtraRun;
  let router: TestRouter;

  beforeAll(async () => {
    // The route engine the dispatch rule asks: it handles nothing here.
    router = await startTestRouter(() => ({ body: { action: 'not_handled' } }));
    vx = await VoxtraRun.start(copyShippedProject({ routerUrl: router.url }));
  });

  afterAll(async () => {
    await vx?.dispose();
    await router?.close();
  });

  it('extension 1000 reaches queue support with the route metadata as channel variables (voxtra call)', async () => {
    const res = await vx.call(['1000', '--from', CALLER]);
    expect(res.code).toBe(0);
    const lines = printedLines(res.stdout);
    expect(lines[0]).toMatch(new RegExp(`^call \\S+ to 1000 from \\${CALLER}$`));
    expect(lines.slice(1)).toEqual([
      `call to 1000 from <${CALLER}> for app voxtra`,
      'entered Stasis app voxtra (args 1000)',
      'answered',
      'heard sound:hello-world',
      'variable VOXTRA_QUEUE = "support"',
      'variable VOXTRA_PRIORITY = "high"',
      'continued to voxtra-queues,support,1',
      'left Stasis app voxtra',
      'transferred to queue support',
      expect.stringMatching(/^queue support answered by Local\/support-agent@voxtra-agents-\d+;2$/),
      expect.stringMatching(/^joined bridge /),
      expect.stringMatching(/^bridged with /),
      expect.stringMatching(/^left bridge /),
      'hung up by agent (cause 16)',
    ]);
    const channelId = lines[0].split(' ')[1];
    expect(await vx.callEnded(channelId)).toMatchObject({ route: 'support', flow: 'support', outcome: 'transferred', extension: '1000', caller: CALLER });
  });

  it('the VIP number runs the inline steps, whatever it dials (voxtra call)', async () => {
    const res = await vx.call(['4321', '--from', '+265888111111']);
    expect(res.code).toBe(0);
    const lines = printedLines(res.stdout);
    expect(lines).toEqual(
      expect.arrayContaining(['answered', 'said "Welcome back."', 'variable VOXTRA_QUEUE = "vip"', 'variable VOXTRA_TIER = "vip"', 'transferred to queue vip']),
    );
    expect(lines.indexOf('answered')).toBeLessThan(lines.indexOf('transferred to queue vip'));
    expect(await vx.callEnded(lines[0].split(' ')[1])).toMatchObject({ route: 'vip', outcome: 'transferred' });
  });

  it('the dispatch rule takes numbers ending in 0 to sales with its metadata', async () => {
    const id = await vx.placeCall({ extension: '4321', callerNumber: '+15550100' });
    const entries = await vx.waitForEnd(id);
    expect(summarize(entries)).toEqual([
      'call 4321 from +15550100',
      'stasis-start',
      'answered',
      'heard say#1',
      'set VOXTRA_QUEUE=sales',
      'continue voxtra-queues,sales,1',
      'stasis-end',
      'queue sales',
      'queue sales answered',
      'hangup by agent cause 16',
    ]);
    expect(await vx.callEnded(id)).toMatchObject({ route: 'ends-in-zero', flow: 'sales', outcome: 'transferred' });
    expect(router.requests.map((r) => r.call_id)).not.toContain(id);
  });

  it('a SIP header routes the partner trunk (voxtra call --header)', async () => {
    const res = await vx.call(['4321', '--from', CALLER, '--header', 'X-Voxtra-Partner=acme-east', '--json']);
    expect(res.code).toBe(0);
    const body = JSON.parse(res.stdout) as { channelId: string; entries: TranscriptEntry[] };
    expect(summarize(body.entries)).toEqual(expect.arrayContaining(['answered', 'heard say#1', 'set VOXTRA_QUEUE=partners', 'queue partners']));
    expect(await vx.callEnded(body.channelId)).toMatchObject({ route: 'partner-trunk', flow: 'sales', outcome: 'transferred' });
  });

  it('a header that does not match falls through the rules (the route engine is asked) to the default menu', async () => {
    const id = await vx.placeCall({ extension: '4321', callerNumber: CALLER, headers: { 'X-Voxtra-Partner': 'globex' } });
    await vx.waitForTranscript(id, (e) => e.some((x) => x.kind === 'playback-started'), 'the menu prompt');
    await vx.hangup(id);
    expect(await vx.callEnded(id)).toMatchObject({ route: 'default', flow: 'menu', outcome: 'caller_hangup' });
    expect(router.requests.map((r) => r.call_id)).toContain(id);
  });

  it('the reject route hangs up busy without answering (voxtra call)', async () => {
    const res = await vx.call(['4321', '--from', '+9995551234']);
    expect(res.code).toBe(0);
    const lines = printedLines(res.stdout);
    expect(lines.slice(1)).toEqual(['call to 4321 from <+9995551234> for app voxtra', 'entered Stasis app voxtra (args 4321)', 'hung up by app (cause 17)', 'left Stasis app voxtra']);
    expect(await vx.callEnded(lines[0].split(' ')[1])).toMatchObject({ route: 'blocked', outcome: 'rejected' });
  });

  it('a call into an app no runtime holds prints the transcript, says why, and exits 1 (voxtra call --app)', async () => {
    const res = await vx.call(['1000', '--app', 'nobody']);
    expect(res.code).toBe(1);
    expect(printedLines(res.stdout).slice(1)).toEqual(['call to 1000 from <+15550101> for app nobody', 'app nobody is not connected: Stasis failed', 'hung up by dialplan (cause 16)']);
    expect(res.stderr).toContain('no runtime holds app "nobody"');
  });

  it('a higher-priority route wins over an earlier one (US number from the VIP caller)', async () => {
    const id = await vx.placeCall({ extension: '12125551234', callerNumber: '+265888111111' });
    const entries = await vx.waitForEnd(id);
    expect(summarize(entries)).toEqual(expect.arrayContaining(['set VOXTRA_QUEUE=us-sales', 'queue us-sales']));
    expect(await vx.callEnded(id)).toMatchObject({ route: 'us-numbers', flow: 'sales' });
  });

  it('one flow serves two extensions, branching on the route metadata', async () => {
    const [sales, billing] = await Promise.all([vx.placeCall({ extension: '2000', callerNumber: CALLER }), vx.placeCall({ extension: '2001', callerNumber: CALLER })]);
    const [s, b] = await Promise.all([vx.waitForEnd(sales), vx.waitForEnd(billing)]);
    const heard = (entries: TranscriptEntry[]): string[] => entries.flatMap((e) => (e.kind === 'playback-finished' ? [e.media] : []));
    expect(summarize(s)).toEqual(expect.arrayContaining(['set VOXTRA_DEPARTMENT=sales', 'queue sales']));
    expect(summarize(b)).toEqual(expect.arrayContaining(['set VOXTRA_DEPARTMENT=billing', 'queue billing']));
    // Different greetings (different text-to-speech files).
    expect(heard(s)).toHaveLength(1);
    expect(heard(b)).toHaveLength(1);
    expect(heard(s)[0]).not.toBe(heard(b)[0]);
  });

  it('a tenant DID from the JSON file gets its tenant metadata', async () => {
    const id = await vx.placeCall({ extension: '+442071234568', callerNumber: CALLER });
    const entries = await vx.waitForEnd(id);
    expect(summarize(entries)).toEqual(expect.arrayContaining(['set VOXTRA_QUEUE=globex-support', 'set VOXTRA_TENANT=globex', 'set VOXTRA_TENANT_NAME=Globex', 'queue globex-support']));
    expect(await vx.callEnded(id)).toMatchObject({ route: 'globex-did', flow: 'tenant-welcome' });
  });

  it('stops on SIGTERM with exit status 0 and nothing on stderr', async () => {
    const res = await vx.stop('SIGTERM');
    expect(res).toMatchObject({ code: 0, signal: null });
    expect(res.stderr).toBe('');
    expect(vx.logs().filter((l) => l.level === 'error' || l.level === 'fatal')).toEqual([]);
  });
});

/**
 * The shipped dispatch rule that asks an HTTP router (flows/routes.yaml,
 * `route-engine`), pointed at a test router on 127.0.0.1: each of its
 * answers, and its timeout, through the real CLI.
 */
import { startTestRouter, type RouterReply, type TestRouter } from './helpers/router-server';
import { summarize } from './helpers/transcript';
import { copyShippedProject, VoxtraRun } from './helpers/voxtra-process';

const CALLER = '+15551234';

/** The test router's answer per dialled extension. */
const REPLIES: Record<string, RouterReply> = {
  '7001': { body: { action: 'forward', targets: ['PJSIP/1001'], strategy: 'sequential', timeout: 20, headers: { 'X-Routed-By': 'e2e' } } },
  '7002': { body: { action: 'reject', status: 486, reason: 'busy says the route engine' } },
  '7003': { body: { action: 'not_handled' } },
  '7004': { body: { action: 'flow', flow: 'support', extensions: { queue: 'router-q', priority: 'low' } } },
  // Three times the rule's 500ms timeout.
  '7005': { body: { action: 'reject', status: 403 }, delayMs: 1500 },
};

describe('voxtra run: the HTTP router dispatch rule', () => {
  let vx: VoxtraRun;
  let router: TestRouter;

  beforeAll(async () => {
    router = await startTestRouter((req) => REPLIES[req.extension] ?? { body: { action: 'not_handled' } });
    vx = await VoxtraRun.start(copyShippedProject({ routerUrl: router.url }));
  });

  afterAll(async () => {
    await vx?.dispose();
    await router?.close();
  });

  /** Waits for the default menu's prompt, then hangs up: proof the call fell through to `default`. */
  async function expectDefaultMenu(id: string): Promise<void> {
    await vx.waitForTranscript(id, (e) => e.some((x) => x.kind === 'playback-started'), 'the default menu prompt');
    await vx.hangup(id);
    expect(await vx.callEnded(id)).toMatchObject({ route: 'default', flow: 'menu', outcome: 'caller_hangup' });
  }

  it('posts the call facts to the router', async () => {
    const id = await vx.placeCall({ extension: '7003', callerNumber: CALLER, callerName: 'Alice' });
    await expectDefaultMenu(id);
    expect(router.requests.find((r) => r.call_id === id)).toMatchObject({ call_id: id, from: CALLER, to: '7003', extension: '7003', number: CALLER, caller_name: 'Alice', app: 'voxtra', args: ['7003'] });
  });

  it('forward: dials the answer\'s target with its headers and connects the caller to it', async () => {
    await vx.setEndpoint('PJSIP/1001', { kind: 'answer', ringMs: 1000, hangupAfterMs: 2000 });
    const id = await vx.placeCall({ extension: '7001', callerNumber: CALLER });
    const entries = await vx.waitForEnd(id);
    const originated = entries.find((e) => e.kind === 'originated');
    expect(originated).toMatchObject({ endpoint: 'PJSIP/1001', headers: { 'X-Routed-By': 'e2e' } });
    expect(summarize(entries)).toEqual(expect.arrayContaining(['originate PJSIP/1001', 'dial PJSIP/1001 ANSWER']));
    expect(entries.some((e) => e.kind === 'answered')).toBe(true);
    // The far end hangs up after its 2 s; the runtime then ends the caller's side.
    expect(entries.filter((e) => e.kind === 'hangup')).toEqual([expect.objectContaining({ by: 'app', cause: 16 })]);
    expect(await vx.callEnded(id)).toMatchObject({ route: 'route-engine', outcome: 'forwarded' });
  });

  it('reject: hangs up with the cause mapped from the SIP status, without answering', async () => {
    const id = await vx.placeCall({ extension: '7002', callerNumber: CALLER });
    const entries = await vx.waitForEnd(id);
    expect(summarize(entries)).toEqual(['call 7002 from +15551234', 'stasis-start', 'hangup by app cause 17', 'stasis-end']);
    expect(await vx.callEnded(id)).toMatchObject({ route: 'route-engine', outcome: 'rejected' });
    expect(vx.callLogs(id).find((l) => l.msg === 'HTTP router rejected the call')).toMatchObject({ reason: 'busy says the route engine' });
  });

  it('not_handled: falls through to the default', async () => {
    const id = await vx.placeCall({ extension: '7003', callerNumber: CALLER });
    await expectDefaultMenu(id);
  });

  it('flow: runs the named flow with the answer\'s extensions as metadata', async () => {
    const id = await vx.placeCall({ extension: '7004', callerNumber: CALLER });
    const entries = await vx.waitForEnd(id);
    expect(summarize(entries)).toEqual([
      'call 7004 from +15551234',
      'stasis-start',
      'answered',
      'heard sound:hello-world',
      'set VOXTRA_QUEUE=router-q',
      'set VOXTRA_PRIORITY=low',
      'continue voxtra-queues,router-q,1',
      'stasis-end',
      'queue router-q',
      'queue router-q answered',
      'hangup by agent cause 16',
    ]);
    expect(await vx.callEnded(id)).toMatchObject({ route: 'route-engine', flow: 'support', outcome: 'transferred' });
  });

  it('a router slower than the rule\'s timeout is skipped: the call falls through to the default', async () => {
    const id = await vx.placeCall({ extension: '7005', callerNumber: CALLER });
    await expectDefaultMenu(id);
    expect(router.requests.some((r) => r.call_id === id)).toBe(true);
    expect(vx.logs().some((l) => l.callId === id && l.level === 'warn' && /no answer within 500ms/.test(JSON.stringify(l)))).toBe(true);
  });

  it('stops on SIGTERM with exit status 0 and nothing on stderr', async () => {
    const res = await vx.stop('SIGTERM');
    expect(res).toMatchObject({ code: 0, signal: null });
    expect(res.stderr).toBe('');
    expect(vx.logs().filter((l) => l.level === 'error' || l.level === 'fatal')).toEqual([]);
  });
});

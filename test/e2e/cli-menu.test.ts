/**
 * The shipped IVR menu (flows/menu.yaml, the default for calls no route
 * claims) through the real CLI: `voxtra run --simulator` in a child process,
 * calls placed over the simulator's control API or with `voxtra call`.
 */
import type { TranscriptEntry } from '../../src/simulator';
import { startTestRouter, type TestRouter } from './helpers/router-server';
import { afterCallerHangup, summarize } from './helpers/transcript';
import { copyShippedProject, VoxtraRun } from './helpers/voxtra-process';

// A caller no route or dispatch rule claims (the ends-in-zero rule would take +1555...0).
const CALLER = '+15551234';
const EXTENSION = '5555';
const MENU_TIME_SCALE = 0.1;

const played = (entries: TranscriptEntry[], state?: string): TranscriptEntry[] => entries.filter((e) => e.kind === 'playback-finished' && (state === undefined || e.state === state));
const started = (entries: TranscriptEntry[]): TranscriptEntry[] => entries.filter((e) => e.kind === 'playback-started');

describe('voxtra run: the IVR menu', () => {
  let vx: VoxtraRun;
  let router: TestRouter;

  beforeAll(async () => {
    // The route engine the dispatch rule asks before the default: it handles nothing here.
    router = await startTestRouter(() => ({ body: { action: 'not_handled' } }));
    // Slower than the other e2e files: the tests act between a prompt's end and the menu's 5 s timeout, or during
    // a 3.5 s prompt, and at 0.02 those windows were 100 and 70 ms of real time (a loaded run missed them).
    vx = await VoxtraRun.start(copyShippedProject({ routerUrl: router.url }), { timeScale: MENU_TIME_SCALE });
  });

  afterAll(async () => {
    await vx?.dispose();
    await router?.close();
  });

  it('a valid digit after the prompt takes its option (2: support queue)', async () => {
    const id = await vx.placeCall({ extension: EXTENSION, callerNumber: CALLER });
    await vx.waitForTranscript(id, (e) => played(e, 'done').length === 1, 'the prompt to finish');
    await vx.sendDtmf(id, '2');
    const entries = await vx.waitForEnd(id);
    expect(summarize(entries)).toEqual([
      `call ${EXTENSION} from ${CALLER}`,
      'stasis-start',
      'answered',
      'heard say#1',
      'pressed 2',
      'set VOXTRA_QUEUE=support',
      'continue voxtra-queues,support,1',
      'stasis-end',
      'queue support',
      'queue support answered',
      'hangup by agent cause 16',
    ]);
    const ended = await vx.callEnded(id);
    expect(ended).toMatchObject({ route: 'default', flow: 'menu', outcome: 'transferred' });
  });

  it('an invalid digit hears the invalid branch and the prompt again, then a valid one is taken', async () => {
    const id = await vx.placeCall({ extension: EXTENSION, callerNumber: CALLER });
    await vx.waitForTranscript(id, (e) => played(e, 'done').length === 1, 'the first prompt to finish');
    await vx.sendDtmf(id, '9');
    await vx.waitForTranscript(id, (e) => played(e, 'done').length === 3, 'the invalid message and the second prompt');
    await vx.sendDtmf(id, '1');
    const entries = await vx.waitForEnd(id);
    expect(summarize(entries)).toEqual([
      `call ${EXTENSION} from ${CALLER}`,
      'stasis-start',
      'answered',
      'heard say#1',
      'pressed 9',
      'heard say#2',
      'heard say#1',
      'pressed 1',
      'set VOXTRA_QUEUE=sales',
      'continue voxtra-queues,sales,1',
      'stasis-end',
      'queue sales',
      'queue sales answered',
      'hangup by agent cause 16',
    ]);
  });

  it('a digit pressed during the prompt stops it (barge-in) and is taken (voxtra call)', async () => {
    // The prompt starts right after the answer and lasts about 3.5 s (simulated); 1.5 s in is well inside it.
    const res = await vx.call([EXTENSION, '--from', CALLER, '--dtmf', '1500ms:0', '--json']);
    expect(res.code).toBe(0);
    const { entries } = JSON.parse(res.stdout) as { entries: TranscriptEntry[] };
    // DELETE /playbacks answers before Asterisk publishes PlaybackFinished (the
    // channel's own thread ends the stream), so the app's next request may be
    // logged before the stop: order everything else, and the stop after the digit.
    const lines = summarize(entries);
    expect(lines.filter((l) => l === 'stopped say#1')).toHaveLength(1);
    expect(lines.indexOf('stopped say#1')).toBeGreaterThan(lines.indexOf('pressed 0'));
    expect(lines.filter((l) => l !== 'stopped say#1')).toEqual([
      `call ${EXTENSION} from ${CALLER}`,
      'stasis-start',
      'answered',
      'pressed 0',
      'set VOXTRA_QUEUE=agents',
      'continue voxtra-queues,agents,1',
      'stasis-end',
      'queue agents',
      'queue agents answered',
      'hangup by agent cause 16',
    ]);
    const pressedAt = entries.find((e) => e.kind === 'dtmf-received')?.atMs ?? 0;
    const stoppedAt = played(entries, 'stopped')[0]?.atMs ?? 0;
    expect(stoppedAt).toBeGreaterThanOrEqual(pressedAt);
  });

  it('no input: three attempts, then the exhausted branch plays and hangs up', async () => {
    const id = await vx.placeCall({ extension: EXTENSION, callerNumber: CALLER });
    const entries = await vx.waitForEnd(id);
    expect(summarize(entries)).toEqual([
      `call ${EXTENSION} from ${CALLER}`,
      'stasis-start',
      'answered',
      'heard say#1',
      'heard say#1',
      'heard say#1',
      'heard sound:vm-nobodyavail',
      'hangup by app cause 16',
      'stasis-end',
    ]);
    // Each attempt waited the menu's 5 s timeout (simulated) after its prompt.
    const finishes = played(entries, 'done').map((e) => e.atMs);
    const starts = started(entries).map((e) => e.atMs);
    for (let i = 1; i < starts.length; i++) expect(starts[i] - finishes[i - 1]).toBeGreaterThanOrEqual(5000);
    expect(await vx.callEnded(id)).toMatchObject({ outcome: 'hung_up', flow: 'menu' });
  });

  it('a caller hangup in the middle of the prompt ends the flow at once; nothing is sent afterwards', async () => {
    const id = await vx.placeCall({ extension: EXTENSION, callerNumber: CALLER });
    await vx.waitForTranscript(id, (e) => started(e).length === 1, 'the prompt to start');
    await vx.hangup(id);
    const entries = await vx.waitForEnd(id);
    expect(summarize(entries)).toEqual([`call ${EXTENSION} from ${CALLER}`, 'stasis-start', 'answered', 'hangup by caller cause 16', 'failed say#1', 'stasis-end']);
    expect(afterCallerHangup(entries)).toEqual([]);
    expect(await vx.callEnded(id)).toMatchObject({ outcome: 'caller_hangup', flow: 'menu' });
    // A request for the gone channel would have been answered 404 and logged as a warning.
    expect(vx.callLogs(id).filter((l) => l.level !== 'info' && l.level !== 'debug')).toEqual([]);
  });

  it('stops on SIGTERM with exit status 0, nothing on stderr and no error logged', async () => {
    expect((await vx.stats()).activeChannels).toBe(0);
    const res = await vx.stop('SIGTERM');
    expect(res).toMatchObject({ code: 0, signal: null });
    expect(res.stderr).toBe('');
    expect(vx.logs().filter((l) => l.level === 'error' || l.level === 'fatal')).toEqual([]);
    expect(vx.logs().map((l) => l.msg)).toEqual(expect.arrayContaining(['received SIGTERM', 'stopping']));
    expect(vx.stateFileExists).toBe(false);
  });
});

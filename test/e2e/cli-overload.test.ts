/**
 * Graceful overload through the real CLI over loopback: with `runtime.max_calls`
 * reached, a surplus call is sent on into the overflow context at once,
 * unanswered (runtime.overload.policy), while the calls in progress complete.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { summarize } from './helpers/transcript';
import { VoxtraRun } from './helpers/voxtra-process';

const CONFIG = `app: voxtra
flows: flows/
runtime:
  max_calls: 2
  overload:
    policy: { continue: { context: overflow, extension: full } }
`;

const FLOWS = `default: hold
flows:
  hold:
    steps:
      - answer
      - listen_dtmf: { max_digits: 1, timeout: 20s, into: choice }
      - hangup
`;

describe('voxtra run: past runtime.max_calls', () => {
  let vx: VoxtraRun;

  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'voxtra-e2e-overload-'));
    writeFileSync(path.join(dir, 'voxtra.config.yaml'), CONFIG);
    mkdirSync(path.join(dir, 'flows'));
    writeFileSync(path.join(dir, 'flows/main.yaml'), FLOWS);
    vx = await VoxtraRun.start(dir);
  });

  afterAll(async () => {
    await vx?.dispose();
  });

  it('the surplus call goes on into the overflow context unanswered; the calls in progress complete', async () => {
    const first = await vx.placeCall({ extension: '1000' });
    const second = await vx.placeCall({ extension: '1000' });
    await vx.waitForTranscript(first, (e) => summarize(e).includes('answered'), 'the first call answered');
    await vx.waitForTranscript(second, (e) => summarize(e).includes('answered'), 'the second call answered');

    const surplus = await vx.placeCall({ extension: '1000' });
    const turnedAway = summarize(await vx.waitForEnd(surplus));
    expect(turnedAway).toContain('continue overflow,full,1');
    expect(turnedAway).not.toContain('answered');
    // Log lines reach stdout asynchronously, after the call is already turned away.
    const warned = () => vx.callLogs(surplus).find((l) => l.level === 'warn');
    for (let i = 0; i < 200 && !warned(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(warned()).toMatchObject({ reason: 'max_calls', activeCalls: 2, maxCalls: 2 });
    expect(warned()?.msg).toContain('runtime.max_calls');

    await vx.sendDtmf(first, '1');
    await vx.sendDtmf(second, '2');
    for (const id of [first, second]) {
      expect(await vx.callEnded(id)).toMatchObject({ outcome: 'hung_up' });
      expect(summarize(await vx.waitForEnd(id))).toEqual(expect.arrayContaining(['answered', 'hangup by app cause 16']));
    }
  });
});

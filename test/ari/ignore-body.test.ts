/**
 * `ignoreBody`: a caller that never reads an answer's body (the call
 * control's `play`, which names its playback itself) gets it unparsed; a
 * refusal is still read for its status and message.
 */
import { AriGateway } from '../../src/ari/ari-gateway';
import { CATALOGUE_API, CATALOGUE_COMPOSER } from '../../src/ari/catalogue-api';
import { RequestPipeline } from '../../src/ari/request-pipeline';
import type { AriOperation, AriParams, AriRequestOptions } from '../../src/ari/transport';
import type { IncomingCall } from '../../src/control/incoming-call';
import { FakeClock, flushAsync } from '../../src/core/fake-clock';
import { memoryLogger } from '../../src/core/logger';
import { HeldExecutor } from './helpers/held-executor';
import { ScriptedTransport } from './helpers/scripted-transport';
import { firstEvent, traceEvents } from './helpers/traces';

function pipeline(executor: HeldExecutor): RequestPipeline {
  const p = new RequestPipeline(executor, { clock: new FakeClock(0), logger: memoryLogger(), requestTimeoutMs: 60_000, maxInFlight: 4, secrets: [] });
  p.use(CATALOGUE_API, CATALOGUE_COMPOSER);
  return p;
}

const PLAYBACK = '{"id":"pb-1","media_uri":"sound:beep","target_uri":"channel:1.1","language":"en","state":"queued"}';

describe('ignoreBody', () => {
  it('the pipeline resolves with undefined instead of the parsed body, and parses it without the option', async () => {
    const executor = new HeldExecutor();
    const p = pipeline(executor);
    const ignored = p.request('channels.play', { channelId: '1.1', media: 'sound:beep', playbackId: 'pb-1' }, { ignoreBody: true });
    const read = p.request('channels.play', { channelId: '1.1', media: 'sound:beep', playbackId: 'pb-1' }, {});
    await flushAsync();
    executor.pending[0].resolve({ status: 201, body: PLAYBACK });
    executor.pending[1].resolve({ status: 201, body: PLAYBACK });
    await expect(ignored).resolves.toBeUndefined();
    await expect(read).resolves.toEqual(JSON.parse(PLAYBACK));
  });

  it('a refusal is still an ARI_REQUEST_FAILED with its status and Asterisk\'s message', async () => {
    const executor = new HeldExecutor();
    const p = pipeline(executor);
    const refused = p.request('channels.play', { channelId: '1.1', media: 'sound:beep' }, { ignoreBody: true });
    await flushAsync();
    executor.pending[0].resolve({ status: 404, body: '{"message":"Channel not found"}' });
    await expect(refused).rejects.toMatchObject({ code: 'ARI_REQUEST_FAILED', details: { status: 404, message: 'Channel not found' } });
  });

  it('the call control asks for it on play only', async () => {
    const seen: Array<{ op: AriOperation; opts: AriRequestOptions | undefined }> = [];
    class Recording extends ScriptedTransport {
      override request<T = unknown>(op: AriOperation, params: AriParams = {}, opts?: AriRequestOptions): Promise<T> {
        seen.push({ op, opts });
        return super.request<T>(op, params);
      }
    }
    const transport = new Recording();
    const gateway = new AriGateway({ server: 'pbx1', transport, apps: ['voxtra'], newId: () => 'pb-1' });
    const calls: IncomingCall[] = [];
    gateway.onIncoming((c) => calls.push(c));
    transport.emit(firstEvent(traceEvents('inbound-sip-answer-play-hangup'), 'StasisStart'));
    const control = calls[0].control;
    await control.answer();
    await control.play(['sound:beep']);
    expect(seen.map((s) => [s.op, s.opts?.ignoreBody === true])).toEqual([
      ['channels.answer', false],
      ['channels.play', true],
    ]);
  });
});

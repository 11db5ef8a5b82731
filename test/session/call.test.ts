import { FakeClock } from '../../src/core/fake-clock';
import { VoxtraCall, type VoxtraCallInit } from '../../src/session/call';
import type { Call } from '../../src/call/call-api';
import { FakeCallControl } from '../helpers/fake-call-control';
import { channelInfo, drive, fakeTts } from '../steps/support/harness';

function setup(over: Partial<VoxtraCallInit> = {}, durations: Record<string, number> = {}) {
  const clock = new FakeClock();
  const port = new FakeCallControl({ clock, durations });
  const call = new VoxtraCall({ control: port, clock, app: 'voxtra', channel: channelInfo(), snapshotVersion: 'v1', queuesContext: 'voxtra-queues', ...over });
  return { clock, port, call, drive: <T>(p: Promise<T>) => drive(clock, p) };
}

describe('VoxtraCall: facts', () => {
  it('takes its facts from the channel, with route rewrites and metadata applied', () => {
    const { call } = setup({ extension: '2000', number: '+15551000', args: ['1000', 'x'], metadata: { tier: 'gold' }, route: 'vip' });
    expect({ id: call.id, app: call.app, extension: call.extension, number: call.number, callerNumber: call.callerNumber, callerName: call.callerName, channelName: call.channelName, args: call.args, metadata: call.metadata, route: call.route, snapshotVersion: call.snapshotVersion }).toEqual({
      id: '1795358614.1',
      app: 'voxtra',
      extension: '2000',
      number: '+15551000',
      callerNumber: '5551000',
      callerName: 'SIPp caller',
      channelName: 'PJSIP/sipp-00000001',
      args: ['1000', 'x'],
      metadata: { tier: 'gold' },
      route: 'vip',
      snapshotVersion: 'v1',
    });
    expect(call.ended).toBe(false);
  });
});

describe('VoxtraCall: as a TypeScript handler uses it', () => {
  it('answers, collects a choice and transfers', async () => {
    const { port, call, drive } = setup({ metadata: { tier: 'gold' } }, { 'sound:menu': 2000 });
    const handler = async (c: Call): Promise<void> => {
      await c.answer();
      const choice = await c.listenDtmf({ prompt: { media: ['sound:menu'] }, maxDigits: 1 });
      if (choice.digits === '1') await c.transferToQueue('sales');
      else await c.hangup('normal');
    };
    port.at(500, () => port.press('1'));
    await drive(handler(call));
    expect(port.calls.map((c) => c.op)).toEqual(['answer', 'play', 'stopPlayback', 'setVariable', 'setVariable', 'continueInDialplan']);
    expect(port.variables.get('VOXTRA_TIER')).toBe('gold');
    expect(call.ended).toBe(true);
  });

  it('playFile is play', async () => {
    const { port, call, drive } = setup();
    expect(await drive(call.playFile('sound:hello-world'))).toEqual({ status: 'done' });
    expect(port.calls[0].args[0]).toEqual(['sound:hello-world']);
  });

  it('listenDtmf calls complete() after each digit', async () => {
    const { port, call, drive } = setup();
    const seen: string[] = [];
    port.at(10, () => port.press('1234'));
    const result = await drive(call.listenDtmf({ complete: (d) => (seen.push(d), d.length === 3) }));
    expect(result).toEqual({ digits: '123', status: 'ok' });
    expect(seen).toEqual(['1', '12', '123']);
    expect(call.bufferedDigits).toBe('4');
  });

  it('say with no engine fails with TTS_UNAVAILABLE; with one, it plays what the engine rendered', async () => {
    const bare = setup();
    await expect(bare.call.say('hi')).rejects.toMatchObject({ code: 'TTS_UNAVAILABLE' });
    const tts = fakeTts();
    const withTts = setup({ tts });
    await withTts.drive(withTts.call.say('hi', { voice: 'alba' }));
    expect(withTts.port.calls[0].args[0]).toEqual(['sound:tts/1']);
  });
});

describe('VoxtraCall: refuses unsafe values before sending anything', () => {
  const { port, call } = setup();

  it.each([
    ['play: comma', () => call.play('sound:a,sound:b')],
    ['play: traversal', () => call.play('sound:../../../etc/passwd')],
    ['play: unknown scheme', () => call.play('foo:bar')],
    ['play: no scheme', () => call.play('hello-world')],
    ['play: control chars', () => call.play('sound:a\nb')],
    ['play: bad URL', () => call.play('http://exa mple.com/a.wav')],
    ['hangup: bad cause', () => call.hangup('bogus' as never)],
    ['setChannelVar: bad name', () => call.setChannelVar('CALLERID(num)', '1')],
    ['setChannelVar: newline', () => call.setChannelVar('X', 'a\r\nb')],
    ['getChannelVar: bad name', () => call.getChannelVar('SHELL(rm -rf /)')],
    ['transferToQueue: bad queue', () => call.transferToQueue('sales,1')],
    ['continueInDialplan: bad context', () => call.continueInDialplan({ context: 'a b', extension: '1' })],
    ['continueInDialplan: bad extension', () => call.continueInDialplan({ context: 'a', extension: '1,n' })],
    ['sendDtmf: bad digits', () => call.sendDtmf('12w')],
    ['hold: bad class', () => call.hold({ mohClass: '../x' })],
    ['wait: negative', () => call.wait(-5)],
  ])('%s', async (_name, act) => {
    await expect(act()).rejects.toMatchObject({ code: 'UNSAFE_INPUT' });
    expect(port.calls).toEqual([]);
  });

  it('refuses impossible listen settings', async () => {
    await expect(call.listenDtmf({ maxDigits: 0 })).rejects.toMatchObject({ code: 'STEP_FAILED' });
    await expect(call.listenDtmf({ maxDigits: 2, minDigits: 3 })).rejects.toMatchObject({ code: 'STEP_FAILED' });
    await expect(call.listenDtmf({ terminator: 'x' })).rejects.toMatchObject({ code: 'STEP_FAILED' });
    await expect(call.play([])).rejects.toMatchObject({ code: 'STEP_FAILED' });
  });

  it('accepts every allowed media scheme', async () => {
    const ok = setup();
    const media = ['sound:en/hello-world', 'digits:12#', 'number:-42', 'characters:abc', 'tone:ring;tonezone=us', 'recording:msg-1', 'https://media.example.com/a.wav?x=1'];
    await ok.drive(ok.call.play(media));
    expect(ok.port.calls[0].args[0]).toEqual(media);
  });
});

describe('VoxtraCall: channel variables, DTMF, dial and record', () => {
  it('reads variables and SIP headers through the port', async () => {
    const clock = new FakeClock();
    const port = new FakeCallControl({ clock, variables: { 'PJSIP_HEADER(read,X-Partner)': 'acme' } });
    const call = new VoxtraCall({ control: port, clock, app: 'voxtra', channel: channelInfo(), snapshotVersion: 'v1', queuesContext: 'q' });
    expect(await call.getChannelVar('PJSIP_HEADER(read,X-Partner)')).toBe('acme');
    expect(await call.getChannelVar('UNSET')).toBeUndefined();
  });

  it('sends DTMF with timings, upper-cased', async () => {
    const { port, call } = setup();
    await call.sendDtmf('12ab#', { betweenMs: 200, durationMs: 80 });
    expect(port.calls[0].args).toEqual(['12AB#', { betweenMs: 200, durationMs: 80 }]);
  });

  it('keeps a bounded type-ahead buffer (oldest digits dropped)', () => {
    const { port, call } = setup({ dtmfBufferSize: 4 });
    port.press('123456');
    expect(call.bufferedDigits).toBe('3456');
  });

  it('dial and record check every option before anything is sent', async () => {
    const { port, call } = setup();
    await expect(call.dial({ endpoints: [] })).rejects.toMatchObject({ code: 'STEP_FAILED' });
    await expect(call.dial({ endpoints: Array.from({ length: 33 }, (_, i) => `PJSIP/${i}`) })).rejects.toMatchObject({ code: 'STEP_FAILED' });
    await expect(call.dial({ endpoints: ['PJSIP/100', 'PJSIP/1(x)'] })).rejects.toMatchObject({ code: 'UNSAFE_INPUT' });
    await expect(call.dial({ endpoints: ['PJSIP/100'], timeoutMs: 0 })).rejects.toMatchObject({ code: 'STEP_FAILED' });
    await expect(call.dial({ endpoints: ['PJSIP/100'], callerId: 'a\nb' })).rejects.toMatchObject({ code: 'UNSAFE_INPUT' });
    await expect(call.dial({ endpoints: ['PJSIP/100'], headers: { Contact: 'sip:evil@x' } })).rejects.toMatchObject({ code: 'UNSAFE_INPUT' });
    await expect(call.dial({ endpoints: ['PJSIP/100'], headers: { 'X-A': 'a\r\nb' } })).rejects.toMatchObject({ code: 'UNSAFE_INPUT' });
    await expect(call.record({ name: 'a/b' })).rejects.toMatchObject({ code: 'UNSAFE_INPUT' });
    await expect(call.record({ name: 'x', format: 'mp3' })).rejects.toMatchObject({ code: 'STEP_FAILED' });
    expect(port.calls).toEqual([]);
  });
});

describe('VoxtraCall: after the call ended', () => {
  it('every method rejects with ARI_CHANNEL_GONE and nothing is sent', async () => {
    const { port, call } = setup();
    port.callerHangup();
    expect(call.ended).toBe(true);
    const attempts: (() => Promise<unknown>)[] = [
      () => call.answer(),
      () => call.hangup(),
      () => call.play('sound:x'),
      () => call.say('x', { tts: fakeTts() }),
      () => call.listenDtmf(),
      () => call.transferToQueue('sales'),
      () => call.setChannelVar('A', '1'),
      () => call.getChannelVar('A'),
      () => call.continueInDialplan({ context: 'a', extension: '1' }),
      () => call.wait(10),
      () => call.sendDtmf('1'),
      () => call.hold(),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: 'ARI_CHANNEL_GONE' });
    expect(port.calls).toEqual([]);
    expect(port.listenerCount).toBe(0);
  });

  it('after a transfer the call has left: further actions are refused locally', async () => {
    const { port, call } = setup();
    await call.transferToQueue('sales');
    await expect(call.play('sound:x')).rejects.toMatchObject({ code: 'ARI_CHANNEL_GONE' });
    expect(port.ops).toEqual(['setVariable', 'continueInDialplan']);
  });

  it('a "gone" answer from the port marks the call ended, so the next action is not sent', async () => {
    const { VoxtraError } = await import('../../src/core/errors');
    const { port, call } = setup();
    port.failNext('answer', new VoxtraError('ARI_CHANNEL_GONE', 'Channel not found'));
    await expect(call.answer()).rejects.toMatchObject({ code: 'ARI_CHANNEL_GONE' });
    await expect(call.play('sound:x')).rejects.toMatchObject({ code: 'ARI_CHANNEL_GONE' });
    expect(port.ops).toEqual(['answer']);
  });

  it('a playback that ends with the channel rejects the play', async () => {
    const { port, call, drive } = setup({}, { 'sound:x': 5000 });
    port.at(100, () => port.callerHangup());
    await expect(drive(call.play('sound:x'))).rejects.toMatchObject({ name: 'AbortError' });
  });
});

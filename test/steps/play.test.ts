import { playStep, type PlayParams } from '../../src/steps/play';
import { harness } from './support/harness';
import { paramsOf } from './support/normalize';
import { validateStepValue } from './support/schema';

describe('play: schema', () => {
  it.each([
    'sound:hello-world',
    'https://media.example.com/greeting.wav',
    'sound:{{ vars.greeting }}',
    ['sound:a', 'digits:123', 'number:42', 'characters:abc', 'tone:ring', 'recording:msg-1'],
    { media: 'sound:x', interruptible: true },
    { media: ['sound:x', 'sound:y'], interruptible: '#*' },
  ])('accepts %j', (value) => {
    expect(validateStepValue(playStep, value).valid).toBe(true);
  });

  it.each([
    'hello-world',
    'foo:bar',
    [],
    42,
    { interruptible: true },
    { media: 'sound:x', loud: true },
    { media: 'sound:x', interruptible: 'yes' },
  ])('rejects %j', (value) => {
    expect(validateStepValue(playStep, value).valid).toBe(false);
  });
});

describe('play: normalize', () => {
  it('expands the short forms', () => {
    expect(paramsOf<PlayParams>({ play: 'sound:x' })).toEqual({ media: ['sound:x'], interruptible: false });
    expect(paramsOf<PlayParams>({ play: ['sound:a', 'sound:b'] })).toEqual({ media: ['sound:a', 'sound:b'], interruptible: false });
    expect(paramsOf<PlayParams>({ play: { media: 'sound:a', interruptible: '#' } })).toEqual({ media: ['sound:a'], interruptible: '#' });
  });
});

describe('play: execute', () => {
  it('plays a list in one playback and waits for it to finish', async () => {
    const h = harness({ flows: { main: [{ play: ['sound:a', 'sound:b'] }] }, durations: { 'sound:a': 1000, 'sound:b': 500 } });
    const result = await h.run();
    expect(result.outcome).toBe('completed');
    expect(h.port.calls.map((c) => [c.op, c.args[0]])).toEqual([['play', ['sound:a', 'sound:b']]]);
    expect(h.clock.now()).toBe(1500);
    expect(h.events.find((e) => e.kind === 'promptPlayed')).toMatchObject({ kind: 'promptPlayed', media: ['sound:a', 'sound:b'], status: 'done', durationMs: 1500 });
  });

  it('renders templates before checking and playing the media', async () => {
    const h = harness({ flows: { main: [{ play: 'sound:{{ metadata.greeting }}' }] }, metadata: { greeting: 'welcome-acme' } });
    await h.run();
    expect(h.port.calls[0].args[0]).toEqual(['sound:welcome-acme']);
  });

  it('refuses media that a template turned unsafe, and sends nothing', async () => {
    const h = harness({ flows: { main: [{ play: 'sound:{{ metadata.greeting }}' }] }, metadata: { greeting: 'a,sound:../../etc/x' } });
    await expect(h.run()).rejects.toMatchObject({ code: 'UNSAFE_INPUT' });
    expect(h.port.calls).toEqual([]);
  });

  it('stops on a digit when interruptible and leaves the digit buffered', async () => {
    const h = harness({ flows: { main: [{ play: { media: 'sound:long', interruptible: true } }] }, durations: { 'sound:long': 10_000 } });
    h.port.at(300, () => h.port.press('5'));
    await h.run();
    expect(h.port.ops).toEqual(['play', 'stopPlayback']);
    expect(h.clock.now()).toBe(300);
    expect(h.call.bufferedDigits).toBe('5');
    expect(h.events.find((e) => e.kind === 'promptPlayed')).toMatchObject({ status: 'interrupted', digit: '5' });
  });

  it('only the listed digits interrupt; the others stay buffered too', async () => {
    const h = harness({ flows: { main: [{ play: { media: 'sound:long', interruptible: '#' } }] }, durations: { 'sound:long': 10_000 } });
    h.port.at(100, () => h.port.press('1'));
    h.port.at(200, () => h.port.press('#'));
    await h.run();
    expect(h.clock.now()).toBe(200);
    expect(h.call.bufferedDigits).toBe('1#');
  });

  it('a digit already buffered interrupts before anything is played (type-ahead)', async () => {
    const h = harness({ flows: { main: [{ play: 'sound:intro' }, { play: { media: 'sound:menu', interruptible: true } }] } });
    h.port.at(100, () => h.port.press('2'));
    await h.run();
    expect(h.port.calls.map((c) => c.args[0])).toEqual([['sound:intro']]);
    expect(h.clock.now()).toBe(1000);
    expect(h.call.bufferedDigits).toBe('2');
  });

  it('a non-interruptible play ignores digits but keeps them', async () => {
    const h = harness({ flows: { main: [{ play: 'sound:a' }] } });
    h.port.at(100, () => h.port.press('9'));
    await h.run();
    expect(h.port.ops).toEqual(['play']);
    expect(h.clock.now()).toBe(1000);
    expect(h.call.bufferedDigits).toBe('9');
  });

  it('a missing file is logged and the flow goes on', async () => {
    const h = harness({ flows: { main: [{ play: 'sound:no-such-sound' }, { play: 'sound:next' }] }, failing: ['sound:no-such-sound'] });
    expect((await h.run()).outcome).toBe('completed');
    expect(h.port.calls.map((c) => c.args[0])).toEqual([['sound:no-such-sound'], ['sound:next']]);
    expect(h.logs.some((r) => r.level === 'warn' && /playback failed/.test(String(r.msg)))).toBe(true);
    expect(h.events.filter((e) => e.kind === 'promptPlayed').map((e) => e.kind === 'promptPlayed' && e.status)).toEqual(['failed', 'done']);
  });

  it('a caller hangup mid-play ends the flow at once, leaving nothing behind', async () => {
    const h = harness({ flows: { main: [{ play: 'sound:long' }, { play: 'sound:never' }] }, durations: { 'sound:long': 10_000 } });
    h.port.at(500, () => h.port.callerHangup());
    const result = await h.run();
    expect(result.outcome).toBe('caller_hangup');
    expect(h.clock.now()).toBe(500);
    expect(h.port.ops).toEqual(['play']);
    expect(h.clock.pending).toBe(0);
    expect(h.port.listenerCount).toBe(0);
  });
});

import { listenDtmfStep, type ListenDtmfParams } from '../../src/steps/listen-dtmf';
import { fakeTts, harness } from './support/harness';
import { paramsOf, type Reported } from './support/normalize';
import { validateStepValue } from './support/schema';

describe('listen_dtmf: schema', () => {
  it.each([
    {},
    { max_digits: 4, min_digits: 4, timeout: '5s', inter_digit_timeout: 2, terminator: '#', into: 'pin' },
    { prompt: { play: 'sound:enter-pin' } },
    { prompt: { say: { text: 'Enter your PIN', voice: 'en-US-1' } }, barge_in: false },
    { prompt: 'sound:enter-pin' },
    { terminator: '' },
  ])('accepts %j', (value) => {
    expect(validateStepValue(listenDtmfStep, value).valid).toBe(true);
  });

  it.each([
    'digits',
    { max_digits: 65 },
    { max_digits: 0 },
    { terminator: '##' },
    { into: '1abc' },
    { prompt: { hangup: null } },
    { timeout: 'soon' },
    { colour: 'red' },
  ])('rejects %j', (value) => {
    expect(validateStepValue(listenDtmfStep, value).valid).toBe(false);
  });
});

describe('listen_dtmf: normalize', () => {
  it('fills in the defaults', () => {
    expect(paramsOf<ListenDtmfParams>({ listen_dtmf: {} })).toEqual({
      bargeIn: true,
      maxDigits: 64,
      minDigits: 1,
      timeoutMs: 5000,
      interDigitTimeoutMs: 3000,
      terminator: '#',
      into: 'digits',
    });
  });

  it('turns the prompt into a nested play or say step and durations into ms', () => {
    const p = paramsOf<ListenDtmfParams>({ listen_dtmf: { prompt: 'sound:enter-pin', timeout: '2s', inter_digit_timeout: 1.5, into: 'pin' } });
    expect(p.prompt).toMatchObject({ type: 'play', params: { media: ['sound:enter-pin'] }, id: 'main.steps[0].listen_dtmf.prompt' });
    expect(p).toMatchObject({ timeoutMs: 2000, interDigitTimeoutMs: 1500, into: 'pin' });
    expect(paramsOf<ListenDtmfParams>({ listen_dtmf: { prompt: 'Enter your PIN' } }).prompt).toMatchObject({ type: 'say', params: { text: 'Enter your PIN' } });
    expect(listenDtmfStep.children?.(p)).toEqual([{ key: 'prompt', step: p.prompt }]);
    expect(listenDtmfStep.writesVars?.(p)).toEqual(['pin', 'pin_status']);
  });

  it('reports min_digits above max_digits', () => {
    const reported: Reported[] = [];
    paramsOf({ listen_dtmf: { min_digits: 5, max_digits: 3 } }, reported);
    expect(reported).toEqual([{ code: 'SCHEMA_VALUE', message: 'min_digits (5) is larger than max_digits (3)', path: ['main', 'steps', 0, 'listen_dtmf', 'min_digits'] }]);
  });
});

describe('listen_dtmf: execute', () => {
  const listen = (opts: Record<string, unknown> = {}) => ({ flows: { main: [{ listen_dtmf: opts }] } });

  it('times out waiting for the first digit', async () => {
    const h = harness(listen({ timeout: '4s' }));
    await h.run();
    expect(h.call.vars).toEqual({ digits: '', digits_status: 'timeout' });
    expect(h.clock.now()).toBe(4000);
  });

  it('ends after the inter-digit timeout with what was typed', async () => {
    const h = harness(listen({}));
    h.port.at(1000, () => h.port.press('1'));
    h.port.at(2000, () => h.port.press('2'));
    await h.run();
    expect(h.call.vars).toEqual({ digits: '12', digits_status: 'ok' });
    expect(h.clock.now()).toBe(5000);
  });

  it('stops at the terminator, which is not kept', async () => {
    const h = harness(listen({ into: 'pin' }));
    h.port.at(100, () => h.port.press('4'));
    h.port.at(200, () => h.port.press('2'));
    h.port.at(300, () => h.port.press('#'));
    await h.run();
    expect(h.call.vars).toEqual({ pin: '42', pin_status: 'ok' });
    expect(h.clock.now()).toBe(300);
    expect(h.call.bufferedDigits).toBe('');
  });

  it('stops at max_digits and leaves later digits buffered', async () => {
    const h = harness(listen({ max_digits: 4 }));
    h.port.at(100, () => h.port.press('123456'));
    await h.run();
    expect(h.call.vars).toEqual({ digits: '1234', digits_status: 'ok' });
    expect(h.call.bufferedDigits).toBe('56');
  });

  it('fewer than min_digits is a timeout, even with the terminator', async () => {
    const h = harness(listen({ min_digits: 4 }));
    h.port.at(100, () => h.port.press('12#'));
    await h.run();
    expect(h.call.vars).toEqual({ digits: '12', digits_status: 'timeout' });
  });

  it('min_digits 0 lets the terminator alone answer ok', async () => {
    const h = harness(listen({ min_digits: 0 }));
    h.port.at(100, () => h.port.press('#'));
    await h.run();
    expect(h.call.vars).toEqual({ digits: '', digits_status: 'ok' });
  });

  it('with terminator "" the # is an ordinary digit', async () => {
    const h = harness(listen({ terminator: '', max_digits: 2 }));
    h.port.at(100, () => h.port.press('#5'));
    await h.run();
    expect(h.call.vars.digits).toBe('#5');
  });

  it('barge-in: the first digit stops the prompt and is kept with the rest', async () => {
    const h = harness({ ...listen({ prompt: { play: 'sound:enter-pin' } }), durations: { 'sound:enter-pin': 3000 } });
    h.port.at(500, () => h.port.press('4'));
    h.port.at(900, () => h.port.press('2'));
    h.port.at(1200, () => h.port.press('#'));
    await h.run();
    expect(h.port.calls.filter((c) => c.op === 'stopPlayback').map((c) => c.at)).toEqual([500]);
    expect(h.call.vars).toEqual({ digits: '42', digits_status: 'ok' });
    expect(h.clock.now()).toBe(1200);
  });

  it('without barge-in the prompt plays out and the digits pressed meanwhile are kept', async () => {
    const h = harness({ ...listen({ prompt: 'sound:enter-pin', barge_in: false, max_digits: 2 }), durations: { 'sound:enter-pin': 3000 } });
    h.port.at(500, () => h.port.press('42'));
    await h.run();
    expect(h.port.ops).toEqual(['play']);
    expect(h.call.vars).toEqual({ digits: '42', digits_status: 'ok' });
    expect(h.clock.now()).toBe(3000);
  });

  it('digits typed before the listen began are kept (type-ahead buffer)', async () => {
    const h = harness({ flows: { main: [{ play: 'sound:welcome' }, { listen_dtmf: { max_digits: 1 } }] } });
    h.port.at(500, () => h.port.press('7'));
    await h.run();
    expect(h.call.vars).toEqual({ digits: '7', digits_status: 'ok' });
    expect(h.clock.now()).toBe(1000);
  });

  it('the first-digit timeout starts when the prompt ends', async () => {
    const h = harness({ ...listen({ prompt: 'sound:enter-pin', timeout: '2s' }), durations: { 'sound:enter-pin': 3000 } });
    await h.run();
    expect(h.clock.now()).toBe(5000);
    expect(h.call.vars.digits_status).toBe('timeout');
  });

  it('says a text prompt through the TTS service', async () => {
    const tts = fakeTts();
    const h = harness({ ...listen({ prompt: { say: 'Enter your PIN, {{ call.caller_name }}' }, max_digits: 1 }), services: { tts } });
    h.port.at(200, () => h.port.press('9'));
    await h.run();
    expect(tts.texts).toEqual(['Enter your PIN, SIPp caller']);
    expect(h.port.calls[0].args[0]).toEqual(['sound:tts/1']);
    expect(h.events.find((e) => e.kind === 'promptPlayed')).toMatchObject({ via: 'say', text: 'Enter your PIN, SIPp caller', status: 'interrupted' });
    expect(h.call.vars.digits).toBe('9');
  });

  it('a say prompt with no TTS service fails with TTS_UNAVAILABLE', async () => {
    const h = harness(listen({ prompt: { say: 'Enter your PIN' } }));
    await expect(h.run()).rejects.toMatchObject({ code: 'TTS_UNAVAILABLE' });
    expect(h.port.calls).toEqual([]);
  });

  it('reports the collected digits to the observer', async () => {
    const h = harness(listen({ max_digits: 2 }));
    h.port.at(100, () => h.port.press('5'));
    h.port.at(400, () => h.port.press('5'));
    await h.run();
    expect(h.events.find((e) => e.kind === 'digitsCollected')).toMatchObject({ digits: '55', status: 'ok', durationMs: 400 });
    expect(h.events.filter((e) => e.kind === 'variableSet').map((e) => e.kind === 'variableSet' && [e.name, e.value])).toEqual([
      ['digits', '55'],
      ['digits_status', 'ok'],
    ]);
  });

  it('a hangup while waiting sets status hangup, ends the flow and leaves nothing behind', async () => {
    const h = harness({ flows: { main: [{ listen_dtmf: {} }, { play: 'sound:never' }] } });
    h.port.at(100, () => h.port.press('1'));
    h.port.at(1500, () => h.port.callerHangup());
    const result = await h.run();
    expect(result.outcome).toBe('caller_hangup');
    expect(h.call.vars.digits_status).toBe('hangup');
    expect(h.clock.now()).toBe(1500);
    expect(h.port.calls).toEqual([]);
    expect(h.clock.pending).toBe(0);
    expect(h.port.listenerCount).toBe(0);
  });
});

import { sayStep, type SayParams } from '../../src/steps/say';
import type { TtsService } from '../../src/call/tts';
import { fakeTts, harness } from './support/harness';
import { paramsOf } from './support/normalize';
import { validateStepValue } from './support/schema';

describe('say: schema and normalize', () => {
  it('accepts text or { text, voice, language, interruptible }', () => {
    expect(validateStepValue(sayStep, 'Welcome').valid).toBe(true);
    expect(validateStepValue(sayStep, { text: 'Hi', voice: 'alba', language: 'en-GB', interruptible: true }).valid).toBe(true);
    expect(validateStepValue(sayStep, '').valid).toBe(false);
    expect(validateStepValue(sayStep, { voice: 'alba' }).valid).toBe(false);
    expect(validateStepValue(sayStep, { text: 'Hi', language: 'english please' }).valid).toBe(false);
    expect(validateStepValue(sayStep, { text: 'Hi', speed: 2 }).valid).toBe(false);
  });

  it('expands the short form', () => {
    expect(paramsOf<SayParams>({ say: 'Welcome' })).toEqual({ text: 'Welcome', interruptible: false });
    expect(paramsOf<SayParams>({ say: { text: 'Hi', voice: 'alba', language: 'en-GB', interruptible: '#' } })).toEqual({ text: 'Hi', voice: 'alba', language: 'en-GB', interruptible: '#' });
  });
});

describe('say: execute', () => {
  it('renders the text, has the TTS service render it, and plays the result', async () => {
    const rendered: { text: string; opts: unknown }[] = [];
    const tts: TtsService = {
      render: async (text, opts) => {
        rendered.push({ text, opts });
        return 'sound:tts/abc';
      },
    };
    const h = harness({ flows: { main: [{ say: { text: 'Thank you for calling {{ metadata.tenant_name }}.', voice: 'alba', language: 'en-GB' } }] }, metadata: { tenant_name: 'Acme Ltd' }, services: { tts } });
    await h.run();
    expect(rendered).toEqual([{ text: 'Thank you for calling Acme Ltd.', opts: { voice: 'alba', language: 'en-GB' } }]);
    expect(h.port.calls.map((c) => c.args[0])).toEqual([['sound:tts/abc']]);
    expect(h.events.find((e) => e.kind === 'promptPlayed')).toMatchObject({ via: 'say', text: 'Thank you for calling Acme Ltd.', media: ['sound:tts/abc'], status: 'done' });
  });

  it('fails with TTS_UNAVAILABLE when no engine is configured, never silently', async () => {
    const h = harness({ flows: { main: [{ say: 'Hello' }] } });
    await expect(h.run()).rejects.toMatchObject({ code: 'TTS_UNAVAILABLE' });
    expect(h.events.at(-1)).toMatchObject({ kind: 'ended', outcome: 'error', error: { code: 'TTS_UNAVAILABLE' } });
  });

  it('uses the call\'s own engine when the step services have none', async () => {
    const tts = fakeTts();
    const h = harness({ flows: { main: [{ say: 'Hello' }] }, callTts: tts });
    await h.run();
    expect(tts.texts).toEqual(['Hello']);
  });

  it('wraps engine failures in TTS_FAILED and refuses unsafe URIs from the engine', async () => {
    const broken: TtsService = { render: async () => Promise.reject(new Error('engine down')) };
    const h = harness({ flows: { main: [{ say: 'Hello' }] }, services: { tts: broken } });
    await expect(h.run()).rejects.toMatchObject({ code: 'TTS_FAILED', message: expect.stringContaining('engine down') });
    const evil: TtsService = { render: async () => 'sound:a,sound:b' };
    const h2 = harness({ flows: { main: [{ say: 'Hello' }] }, services: { tts: evil } });
    await expect(h2.run()).rejects.toMatchObject({ code: 'UNSAFE_INPUT' });
    expect(h2.port.calls).toEqual([]);
  });

  it('a hangup while the engine renders aborts it and ends the flow', async () => {
    let seen: AbortSignal | undefined;
    const slow: TtsService = { render: (_t, _o, signal) => ((seen = signal), new Promise<string>(() => undefined)) };
    const h = harness({ flows: { main: [{ say: 'Hello' }] }, services: { tts: slow } });
    h.port.at(300, () => h.port.callerHangup());
    expect((await h.run()).outcome).toBe('caller_hangup');
    expect(seen?.aborted).toBe(true);
    expect(h.port.calls).toEqual([]);
    expect(h.port.listenerCount).toBe(0);
  });

  it('interruptible say stops on a digit', async () => {
    const h = harness({ flows: { main: [{ say: { text: 'A long announcement', interruptible: true } }] }, services: { tts: fakeTts() }, defaultDurationMs: 8000 });
    h.port.at(400, () => h.port.press('0'));
    await h.run();
    expect(h.port.ops).toEqual(['play', 'stopPlayback']);
    expect(h.clock.now()).toBe(400);
  });
});

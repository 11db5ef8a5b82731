import { fakeTts, harness } from '../steps/support/harness';

/**
 * A caller hangup during each step that waits: the step stops at once, the
 * flow ends quietly, no timer or listener is left, and nothing more is sent.
 */
const after = { set: { after: true } };
const slowTts = { render: (_t: string, _o: unknown, signal: AbortSignal) => new Promise<string>((_r, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true })) };

const CASES: { name: string; steps: unknown[]; at: number; press?: [number, string][]; services?: Record<string, unknown> }[] = [
  { name: 'play', steps: [{ play: 'sound:long' }], at: 700 },
  { name: 'interruptible play', steps: [{ play: { media: 'sound:long', interruptible: true } }], at: 700 },
  { name: 'say while the engine renders', steps: [{ say: 'Hello' }], at: 700, services: { tts: slowTts } },
  { name: 'say while it plays', steps: [{ say: 'Hello' }], at: 700, services: { tts: fakeTts() } },
  { name: 'listen_dtmf prompt', steps: [{ listen_dtmf: { prompt: 'sound:long' } }], at: 700 },
  { name: 'listen_dtmf first digit', steps: [{ listen_dtmf: {} }], at: 700 },
  { name: 'listen_dtmf between digits', steps: [{ listen_dtmf: {} }], at: 700, press: [[100, '1']] },
  { name: 'menu prompt', steps: [{ menu: { prompt: 'sound:long', options: { '1': [] } } }], at: 700 },
  { name: 'menu wait', steps: [{ menu: { options: { '1': [] } } }], at: 700 },
  { name: 'menu invalid branch', steps: [{ menu: { options: { '1': [] }, invalid: [{ play: 'sound:long' }] } }], at: 700, press: [[100, '9']] },
  { name: 'menu option', steps: [{ menu: { options: { '1': [{ wait: '10s' }] } } }], at: 700, press: [[100, '1']] },
  { name: 'wait', steps: [{ wait: '10s' }], at: 700 },
  { name: 'hold with duration', steps: [{ hold: { duration: '10s' } }], at: 700 },
  { name: 'hold then wait', steps: ['hold', { wait: '10s' }], at: 700 },
  { name: 'sub-flow', steps: [{ call: 'sub' }], at: 700 },
  { name: 'if branch', steps: [{ if: { when: 'true', then: [{ wait: '10s' }] } }], at: 700 },
  { name: 'switch case', steps: [{ switch: { value: 'a', cases: { a: [{ wait: '10s' }] } } }], at: 700 },
  { name: 'goto loop', steps: [{ label: 'top' }, { wait: '300ms' }, { goto: { label: 'top', max: 10 } }], at: 700 },
];

describe('caller hangup in every waiting step', () => {
  it.each(CASES)('$name', async ({ steps, at, press, services }) => {
    const h = harness({ flows: { main: [...steps, after], sub: [{ wait: '10s' }] }, durations: { 'sound:long': 10_000 }, defaultDurationMs: 10_000, services });
    for (const [t, d] of press ?? []) h.port.at(t, () => h.port.press(d));
    h.port.at(at, () => h.port.callerHangup());
    const result = await h.run();
    expect(result.outcome).toBe('caller_hangup');
    expect(h.clock.now()).toBe(at);
    expect(h.call.vars.after).toBeUndefined();
    expect(h.port.callsAfterEnd).toEqual([]);
    expect(h.clock.pending).toBe(0);
    expect(h.port.listenerCount).toBe(0);
    expect(h.port.activePlaybacks).toBe(0);
    expect(h.events.at(-1)).toMatchObject({ kind: 'ended', outcome: 'caller_hangup' });
  });

  it.each(['answer', { set: { a: 1 } }, { log: 'x' }, { transfer_to_queue: 'sales' }, { set_channel_var: { A: '1' } }, { send_dtmf: '1' }, 'hangup'])(
    'a call that has already hung up runs no step: %j',
    async (step) => {
      const h = harness({ flows: { main: [step, after] } });
      h.port.callerHangup();
      expect((await h.run()).outcome).toBe('caller_hangup');
      expect(h.port.calls).toEqual([]);
      expect(h.runner.steps).toBe(0);
    },
  );
});

describe('listeners after a normal run', () => {
  it('the call holds one DTMF and one abort listener while alive, none after dispose', async () => {
    const h = harness({ flows: { main: [{ play: { media: 'sound:a', interruptible: true } }, { listen_dtmf: { max_digits: 1 } }, { menu: { options: { '1': [] } } }, { wait: '1s' }] } });
    h.port.at(300, () => h.port.press('5'));
    h.port.at(2000, () => h.port.press('1'));
    expect((await h.run()).outcome).toBe('completed');
    expect(h.clock.pending).toBe(0);
    expect(h.port.dtmfListenerCount).toBe(1);
    expect(h.port.abortListenerCount).toBe(1);
    h.call.dispose();
    expect(h.port.listenerCount).toBe(0);
  });
});

import { holdStep } from '../../src/steps/hold';
import { harness } from './support/harness';
import { paramsOf } from './support/normalize';
import { validateStep, validateStepValue } from './support/schema';

describe('hold: schema and normalize', () => {
  it('is bare or { class, duration }', () => {
    expect(validateStep('hold')).toBe(true);
    expect(validateStepValue(holdStep, { class: 'jazz', duration: '30s' }).valid).toBe(true);
    expect(validateStepValue(holdStep, { class: 'bad class' }).valid).toBe(false);
    expect(validateStepValue(holdStep, { music: 'jazz' }).valid).toBe(false);
    expect(paramsOf('hold')).toEqual({});
    expect(paramsOf({ hold: { class: 'jazz', duration: '30s' } })).toEqual({ mohClass: 'jazz', durationMs: 30_000 });
  });
});

describe('hold: execute', () => {
  it('with a duration, plays music on hold for that long, then stops it', async () => {
    const h = harness({ flows: { main: [{ hold: { class: 'jazz', duration: '30s' } }] } });
    await h.run();
    expect(h.port.calls.map((c) => [c.op, c.at, ...c.args])).toEqual([
      ['startMoh', 0, 'jazz'],
      ['stopMoh', 30_000],
    ]);
  });

  it('without a duration it stays on (through a wait) until the next step that plays or listens', async () => {
    const h = harness({ flows: { main: ['hold', { wait: '10s' }, { log: 'still on hold' }, { play: 'sound:thanks' }] } });
    await h.run();
    expect(h.port.calls.map((c) => [c.op, c.at])).toEqual([
      ['startMoh', 0],
      ['stopMoh', 10_000],
      ['play', 10_000],
    ]);
    expect(h.port.moh).toBeUndefined();
  });

  it('a listen stops the music too', async () => {
    const h = harness({ flows: { main: ['hold', { listen_dtmf: { timeout: '1s' } }] } });
    await h.run();
    expect(h.port.ops).toEqual(['startMoh', 'stopMoh']);
  });

  it('a hangup during a timed hold stops at once and sends nothing more', async () => {
    const h = harness({ flows: { main: [{ hold: { duration: '1m' } }] } });
    h.port.at(5000, () => h.port.callerHangup());
    expect((await h.run()).outcome).toBe('caller_hangup');
    expect(h.port.ops).toEqual(['startMoh']);
    expect(h.clock.pending).toBe(0);
    expect(h.port.listenerCount).toBe(0);
  });
});

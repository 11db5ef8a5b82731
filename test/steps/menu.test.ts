import { menuInputComplete } from '../../src/steps/menu-attempts';
import { menuStep, type MenuParams } from '../../src/steps/menu';
import { fakeTts, harness } from './support/harness';
import { paramsOf } from './support/normalize';
import { validateStepValue } from './support/schema';

const flag = (name: string) => ({ set: { [name]: true } });

describe('menu: schema', () => {
  it.each([
    { options: { '1': ['hangup'] } },
    { prompt: 'sound:menu', reprompt: 'sound:menu-short', options: { '1': [], '12': [flag('a')], '*0': [], '#': [] }, max_digits: 2, into: 'choice' },
    { prompt: { say: 'Press 1' }, options: { '1': [] }, timeout: 3, inter_digit_timeout: '1500ms', attempts: 1, no_input: [], invalid: [], exhausted: ['hangup'] },
  ])('accepts %j', (value) => {
    expect(validateStepValue(menuStep, value).valid).toBe(true);
  });

  it.each([
    { prompt: 'sound:menu' },
    { options: { a: [] } },
    { options: { '1': 'hangup' } },
    { options: { '1': [] }, attempts: 0 },
    { options: { '1': [] }, max_digits: 17 },
    { options: { '1': [] }, retries: 2 },
    'sound:menu',
  ])('rejects %j', (value) => {
    expect(validateStepValue(menuStep, value).valid).toBe(false);
  });
});

describe('menu: normalize', () => {
  const p = paramsOf<MenuParams>({
    menu: { prompt: 'sound:menu', options: { '1': [flag('one')], '12': [flag('twelve')] }, invalid: [{ play: 'sound:invalid' }], exhausted: ['hangup'] },
  });

  it('fills in the defaults; max_digits is the longest option key', () => {
    expect(p).toMatchObject({ timeoutMs: 5000, interDigitTimeoutMs: 3000, attempts: 3, maxDigits: 2 });
    expect(p.options.map((o) => o.key)).toEqual(['1', '12']);
    expect(p.options[1].steps[0]).toMatchObject({ type: 'set', id: 'main.steps[0].menu.options["12"][0]' });
    expect(p.prompt).toMatchObject({ type: 'play' });
  });

  it('lists its branches and its prompt for graphs and coverage', () => {
    expect(menuStep.branches?.(p).map((b) => b.key)).toEqual(['options.1', 'options.12', 'invalid', 'exhausted']);
    expect(menuStep.children?.(p).map((c) => c.key)).toEqual(['prompt']);
    expect(menuStep.writesVars?.(p)).toEqual([]);
    expect(menuStep.writesVars?.({ ...p, into: 'choice' })).toEqual(['choice']);
  });

  it('knows when the digits can mean only one option', () => {
    const keys = ['1', '12', '2', '*0'];
    expect(menuInputComplete(keys, '1')).toBe(false);
    expect(menuInputComplete(keys, '12')).toBe(true);
    expect(menuInputComplete(keys, '2')).toBe(true);
    expect(menuInputComplete(keys, '*')).toBe(false);
    expect(menuInputComplete(keys, '9')).toBe(true);
  });
});

describe('menu: execute', () => {
  const prompt = 'sound:menu';
  const durations = { 'sound:menu': 2000, 'sound:menu-short': 1000, 'sound:invalid': 500, 'sound:no-input': 500 };

  it('runs the chosen option, then the flow continues after the menu', async () => {
    const h = harness({
      flows: { main: [{ menu: { prompt, options: { '1': [flag('sales')], '2': [flag('support')] }, into: 'choice' } }, flag('after')] },
      durations,
    });
    h.port.at(2500, () => h.port.press('2'));
    await h.run();
    expect(h.call.vars).toEqual({ choice: '2', support: true, after: true });
    expect(h.clock.now()).toBe(2500);
  });

  it('a digit during the prompt stops it and chooses at once', async () => {
    const h = harness({ flows: { main: [{ menu: { prompt, options: { '1': [flag('sales')] } } }] }, durations });
    h.port.at(700, () => h.port.press('1'));
    await h.run();
    expect(h.port.ops).toEqual(['play', 'stopPlayback']);
    expect(h.call.vars).toEqual({ sales: true });
    expect(h.clock.now()).toBe(700);
  });

  it('invalid, then valid: runs `invalid`, re-prompts with the short prompt, then the option', async () => {
    const h = harness({
      flows: { main: [{ menu: { prompt, reprompt: 'sound:menu-short', options: { '1': [flag('sales')] }, invalid: [{ play: 'sound:invalid' }] } }] },
      durations,
    });
    h.port.at(2100, () => h.port.press('9'));
    h.port.at(4000, () => h.port.press('1'));
    await h.run();
    expect(h.port.calls.filter((c) => c.op === 'play').map((c) => [c.at, c.args[0]])).toEqual([
      [0, ['sound:menu']],
      [2100, ['sound:invalid']],
      [2600, ['sound:menu-short']],
    ]);
    expect(h.call.vars).toEqual({ sales: true });
    expect(h.clock.now()).toBe(4000);
  });

  it('no input on every attempt: `no_input` between attempts, then `exhausted` once', async () => {
    const h = harness({
      flows: {
        main: [
          { menu: { prompt, options: { '1': [] }, timeout: '3s', no_input: [{ play: 'sound:no-input' }], exhausted: [{ play: 'sound:vm-nobodyavail' }, 'hangup'] } },
          flag('never'),
        ],
      },
      durations,
    });
    const result = await h.run();
    expect(result.outcome).toBe('hung_up');
    expect(h.port.calls.filter((c) => c.op === 'play').map((c) => c.args[0])).toEqual([
      ['sound:menu'],
      ['sound:no-input'],
      ['sound:menu'],
      ['sound:no-input'],
      ['sound:menu'],
      ['sound:vm-nobodyavail'],
    ]);
    // three attempts of prompt (2s) + timeout (3s), two no-input prompts, the exhausted prompt (default 1s)
    expect(h.clock.now()).toBe(3 * 5000 + 2 * 500 + 1000);
    expect(h.port.ops.at(-1)).toBe('hangup');
    expect(h.call.vars.never).toBeUndefined();
  });

  it('without `exhausted` the flow continues after the menu, with `into` set to ""', async () => {
    const h = harness({ flows: { main: [{ menu: { options: { '1': [] }, attempts: 2, timeout: '1s', into: 'choice' } }, flag('after')] } });
    await h.run();
    expect(h.call.vars).toEqual({ choice: '', after: true });
    expect(h.clock.now()).toBe(2000);
  });

  it('multi-digit options: waits for a longer key, stops as soon as only one can match', async () => {
    const options = { '1': [flag('one')], '12': [flag('twelve')], '2': [flag('two')] };
    const run = async (presses: [number, string][]) => {
      const h = harness({ flows: { main: [{ menu: { options, timeout: '5s', inter_digit_timeout: '2s' } }] } });
      for (const [at, d] of presses) h.port.at(at, () => h.port.press(d));
      await h.run();
      return { vars: h.call.vars, at: h.clock.now() };
    };
    expect(await run([[100, '1']])).toEqual({ vars: { one: true }, at: 2100 });
    expect(await run([[100, '1'], [500, '2']])).toEqual({ vars: { twelve: true }, at: 500 });
    expect(await run([[100, '2']])).toEqual({ vars: { two: true }, at: 100 });
  });

  it('an impossible digit is invalid at once, without waiting', async () => {
    const h = harness({ flows: { main: [{ menu: { options: { '11': [], '12': [] }, attempts: 2, invalid: [flag('invalid')] } }] } });
    h.port.at(100, () => h.port.press('3'));
    h.port.at(200, () => h.port.press('12'));
    await h.run();
    expect(h.call.vars).toEqual({ invalid: true });
    expect(h.clock.now()).toBe(200);
  });

  it('a goto inside an option can loop back to a label before the menu', async () => {
    const h = harness({
      flows: { main: [{ label: 'top' }, { menu: { options: { '9': [{ goto: { label: 'top', max: 1 } }], '1': [flag('one')] } } }, flag('after')] },
    });
    h.port.at(100, () => h.port.press('9'));
    h.port.at(200, () => h.port.press('9'));
    await h.run();
    // first 9 jumps back to top, second 9 falls through the goto, ending the option: the flow continues after the menu
    expect(h.call.vars).toEqual({ after: true });
    expect(h.events.filter((e) => e.kind === 'stepStarted' && e.type === 'menu')).toHaveLength(2);
  });

  it('says text prompts through the TTS service', async () => {
    const tts = fakeTts();
    const h = harness({ flows: { main: [{ menu: { prompt: { say: 'Press 1 for sales' }, options: { '1': [] } } }] }, services: { tts } });
    h.port.at(100, () => h.port.press('1'));
    await h.run();
    expect(tts.texts).toEqual(['Press 1 for sales']);
  });

  it('a hangup while the menu waits ends the flow and leaves nothing behind', async () => {
    const h = harness({ flows: { main: [{ menu: { prompt, options: { '1': [] }, invalid: [flag('invalid')], exhausted: [flag('exhausted')] } }, flag('after')] }, durations });
    h.port.at(3000, () => h.port.callerHangup());
    const result = await h.run();
    expect(result.outcome).toBe('caller_hangup');
    expect(h.call.vars).toEqual({});
    expect(h.port.callsAfterEnd).toEqual([]);
    expect(h.clock.pending).toBe(0);
    expect(h.port.listenerCount).toBe(0);
  });
});

import { dialStep, type DialParams } from '../../src/steps/dial';
import { harness } from './support/harness';
import { paramsOf, type Reported } from './support/normalize';
import { validateStepValue } from './support/schema';

const vars = (h: ReturnType<typeof harness>): Record<string, unknown> => h.call.vars;

describe('dial: schema and normalize', () => {
  it('accepts an endpoint, a list, a template, or the long form', () => {
    for (const ok of [
      'PJSIP/1001',
      'PJSIP/1001@trunk',
      '{{ metadata.agent }}',
      ['PJSIP/1001', 'PJSIP/1002'],
      { endpoints: 'PJSIP/1001' },
      { endpoints: ['PJSIP/1001', 'Local/100@agents'], strategy: 'parallel', timeout: '20s', caller_id: '"Support" <5550100>', headers: { 'X-Account': '{{ vars.account }}', 'Alert-Info': 'ring2' }, into: 'agent', no_answer: [{ play: 'sound:vm-nobodyavail' }] },
    ]) {
      expect({ ok, valid: validateStepValue(dialStep, ok).valid }).toEqual({ ok, valid: true });
    }
    for (const bad of ['PJSIP/1001&PJSIP/1002', 'PJSIP/1001,tT', '1001', [], { endpoints: [] }, { endpoints: 'PJSIP/1', strategy: 'random' }, { endpoints: 'PJSIP/1', headers: { Via: 'x' } }, { endpoints: 'PJSIP/1', headers: { 'X-A': 1 } }, { strategy: 'parallel' }]) {
      expect({ bad, valid: validateStepValue(dialStep, bad).valid }).toEqual({ bad, valid: false });
    }
  });

  it('normalizes short and long forms, with defaults', () => {
    expect(paramsOf<DialParams>({ dial: 'PJSIP/1001' })).toEqual({ endpoints: ['PJSIP/1001'], strategy: 'sequential', timeoutMs: 30_000, into: 'dial', on: {} });
    expect(paramsOf<DialParams>({ dial: ['PJSIP/1', 'PJSIP/2'] }).endpoints).toEqual(['PJSIP/1', 'PJSIP/2']);
    const p = paramsOf<DialParams>({ dial: { endpoints: 'PJSIP/1', strategy: 'parallel', timeout: '20s', caller_id: 'x', headers: { 'X-A': 'b' }, into: 'agent', busy: ['hangup'] } });
    expect(p).toMatchObject({ endpoints: ['PJSIP/1'], strategy: 'parallel', timeoutMs: 20_000, callerId: 'x', headers: { 'X-A': 'b' }, into: 'agent' });
    expect(dialStep.branches?.(p).map((b) => b.key)).toEqual(['busy']);
    expect(dialStep.writesVars?.(p)).toEqual(['agent', 'agent_status', 'agent_duration']);
    const reported: Reported[] = [];
    paramsOf({ dial: { endpoints: 'PJSIP/1', timeout: 0 } }, reported);
    expect(reported.map((r) => r.code)).toEqual(['SCHEMA_VALUE']);
  });
});

describe('dial: execute on the fake port', () => {
  it('sequential: a busy endpoint, then one that answers; bridged until the far end hangs up, then the flow goes on', async () => {
    const h = harness({
      flows: { main: ['answer', { dial: { endpoints: ['PJSIP/1001', 'PJSIP/1002'], timeout: '20s', headers: { 'X-Ticket': '{{ metadata.ticket }}' } } }, { play: 'sound:vm-goodbye' }] },
      metadata: { ticket: 'T-42' },
      endpoints: { 'PJSIP/1001': { kind: 'busy', ringMs: 1000 }, 'PJSIP/1002': { kind: 'answer', ringMs: 2000, hangupAfterMs: 10_000 } },
    });
    const result = await h.run();
    expect(result.outcome).toBe('completed');
    expect(h.port.ops).toEqual(['answer', 'ring', 'originate', 'originate', 'ringStop', 'createBridge', 'play']);
    const originates = h.port.calls.filter((c) => c.op === 'originate');
    expect(originates.map((c) => [c.at, c.args[0]])).toEqual([
      [0, { endpoint: 'PJSIP/1001', timeoutSeconds: 20, callerId: '"SIPp caller" <5551000>', variables: { 'PJSIP_HEADER(add,X-Ticket)': 'T-42' } }],
      [1000, { endpoint: 'PJSIP/1002', timeoutSeconds: 20, callerId: '"SIPp caller" <5551000>', variables: { 'PJSIP_HEADER(add,X-Ticket)': 'T-42' } }],
    ]);
    expect(h.port.legCalls.map((c) => [c.op, c.at, ...c.args])).toEqual([
      ['bridge.addChannels', 3000, 'bridge-1', ['1795358614.1', 'leg-2']],
      ['bridge.destroy', 13_000, 'bridge-1'],
    ]);
    expect(h.port.calls.find((c) => c.op === 'play')?.at).toBe(13_000);
    expect(vars(h)).toEqual({ dial: 'PJSIP/1002', dial_status: 'answered', dial_duration: 10 });
    expect(h.events.find((e) => e.kind === 'callAction' && e.action === 'dial')).toMatchObject({
      at: 3000,
      detail: { status: 'answered', endpoint: 'PJSIP/1002', attempts: [{ endpoint: 'PJSIP/1001', status: 'busy' }, { endpoint: 'PJSIP/1002', status: 'answered' }] },
    });
  });

  it('answers the caller when the far end answers, if the flow had not', async () => {
    const h = harness({ flows: { main: [{ dial: 'PJSIP/1001' }] }, endpoints: { 'PJSIP/1001': { kind: 'answer', ringMs: 500, hangupAfterMs: 1000 } } });
    await h.run();
    expect(h.port.ops).toEqual(['ring', 'originate', 'ringStop', 'answer', 'createBridge']);
    expect(h.port.calls.find((c) => c.op === 'answer')?.at).toBe(500);
  });

  it('parallel: the first to answer wins; the others are hung up at once as answered elsewhere', async () => {
    const h = harness({
      flows: { main: ['answer', { dial: { endpoints: ['PJSIP/1001', 'PJSIP/1002', 'PJSIP/1003'], strategy: 'parallel', into: 'agent' } }] },
      endpoints: {
        'PJSIP/1001': { kind: 'answer', ringMs: 5000, hangupAfterMs: 1000 },
        'PJSIP/1002': { kind: 'answer', ringMs: 3000, hangupAfterMs: 4000 },
        'PJSIP/1003': { kind: 'no-answer' },
      },
    });
    await h.run();
    const [l1, l2, l3] = h.port.legs;
    expect(h.port.calls.filter((c) => c.op === 'originate').map((c) => c.at)).toEqual([0, 0, 0]);
    expect(l2.states).toEqual(['created', 'ringing', 'answered', 'hangup']);
    expect([l1.hangupReason, l3.hangupReason]).toEqual(['answered_elsewhere', 'answered_elsewhere']);
    expect(h.port.legCalls.filter((c) => c.op === 'leg.hangup').map((c) => [c.at, c.args[0]])).toEqual([
      [3000, 'leg-1'],
      [3000, 'leg-3'],
    ]);
    expect(vars(h)).toEqual({ agent: 'PJSIP/1002', agent_status: 'answered', agent_duration: 4 });
  });

  it('no answer: each endpoint rings for the timeout, then the no_answer branch runs', async () => {
    const h = harness({
      flows: { main: ['answer', { dial: { endpoints: ['PJSIP/1001', 'PJSIP/1002'], timeout: '5s', no_answer: [{ play: 'sound:vm-nobodyavail' }], answered: ['hangup'] } }, { play: 'sound:vm-goodbye' }] },
      endpoints: { 'PJSIP/1001': { kind: 'no-answer' }, 'PJSIP/1002': { kind: 'answer', ringMs: 60_000 } },
    });
    await h.run();
    expect(h.port.calls.filter((c) => c.op === 'originate').map((c) => c.at)).toEqual([0, 5000]);
    // Our own ring timer ends each attempt (Asterisk's originate timeout is the same, as a backstop).
    expect(h.port.legs.map((l) => [l.state, l.hangupReason])).toEqual([
      ['hangup', 'no_answer'],
      ['hangup', 'no_answer'],
    ]);
    expect(h.port.ops).toEqual(['answer', 'ring', 'originate', 'originate', 'ringStop', 'play', 'play']);
    expect(h.port.calls.filter((c) => c.op === 'play').map((c) => c.args[0])).toEqual([['sound:vm-nobodyavail'], ['sound:vm-goodbye']]);
    expect(vars(h)).toEqual({ dial: 'PJSIP/1002', dial_status: 'no_answer', dial_duration: 0 });
  });

  it('busy and failed: the status of a dial nobody answered, and their branches', async () => {
    const busy = harness({ flows: { main: ['answer', { dial: { endpoints: 'PJSIP/1001', busy: [{ hangup: 'busy' }] } }] }, endpoints: { 'PJSIP/1001': { kind: 'busy', ringMs: 300 } } });
    expect((await busy.run()).outcome).toBe('hung_up');
    expect(busy.port.calls.at(-1)?.args).toEqual(['busy']);
    expect(vars(busy).dial_status).toBe('busy');

    const failed = harness({ flows: { main: ['answer', { dial: { endpoints: ['PJSIP/nobody', 'PJSIP/1002'], strategy: 'parallel', failed: [{ set: { why: 'unreachable' } }] } }] }, endpoints: { 'PJSIP/1002': { kind: 'unavailable' } } });
    await failed.run();
    expect(vars(failed)).toMatchObject({ dial_status: 'failed', why: 'unreachable' });
    expect(failed.logs.some((l) => l.level === 'warn' && /could not originate PJSIP\/nobody/.test(String(l.msg)))).toBe(true);
  });

  it('keeps the music on hold playing while it rings (no ringing indication), and stops it on answer', async () => {
    const h = harness({ flows: { main: ['answer', 'hold', { dial: 'PJSIP/1001' }] }, endpoints: { 'PJSIP/1001': { kind: 'answer', ringMs: 2000, hangupAfterMs: 500 } } });
    await h.run();
    expect(h.port.ops).toEqual(['answer', 'startMoh', 'originate', 'stopMoh', 'createBridge']);
    expect(h.port.calls.find((c) => c.op === 'stopMoh')?.at).toBe(2000);
  });

  it('the caller hanging up while it rings hangs up every leg and ends the flow; nothing more is sent', async () => {
    const h = harness({
      flows: { main: ['answer', { dial: { endpoints: ['PJSIP/1001', 'PJSIP/1002'], strategy: 'parallel' } }, { play: 'sound:never' }] },
      endpoints: { 'PJSIP/1001': { kind: 'no-answer' }, 'PJSIP/1002': { kind: 'answer', ringMs: 9000 } },
    });
    h.port.at(4000, () => h.port.callerHangup());
    const result = await h.run();
    expect(result.outcome).toBe('caller_hangup');
    expect(h.port.legs.map((l) => [l.state, l.hangupReason])).toEqual([
      ['hangup', 'normal'],
      ['hangup', 'normal'],
    ]);
    expect(h.port.legCalls.map((c) => c.at)).toEqual([4000, 4000]);
    expect(h.port.callsAfterEnd).toEqual([]);
  });

  it('the caller hanging up while bridged hangs up the far end and destroys the bridge', async () => {
    const h = harness({ flows: { main: ['answer', { dial: 'PJSIP/1001' }, { play: 'sound:never' }] }, endpoints: { 'PJSIP/1001': { kind: 'answer', ringMs: 1000 } } });
    h.port.at(6000, () => h.port.callerHangup());
    const result = await h.run();
    expect(result.outcome).toBe('caller_hangup');
    expect(h.port.legCalls.map((c) => [c.op, c.at])).toEqual([
      ['bridge.addChannels', 1000],
      ['leg.hangup', 6000],
      ['bridge.destroy', 6000],
    ]);
    expect(h.port.bridges[0].destroyed).toBe(true);
    expect(h.port.callsAfterEnd).toEqual([]);
  });

  it('drops the digits the caller pressed while bridged (they were for the far end)', async () => {
    const h = harness({
      flows: { main: ['answer', { dial: 'PJSIP/1001' }, { listen_dtmf: { max_digits: 2, timeout: '2s' } }] },
      endpoints: { 'PJSIP/1001': { kind: 'answer', ringMs: 1000, hangupAfterMs: 3000 } },
    });
    h.port.at(2000, () => h.port.press('12'));
    await h.run();
    expect(vars(h)).toMatchObject({ digits: '', digits_status: 'timeout' });
  });

  it('refuses a rendered endpoint or header value that is unsafe, before anything is sent', async () => {
    const endpoint = harness({ flows: { main: [{ dial: 'PJSIP/{{ vars.ext }}' }] }, endpoints: {} });
    endpoint.call.vars.ext = '1001&PJSIP/666';
    await expect(endpoint.run()).rejects.toMatchObject({ code: 'UNSAFE_INPUT' });
    expect(endpoint.port.calls).toEqual([]);

    const header = harness({ flows: { main: [{ dial: { endpoints: 'PJSIP/1001', headers: { 'X-Note': '{{ metadata.note }}' } } }] }, metadata: { note: 'a\r\nVia: evil' } });
    await expect(header.run()).rejects.toMatchObject({ code: 'UNSAFE_INPUT' });
    expect(header.port.calls).toEqual([]);
  });

  it('passes a caller id that was set, and strips quotes and brackets from the caller’s own', async () => {
    const h = harness({ flows: { main: [{ dial: { endpoints: 'PJSIP/1001', caller_id: '"Voxtra" <{{ metadata.did }}>' } }] }, metadata: { did: '5550100' }, endpoints: { 'PJSIP/1001': { kind: 'busy' } } });
    await h.run();
    expect(h.port.legs[0].options.callerId).toBe('"Voxtra" <5550100>');
  });
});

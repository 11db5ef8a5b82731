import { VoxtraError } from '../../src/core/errors';
import { recordStep, type RecordParams } from '../../src/steps/record';
import { harness } from './support/harness';
import { paramsOf, type Reported } from './support/normalize';
import { validateStepValue } from './support/schema';

describe('record: schema and normalize', () => {
  it('accepts a name, a template, or the long form', () => {
    for (const ok of ['greeting', 'vm-{{ call.id }}', {}, { name: 'msg_1', format: 'gsm', max_duration: '60s', max_silence: 3, beep: true, terminate_on: '#', if_exists: 'overwrite', into: 'message' }]) {
      expect({ ok, valid: validateStepValue(recordStep, ok).valid }).toEqual({ ok, valid: true });
    }
    for (const bad of ['../etc/passwd', 'a b', 'x.wav', '', { format: 'mp3' }, { terminate_on: '1' }, { if_exists: 'rename' }, { name: 'a', extra: 1 }]) {
      expect({ bad, valid: validateStepValue(recordStep, bad).valid }).toEqual({ bad, valid: false });
    }
  });

  it('normalizes with Asterisk-like defaults', () => {
    expect(paramsOf<RecordParams>({ record: 'greeting' })).toEqual({ name: 'greeting', format: 'wav', beep: false, terminateOn: 'none', ifExists: 'fail', into: 'recording' });
    const p = paramsOf<RecordParams>({ record: { max_duration: '2m', max_silence: '3s', beep: true, terminate_on: 'any', into: 'vm' } });
    expect(p).toEqual({ format: 'wav', maxDurationMs: 120_000, maxSilenceMs: 3000, beep: true, terminateOn: 'any', ifExists: 'fail', into: 'vm' });
    expect(recordStep.writesVars?.(p)).toEqual(['vm', 'vm_status', 'vm_cause', 'vm_duration', 'vm_format']);
  });

  it('reports a name template that reads caller-controlled values (UNTRUSTED_TEMPLATE), and allows metadata and call.id', () => {
    const reported: Reported[] = [];
    paramsOf({ record: { name: 'msg-{{ vars.digits }}-{{ call.number }}' } }, reported);
    paramsOf({ record: '{{ call.caller_name }}' }, reported);
    expect(reported.map((r) => [r.code, r.path.join('.')])).toEqual([
      ['UNTRUSTED_TEMPLATE', 'main.steps.0.record.name'],
      ['UNTRUSTED_TEMPLATE', 'main.steps.0.record'],
    ]);
    expect(reported[0].message).toContain('vars.digits, call.number');
    const fine: Reported[] = [];
    paramsOf({ record: { name: "{{ metadata.tenant }}-{{ call.id | replace: '.', '-' }}" } }, fine);
    expect(fine).toEqual([]);
  });
});

describe('record: execute on the fake port', () => {
  it('ends on silence after the caller spoke; the name, outcome and length go to variables', async () => {
    const h = harness({
      flows: { main: ['answer', { record: { name: "vm-{{ call.id | replace: '.', '-' }}", max_silence: '2s', max_duration: '2500ms', beep: true } }] },
      talkMs: 1500,
    });
    await h.run();
    expect(h.port.calls.find((c) => c.op === 'record')?.args[0]).toEqual({
      name: 'vm-1795358614-1',
      format: 'wav',
      maxDurationSeconds: 3, // whole seconds, rounded up so a limit never shrinks
      maxSilenceSeconds: 2,
      beep: true,
      terminateOn: 'none',
      ifExists: 'fail',
    });
    expect(h.call.vars).toEqual({ recording: 'vm-1795358614-1', recording_status: 'done', recording_cause: 'max_duration', recording_duration: 3, recording_format: 'wav' });

    const silent = harness({ flows: { main: ['answer', { record: { name: 'msg', max_silence: '2s', into: 'msg' } }] }, talkMs: 4000 });
    await silent.run();
    expect(silent.call.vars).toEqual({ msg: 'msg', msg_status: 'done', msg_cause: 'silence', msg_duration: 4, msg_format: 'wav' });
    expect(silent.clock.now()).toBe(6000);
  });

  it('ends on the terminating key, which does not reach the next listen', async () => {
    const h = harness({ flows: { main: ['answer', { record: { name: 'msg', terminate_on: '#' } }, { listen_dtmf: { timeout: '1s' } }] } });
    h.port.at(3000, () => h.port.press('1#'));
    await h.run();
    expect(h.call.vars).toMatchObject({ recording_status: 'done', recording_cause: 'key', recording_duration: 3, digits: '', digits_status: 'timeout' });
  });

  it('numbers default names per call', async () => {
    const h = harness({ flows: { main: ['answer', { record: { max_duration: 1 } }, { record: { max_duration: 1 } }] } });
    await h.run();
    expect(h.port.calls.filter((c) => c.op === 'record').map((c) => (c.args[0] as { name: string }).name)).toEqual(['voxtra-1795358614-1-1', 'voxtra-1795358614-1-2']);
  });

  it('stops music on hold first', async () => {
    const h = harness({ flows: { main: ['answer', 'hold', { record: { name: 'x', max_duration: 1 } }] } });
    await h.run();
    expect(h.port.ops).toEqual(['answer', 'startMoh', 'stopMoh', 'record']);
  });

  it('refuses a rendered name outside the safe charset before anything is sent', async () => {
    const h = harness({ flows: { main: [{ record: '{{ metadata.box }}' }] }, metadata: { box: '../../etc/x' } });
    await expect(h.run()).rejects.toMatchObject({ code: 'UNSAFE_INPUT' });
    expect(h.port.calls).toEqual([]);
  });

  it('a recording Asterisk refuses comes back failed, with the reason, and the flow goes on', async () => {
    const h = harness({ flows: { main: ['answer', { record: 'taken' }, { play: 'sound:beep' }] } });
    h.port.failNext('record', new VoxtraError('ARI_REQUEST_FAILED', 'channels.record failed: 409 Recording already in progress', { status: 409, message: 'Recording already in progress' }));
    await h.run();
    expect(h.call.vars).toMatchObject({ recording: 'taken', recording_status: 'failed', recording_cause: 'Recording already in progress' });
    expect(h.port.ops.at(-1)).toBe('play');
  });

  it('a caller hangup ends the recording with status hangup and ends the flow', async () => {
    const h = harness({ flows: { main: ['answer', { record: { name: 'vm' } }, { play: 'sound:never' }] } });
    h.port.at(5000, () => h.port.callerHangup());
    const result = await h.run();
    expect(result.outcome).toBe('caller_hangup');
    expect(h.call.vars).toMatchObject({ recording: 'vm', recording_status: 'hangup', recording_cause: 'hangup' });
    expect(h.port.callsAfterEnd.map((c) => c.op)).toEqual([]);
  });
});

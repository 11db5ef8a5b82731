import { AriGateway } from '../../src/ari/ari-gateway';
import type { AriEvent, AriOperation, AriParams } from '../../src/ari/transport';
import type { IncomingCall } from '../../src/control/incoming-call';
import { FakeClock, flushAsync } from '../../src/core/fake-clock';
import { ScriptedTransport } from './helpers/scripted-transport';
import { firstEvent, traceEvents } from './helpers/traces';

/** Feeds trace events to the transport from `from` (exclusive of what was fed) up to and including the first match. */
class TraceFeeder {
  private i = 0;
  constructor(private readonly t: ScriptedTransport, readonly events: AriEvent[]) {}
  until(pred: (e: AriEvent) => boolean): AriEvent[] {
    const fed: AriEvent[] = [];
    while (this.i < this.events.length) {
      const e = this.events[this.i++];
      this.t.emit(e);
      fed.push(e);
      if (pred(e)) return fed;
    }
    throw new Error('trace ended before the expected event');
  }
  rest(): void {
    while (this.i < this.events.length) this.t.emit(this.events[this.i++]);
  }
}

function setup(trace: string, ids: string[] = [], opts: { clock?: FakeClock } = {}) {
  const transport = new ScriptedTransport();
  const queue = [...ids];
  const gateway = new AriGateway({ server: 'pbx1', transport, apps: ['voxtra'], newId: () => queue.shift() ?? `id-${Math.random()}`, ...(opts.clock ? { clock: opts.clock } : {}) });
  const calls: IncomingCall[] = [];
  gateway.onIncoming((c) => calls.push(c));
  return { transport, gateway, calls, feed: new TraceFeeder(transport, traceEvents(trace)) };
}

const byType = (type: string) => (e: AriEvent) => e.type === type;

describe('AriCallControl driven by recorded Asterisk traces', () => {
  it('answer → play → PlaybackFinished → app hangup (inbound-sip-answer-play-hangup)', async () => {
    const pbId = '18d79ead-c18b-43b6-970c-3766c0eefb93';
    const { transport, gateway, calls, feed } = setup('inbound-sip-answer-play-hangup', [pbId]);
    feed.until(byType('StasisStart'));
    expect(calls).toHaveLength(1);
    const call = calls[0];
    expect(call.args).toEqual(['1000']);
    expect(call.channel).toMatchObject({ id: '1795358614.1', name: 'PJSIP/sipp-00000001', state: 'Ring', callerNumber: '5551000', callerName: 'SIPp caller', extension: '1000', context: 'voxtra-in', priority: 2, language: 'en', protocolId: '1-19329@127.0.0.1' });
    const control = call.control;
    await control.answer();
    transport.reply = (op) => (op === 'channels.play' ? { status: 201, body: { id: pbId, state: 'queued' } } : { status: 204 });
    const playback = await control.play(['sound:hello-world']);
    expect(transport.sent[1]).toEqual({ op: 'channels.play', params: { channelId: '1795358614.1', media: 'sound:hello-world', lang: undefined, playbackId: pbId } });
    feed.until(byType('PlaybackFinished'));
    await expect(playback.finished).resolves.toBe('done');
    await control.hangup();
    feed.rest();
    await expect(control.ended).resolves.toEqual({ kind: 'hangup', cause: 32, by: 'app' });
    expect(control.signal.aborted).toBe(true);
    expect(gateway.counts).toEqual({ liveControls: 0, dialLegs: 0, demuxListeners: 0 });
  });

  it('ending and signal abort together with the same reason; a signal first read after the hangup is already aborted', async () => {
    const early = setup('caller-hangs-up-during-playback', ['a382493a-fc50-45a0-b7db-178fa1d5d9c9']);
    early.feed.until(byType('StasisStart'));
    const control = early.calls[0].control;
    const order: string[] = [];
    control.ending.addEventListener('abort', () => order.push('ending'));
    control.signal.addEventListener('abort', () => order.push('signal'));
    expect([control.ending.aborted, control.signal.aborted]).toEqual([false, false]);
    early.feed.until(byType('ChannelHangupRequest'));
    expect(order).toEqual(['ending', 'signal']);
    expect(control.signal.reason).toBe(control.ending.reason);
    expect(control.ending.reason).toMatchObject({ code: 'ARI_CHANNEL_GONE' });

    const late = setup('caller-hangs-up-during-playback', ['a382493a-fc50-45a0-b7db-178fa1d5d9c9']);
    late.feed.until(byType('StasisStart'));
    const lateControl = late.calls[0].control;
    late.feed.until(byType('ChannelHangupRequest'));
    expect(lateControl.ending.aborted).toBe(true);
    expect(lateControl.signal.aborted).toBe(true);
    expect(lateControl.signal.reason).toBe(lateControl.ending.reason);
  });

  it('ended settles whether it is first read before the end or after it', async () => {
    const early = setup('caller-hangs-up-during-playback', ['a382493a-fc50-45a0-b7db-178fa1d5d9c9']);
    early.feed.until(byType('StasisStart'));
    const before = early.calls[0].control;
    const ended = before.ended;
    expect(before.ended).toBe(ended);
    let settled = false;
    void ended.then(() => (settled = true));
    early.feed.until(byType('ChannelHangupRequest'));
    await flushAsync();
    expect(settled).toBe(false); // a hangup request aborts the signal; the end is StasisEnd
    early.feed.rest();
    await expect(ended).resolves.toMatchObject({ kind: 'hangup', by: 'caller' });

    const late = setup('caller-hangs-up-during-playback', ['a382493a-fc50-45a0-b7db-178fa1d5d9c9']);
    late.feed.until(byType('StasisStart'));
    const after = late.calls[0].control;
    late.feed.rest();
    await expect(after.ended).resolves.toMatchObject({ kind: 'hangup', by: 'caller' });
    expect(after.ended).toBe(after.ended);
  });

  it('caller hangs up during playback: signal aborts at once, nothing more is sent (caller-hangs-up-during-playback)', async () => {
    const pbId = 'a382493a-fc50-45a0-b7db-178fa1d5d9c9';
    const { transport, gateway, calls, feed } = setup('caller-hangs-up-during-playback', [pbId]);
    feed.until(byType('StasisStart'));
    const control = calls[0].control;
    await control.answer();
    const playback = await control.play(['sound:demo-congrats']);
    feed.until(byType('PlaybackStarted'));
    const aborted = jest.fn();
    control.signal.addEventListener('abort', aborted);
    feed.until(byType('ChannelHangupRequest'));
    expect(aborted).toHaveBeenCalledTimes(1);
    await expect(playback.finished).resolves.toBe('hangup');
    const sentBefore = transport.sent.length;
    await expect(control.play(['sound:hello-world'])).rejects.toMatchObject({ code: 'ARI_CHANNEL_GONE' });
    await expect(control.getVariable('X')).rejects.toMatchObject({ code: 'ARI_CHANNEL_GONE' });
    await expect(control.hangup()).rejects.toMatchObject({ code: 'ARI_CHANNEL_GONE' });
    expect(transport.sent.length).toBe(sentBefore);
    feed.rest();
    await expect(control.ended).resolves.toEqual({ kind: 'hangup', by: 'caller' });
    expect(gateway.counts.demuxListeners).toBe(0);
  });

  it('DTMF during playback; stopping the playback reports stopped although Asterisk says done (inbound-sip-dtmf)', async () => {
    const pbId = '62e79032-6635-40f3-85a2-e066e197d82a';
    const { transport, gateway, calls, feed } = setup('inbound-sip-dtmf', [pbId]);
    feed.until(byType('StasisStart'));
    const control = calls[0].control;
    const digits: string[] = [];
    const off = control.onDtmf((d) => digits.push(d));
    const playback = await control.play(['sound:vm-nobodyavail']);
    feed.until(byType('ChannelDtmfReceived'));
    await playback.stop();
    expect(transport.sent.at(-1)).toEqual({ op: 'playbacks.stop', params: { playbackId: pbId } });
    feed.until((e) => e.type === 'ChannelDtmfReceived' && e.digit === '#');
    expect(digits).toEqual(['1', '2', '#']);
    await expect(playback.finished).resolves.toBe('stopped');
    off();
    await control.hangup();
    feed.rest();
    await expect(control.ended).resolves.toEqual({ kind: 'hangup', cause: 32, by: 'app' });
    expect(gateway.counts).toEqual({ liveControls: 0, dialLegs: 0, demuxListeners: 0 });
  });

  it('app hangup whose 204 arrives after StasisEnd still resolves', async () => {
    const { transport, calls, feed } = setup('inbound-sip-answer-play-hangup');
    feed.until(byType('StasisStart'));
    const control = calls[0].control;
    let answer204: () => void = () => undefined;
    transport.reply = (op) => (op === 'channels.hangup' ? new Promise((r) => (answer204 = () => r({ status: 204 }))) : { status: 204 });
    const hangup = control.hangup('normal');
    await flushAsync();
    feed.rest();
    await expect(control.ended).resolves.toMatchObject({ kind: 'hangup', by: 'app' });
    answer204();
    await expect(hangup).resolves.toBeUndefined();
    expect(transport.sent.at(-1)).toEqual({ op: 'channels.hangup', params: { channelId: '1795358614.1', reason: 'normal' } });
  });

  it('Asterisk shutdown: soft hangup with cause 4 is reported as by server (server-shutdown)', async () => {
    const { calls, feed } = setup('server-shutdown');
    feed.rest();
    await expect(calls[0].control.ended).resolves.toEqual({ kind: 'hangup', cause: 4, by: 'server' });
  });

  it('continue into the dialplan ends as left by the app (continue-to-queue)', async () => {
    const { transport, calls, feed } = setup('continue-to-queue');
    feed.until(byType('StasisStart'));
    const control = calls[0].control;
    await control.setVariable('VOXTRA_QUEUE', 'support');
    await control.continueInDialplan({ context: 'voxtra-test', extension: 'queue-support', priority: 1 });
    expect(transport.sent.map((s) => s.op)).toEqual(['channels.setChannelVar', 'channels.continueInDialplan']);
    expect(transport.sent[1].params).toEqual({ channelId: calls[0].channel.id, context: 'voxtra-test', extension: 'queue-support', priority: 1, label: undefined });
    feed.rest();
    await expect(control.ended).resolves.toEqual({ kind: 'left', by: 'app' });
  });

  it('maps 404/409/412 on the channel to ARI_CHANNEL_GONE and ends the control if StasisEnd never comes', async () => {
    const clock = new FakeClock();
    const { transport, gateway, calls, feed } = setup('continue-to-queue', [], { clock });
    feed.until(byType('StasisStart'));
    const control = calls[0].control;
    transport.reply = () => ({ status: 409, body: { message: 'Channel not in Stasis application' } });
    await expect(control.answer()).rejects.toMatchObject({ code: 'ARI_CHANNEL_GONE', details: { status: 409 } });
    expect(control.signal.aborted).toBe(true);
    await expect(control.startMoh()).rejects.toMatchObject({ code: 'ARI_CHANNEL_GONE' });
    expect(transport.sent).toHaveLength(1);
    clock.advance(2000);
    await expect(control.ended).resolves.toEqual({ kind: 'left', by: 'unknown' });
    expect(gateway.counts.liveControls).toBe(0);
  });

  it('a 404 that is not about the channel stays a real error; an unset variable is undefined', async () => {
    const { transport, calls, feed } = setup('continue-to-queue');
    feed.until(byType('StasisStart'));
    const control = calls[0].control;
    transport.reply = (op, params) => {
      if (op === 'channels.getChannelVar') return params.variable === 'SET' ? { status: 200, body: { value: 'x' } } : { status: 404, body: { message: 'Provided variable was not found' } };
      return { status: 404, body: { message: 'Requested label can not be found' } };
    };
    await expect(control.getVariable('SET')).resolves.toBe('x');
    await expect(control.getVariable('UNSET')).resolves.toBeUndefined();
    await expect(control.continueInDialplan({ context: 'c', extension: 'e', label: 'nope' })).rejects.toMatchObject({ code: 'ARI_REQUEST_FAILED', details: { status: 404 } });
    expect(control.signal.aborted).toBe(false);
    transport.reply = () => ({ status: 404, body: { message: 'Provided channel was not found' } });
    await expect(control.getVariable('SET')).rejects.toMatchObject({ code: 'ARI_CHANNEL_GONE' });
  });

  it('a playback of an unknown scheme (no PlaybackFinished ever) settles on stop (404) or when the channel leaves', async () => {
    const { transport, calls, feed } = setup('continue-to-queue', ['pb-unknown', 'pb-unknown-2']);
    feed.until(byType('StasisStart'));
    const control = calls[0].control;
    const first = await control.play(['foo:bar']);
    transport.reply = (op) => (op === 'playbacks.stop' ? { status: 404, body: { message: 'Playback not found' } } : { status: 204 });
    await first.stop();
    await expect(first.finished).resolves.toBe('stopped');
    const second = await control.play(['hello-world']);
    await control.continueInDialplan({ context: 'voxtra-test', extension: 'queue-support' });
    feed.rest();
    await expect(second.finished).resolves.toBe('hangup');
  });

  it('rejects media lists that ARI would split wrongly, without sending', async () => {
    const { transport, calls, feed } = setup('continue-to-queue');
    feed.until(byType('StasisStart'));
    await expect(calls[0].control.play(['http://x/a,b.wav'])).rejects.toMatchObject({ code: 'UNSAFE_INPUT' });
    await expect(calls[0].control.play([])).rejects.toMatchObject({ code: 'UNSAFE_INPUT' });
    expect(transport.sent).toHaveLength(0);
  });

  it('dispose before the end aborts, settles ended as left by the app, and is idempotent', async () => {
    const { gateway, calls, feed } = setup('continue-to-queue');
    feed.until(byType('StasisStart'));
    const control = calls[0].control;
    control.dispose();
    control.dispose();
    await expect(control.ended).resolves.toEqual({ kind: 'left', by: 'app' });
    expect(control.signal.aborted).toBe(true);
    expect(gateway.counts).toEqual({ liveControls: 0, dialLegs: 0, demuxListeners: 0 });
  });
});

describe('records', () => {
  function recordingEvent(type: string, name: string, extra: Record<string, unknown> = {}): AriEvent {
    return { type, application: 'voxtra', recording: { name, format: 'wav', state: type === 'RecordingStarted' ? 'recording' : 'done', target_uri: 'channel:1795358621.2', ...extra } };
  }

  it('reports duration and derives the cause (key, stopped, max_duration, failed)', async () => {
    const clock = new FakeClock();
    const { transport, calls, feed } = setup('inbound-sip-dtmf', [], { clock });
    feed.until(byType('StasisStart'));
    const control = calls[0].control;
    const rec = await control.record({ name: 'vm/1001/msg1', format: 'wav', maxDurationSeconds: 60, maxSilenceSeconds: 3, beep: true, terminateOn: '#' });
    expect(transport.sent[0]).toEqual({ op: 'channels.record', params: { channelId: '1795358621.2', name: 'vm/1001/msg1', format: 'wav', maxDurationSeconds: 60, maxSilenceSeconds: 3, beep: true, terminateOn: '#', ifExists: undefined } });
    transport.emit(recordingEvent('RecordingStarted', 'vm/1001/msg1'));
    feed.until((e) => e.type === 'ChannelDtmfReceived' && e.digit === '#');
    transport.emit(recordingEvent('RecordingFinished', 'vm/1001/msg1', { duration: 7, talking_duration: 5, silence_duration: 2 }));
    await expect(rec.finished).resolves.toEqual({ status: 'done', name: 'vm/1001/msg1', format: 'wav', durationSeconds: 7, talkingSeconds: 5, silenceSeconds: 2, cause: 'key' });

    const stopped = await control.record({ name: 'r2', format: 'wav' });
    await stopped.stop();
    expect(transport.sent.at(-1)).toEqual({ op: 'recordings.stop', params: { recordingName: 'r2' } });
    transport.emit(recordingEvent('RecordingFinished', 'r2', { duration: 3 }));
    await expect(stopped.finished).resolves.toMatchObject({ status: 'done', durationSeconds: 3, cause: 'stopped' });

    const maxed = await control.record({ name: 'r3', format: 'wav', maxDurationSeconds: 10 });
    transport.emit(recordingEvent('RecordingFinished', 'r3', { duration: 10 }));
    await expect(maxed.finished).resolves.toMatchObject({ cause: 'max_duration' });

    const failed = await control.record({ name: 'r4', format: 'xyz' });
    transport.emit(recordingEvent('RecordingFailed', 'r4', { state: 'failed', cause: 'unknown format' }));
    await expect(failed.finished).resolves.toEqual({ status: 'failed', name: 'r4', format: 'xyz', cause: 'unknown format' });

    await expect(control.record({ name: '../etc/passwd', format: 'wav' })).rejects.toMatchObject({ code: 'UNSAFE_INPUT' });
  });

  it('a recording cut short by the caller hanging up reports hangup', async () => {
    const { calls, feed, gateway } = setup('caller-hangs-up-during-playback');
    feed.until(byType('StasisStart'));
    const rec = await calls[0].control.record({ name: 'vm-x', format: 'wav', maxSilenceSeconds: 5 });
    feed.rest();
    await expect(rec.finished).resolves.toMatchObject({ status: 'hangup', cause: 'hangup' });
    expect(gateway.counts.demuxListeners).toBe(0);
  });
});

describe('originate, bridges and dial legs', () => {
  it('follows an originated leg through Dial, StasisStart and hangup without treating it as a new call (originate-dial-bridge)', async () => {
    const legId = '1795358673.18';
    const bridgeId = '9f9df701-42ce-424d-b0f1-c619eed815a6';
    const { transport, gateway, calls, feed } = setup('originate-dial-bridge', [legId, bridgeId]);
    feed.until(byType('StasisStart'));
    const control = calls[0].control;
    transport.reply = (op: AriOperation, _p: AriParams) => (op === 'channels.originate' ? { status: 200, body: { id: legId, state: 'Down' } } : op === 'bridges.create' ? { status: 200, body: { id: bridgeId } } : { status: 204 });
    const leg = await control.originate({ endpoint: 'PJSIP/sipp', callerId: 'Voxtra <5550199>', timeoutSeconds: 30, variables: { 'PJSIP_HEADER(add,X-Voxtra)': '1' } });
    expect(transport.sent.at(-1)).toEqual({
      op: 'channels.originate',
      params: { endpoint: 'PJSIP/sipp', app: 'voxtra', appArgs: 'voxtra-dial-leg,1795358673.17', callerId: 'Voxtra <5550199>', timeout: 30, variables: { 'PJSIP_HEADER(add,X-Voxtra)': '1' }, channelId: legId, originator: '1795358673.17' },
    });
    expect(gateway.counts.dialLegs).toBe(1);
    const states: string[] = [];
    leg.onState((s) => states.push(s));
    feed.until((e) => e.type === 'StasisStart' && (e.channel as { id: string }).id === legId);
    expect(states).toEqual(['ringing', 'answered']);
    expect(leg.state).toBe('answered');
    expect(calls).toHaveLength(1); // the leg's StasisStart (args dialed,agent-1 in this trace) is known by id
    const bridge = await control.createBridge();
    expect(transport.sent.at(-1)).toEqual({ op: 'bridges.create', params: { type: 'mixing', bridgeId, name: 'voxtra-1795358673.17' } });
    await bridge.addChannels([control.channelId, leg.channelId]);
    expect(transport.sent.at(-1)).toEqual({ op: 'bridges.addChannel', params: { bridgeId, channel: '1795358673.17,1795358673.18' } });
    await leg.hangup();
    feed.until((e) => e.type === 'ChannelDestroyed');
    expect(states).toEqual(['ringing', 'answered', 'hangup']);
    expect(gateway.counts.dialLegs).toBe(0);
    await control.hangup();
    feed.until((e) => e.type === 'StasisEnd' && (e.channel as { id: string }).id === control.channelId);
    await control.ended;
    await bridge.destroy();
    feed.rest();
    expect(transport.ops().filter((o) => o === 'bridges.destroy')).toHaveLength(1);
    expect(gateway.counts).toEqual({ liveControls: 0, dialLegs: 0, demuxListeners: 0 });
  });

  it('maps Dial statuses and destroy causes of unanswered legs', async () => {
    const { transport, calls, feed, gateway } = setup('originate-dial-bridge', ['leg-busy', 'leg-noanswer', 'leg-failed']);
    const events = traceEvents('originate-dial-bridge');
    feed.until(byType('StasisStart'));
    const control = calls[0].control;
    const dialTemplate = events.find((e) => e.type === 'Dial' && e.dialstatus === 'RINGING') as AriEvent;
    const destroyedTemplate = firstEvent(events, 'ChannelDestroyed');
    const dial = (id: string, dialstatus: string): AriEvent => ({ ...dialTemplate, dialstatus, peer: { ...(dialTemplate.peer as object), id } });
    const destroyed = (id: string, cause: number): AriEvent => ({ ...destroyedTemplate, cause, channel: { ...(destroyedTemplate.channel as object), id } });

    const busy = await control.originate({ endpoint: 'PJSIP/a' });
    transport.emit(dial('leg-busy', 'RINGING'), dial('leg-busy', 'BUSY'), destroyed('leg-busy', 17));
    expect(busy.state).toBe('busy');

    const noAnswer = await control.originate({ endpoint: 'PJSIP/b' });
    transport.emit(destroyed('leg-noanswer', 19));
    expect(noAnswer.state).toBe('no_answer');

    transport.reply = (op) => (op === 'channels.originate' ? { status: 500, body: { message: 'Allocation failed' } } : { status: 204 });
    await expect(control.originate({ endpoint: 'PJSIP/nobody' })).rejects.toMatchObject({ code: 'ARI_REQUEST_FAILED', details: { status: 500 } });
    expect(gateway.counts.dialLegs).toBe(0);
  });

  it('hangs up live legs and destroys bridges left behind when the call ends', async () => {
    const { transport, calls, feed, gateway } = setup('caller-hangs-up-during-playback', ['leg-1', 'bridge-1']);
    feed.until(byType('StasisStart'));
    const control = calls[0].control;
    await control.originate({ endpoint: 'PJSIP/agent' });
    await control.createBridge();
    feed.rest();
    await control.ended;
    await flushAsync();
    expect(transport.sent.filter((s) => s.op === 'channels.hangup').map((s) => s.params.channelId)).toEqual(['leg-1']);
    expect(transport.sent.filter((s) => s.op === 'bridges.destroy').map((s) => s.params.bridgeId)).toEqual(['bridge-1']);
    expect(gateway.counts).toEqual({ liveControls: 0, dialLegs: 0, demuxListeners: 0 });
  });
});

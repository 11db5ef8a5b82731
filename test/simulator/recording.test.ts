import { harness, type Harness } from './helpers/harness';
import type { JsonObject } from '../../src/simulator/model/json';

describe('channel recording', () => {
  const call = async (opts: { talkMs?: number } = {}): Promise<{ t: Harness; id: string }> => {
    const t = harness();
    const id = t.sim.placeCall({ extension: '1000', ...opts });
    await t.advance(0);
    return { t, id };
  };
  const recEvents = (t: Harness): JsonObject[] => t.events.filter((e) => String(e.type).startsWith('Recording'));

  test('ends on max silence after the caller talks, auto-answers, and stores a playable recording', async () => {
    const { t, id } = await call({ talkMs: 3000 });
    const res = t.op('channels.record', { channelId: id, name: 'msg-1', format: 'wav', maxSilenceSeconds: 2 });
    expect(res).toEqual({
      status: 201,
      body: { name: 'msg-1', format: 'wav', state: 'queued', target_uri: `channel:${id}` },
      headers: { Location: '/ari/recordings/live/msg-1' },
    });
    await t.advance(0);
    expect(t.typesFor(id).slice(-2)).toEqual(['ChannelStateChange', 'RecordingStarted']);
    expect(t.op('recordings.getLive', { recordingName: 'msg-1' }).body).toMatchObject({ state: 'recording' });
    await t.advance(4999);
    expect(recEvents(t)).toHaveLength(1);
    await t.advance(1);
    expect(recEvents(t)[1]).toMatchObject({ type: 'RecordingFinished', recording: { name: 'msg-1', state: 'done', duration: 3, talking_duration: 3, silence_duration: 0 } });
    expect(t.op('recordings.getLive', { recordingName: 'msg-1' }).status).toBe(404);
    expect(t.op('recordings.getStored', { recordingName: 'msg-1' }).body).toEqual({ name: 'msg-1', format: 'wav' });
    expect(t.sim.transcript(id)).toContainEqual(expect.objectContaining({ kind: 'recording-finished', name: 'msg-1', cause: 'silence', durationMs: 3200 }));

    t.op('channels.play', { channelId: id, media: 'recording:msg-1' });
    await t.advance(3199);
    expect(t.events.filter((e) => e.type === 'PlaybackFinished')).toHaveLength(0);
    await t.advance(1);
    expect(t.events.filter((e) => e.type === 'PlaybackFinished').map((e) => (e.playback as JsonObject).state)).toEqual(['done']);
  });

  test('a terminating DTMF digit, max duration, stop and cancel each end it', async () => {
    const { t, id } = await call();
    t.op('channels.answer', { channelId: id });
    t.op('channels.record', { channelId: id, name: 'key', format: 'wav', terminateOn: '#' });
    await t.advance(1000);
    t.sim.sendDtmf(id, '1#');
    await t.advance(1000);
    expect(t.sim.transcript(id)).toContainEqual(expect.objectContaining({ kind: 'recording-finished', name: 'key', cause: 'key' }));
    expect(t.events.filter((e) => e.type === 'ChannelDtmfReceived').map((e) => e.digit)).toEqual(['1', '#']);

    t.op('channels.record', { channelId: id, name: 'max', format: 'wav', maxDurationSeconds: 2 });
    await t.advance(2000);
    expect(recEvents(t).slice(-1)[0]).toMatchObject({ type: 'RecordingFinished', recording: { name: 'max', duration: 2 } });
    expect(recEvents(t).slice(-1)[0].recording).not.toHaveProperty('talking_duration');

    t.op('channels.record', { channelId: id, name: 'stopped', format: 'gsm' });
    await t.advance(1500);
    expect(t.op('recordings.stop', { recordingName: 'stopped' }).status).toBe(204);
    expect(recEvents(t).slice(-1)[0]).toMatchObject({ recording: { name: 'stopped', state: 'done', duration: 1 } });

    t.op('channels.record', { channelId: id, name: 'gone', format: 'wav' });
    await t.advance(500);
    expect(t.op('recordings.cancel', { recordingName: 'gone' }).status).toBe(204);
    expect(recEvents(t).slice(-1)[0]).toMatchObject({ type: 'RecordingFinished', recording: { state: 'canceled' } });
    expect(t.op('recordings.getStored', { recordingName: 'gone' }).status).toBe(404);
    expect((t.op('recordings.listStored').body as JsonObject[]).map((r) => r.name)).toEqual(['key', 'max', 'stopped']);
  });

  test('pausing stops the clock; hanging up finishes the recording before StasisEnd', async () => {
    const { t, id } = await call();
    t.op('channels.answer', { channelId: id });
    t.op('channels.record', { channelId: id, name: 'p', format: 'wav', maxDurationSeconds: 3 });
    await t.advance(1000);
    expect(t.op('recordings.pause', { recordingName: 'p' }).status).toBe(204);
    await t.advance(5000);
    expect(t.op('recordings.getLive', { recordingName: 'p' }).body).toMatchObject({ state: 'paused' });
    expect(t.op('recordings.unpause', { recordingName: 'p' }).status).toBe(204);
    await t.advance(1000);
    t.sim.hangup(id);
    const types = t.typesFor(id);
    expect(types.slice(types.indexOf('ChannelHangupRequest'))).toEqual(['ChannelHangupRequest', 'RecordingFinished', 'StasisEnd']);
    expect(t.sim.transcript(id)).toContainEqual(expect.objectContaining({ kind: 'recording-finished', cause: 'hangup', durationMs: 2000 }));
  });

  test('parameter checks follow Asterisk: formats, ifExists, terminateOn, duplicates, names', async () => {
    const { t, id } = await call();
    const rec = (p: Record<string, unknown>) => t.op('channels.record', { channelId: id, format: 'wav', name: 'r', ...p });
    expect(rec({ format: 'mp9' })).toEqual({ status: 422, body: { message: 'specified format is unknown on this system' } });
    expect(rec({ terminateOn: 'x' })).toEqual({ status: 400, body: { message: 'terminateOn invalid' } });
    expect(rec({ ifExists: 'x' })).toEqual({ status: 400, body: { message: 'ifExists invalid' } });
    expect(rec({ name: '../etc/passwd' })).toEqual({ status: 400, body: { message: 'Recording name invalid' } });
    expect(rec({}).status).toBe(201);
    expect(rec({})).toEqual({ status: 409, body: { message: "Recording 'r' already exists and can not be overwritten" } });
    t.op('recordings.stop', { recordingName: 'r' });
    expect(rec({}).status).toBe(409);
    expect(rec({ ifExists: 'overwrite' }).status).toBe(201);
    expect(t.op('recordings.pause', { recordingName: 'nope' })).toEqual({ status: 404, body: { message: 'Recording not found' } });
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planMedia, type MediaLibrary } from '../../src/simulator/model/media';
import { DEFAULT_SOUNDS } from '../../src/simulator/model/sounds';
import { harness, type Harness } from './helpers/harness';
import type { JsonObject } from '../../src/simulator/model/json';

const lib: MediaLibrary = { sounds: DEFAULT_SOUNDS, remote: { 'https://cdn.example/welcome.wav': 1500 }, storedRecordingMs: (n) => (n === 'kept' ? 2500 : undefined) };

/** A PCM WAV of `ms` milliseconds, 8 kHz 16-bit mono, with an extra chunk before `data`. */
function wav(ms: number): Buffer {
  const data = Buffer.alloc(16 * ms);
  const fmt = Buffer.alloc(24);
  fmt.write('fmt ', 0);
  fmt.writeUInt32LE(16, 4);
  fmt.writeUInt16LE(1, 8);
  fmt.writeUInt16LE(1, 10);
  fmt.writeUInt32LE(8000, 12);
  fmt.writeUInt32LE(16000, 16);
  fmt.writeUInt16LE(2, 20);
  fmt.writeUInt16LE(16, 22);
  const list = Buffer.from('LIST\u0004\u0000\u0000\u0000abcd', 'latin1');
  const dataHead = Buffer.alloc(8);
  dataHead.write('data', 0);
  dataHead.writeUInt32LE(data.length, 4);
  const body = Buffer.concat([Buffer.from('WAVE'), fmt, list, dataHead, data]);
  const head = Buffer.alloc(8);
  head.write('RIFF', 0);
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body]);
}

describe('media URIs', () => {
  test('sounds, spoken digits/numbers/characters, tones, recordings and remote media have lengths', () => {
    expect(planMedia('sound:hello-world', lib)).toEqual({ kind: 'timed', durationMs: 1420 });
    expect(planMedia('sound:vm-nobodyavail', lib)).toEqual({ kind: 'timed', durationMs: 2800 });
    expect(planMedia('digits:12ab', lib)).toEqual({ kind: 'timed', durationMs: 1680 });
    expect(planMedia('characters:abc', lib)).toEqual({ kind: 'timed', durationMs: 1260 });
    expect(planMedia('number:123', lib)).toEqual({ kind: 'timed', durationMs: 4 * 420 });
    expect(planMedia('number:20', lib)).toEqual({ kind: 'timed', durationMs: 420 });
    expect(planMedia('tone:!950/330,!1400/330,!1800/330', lib)).toEqual({ kind: 'timed', durationMs: 990 });
    expect(planMedia('tone:ring;tonezone=fr', lib)).toEqual({ kind: 'endless' });
    expect(planMedia('tone:440/500,0/500', lib)).toEqual({ kind: 'endless' });
    expect(planMedia('recording:kept', lib)).toEqual({ kind: 'timed', durationMs: 2500 });
    expect(planMedia('sound:https://cdn.example/welcome.wav', lib)).toEqual({ kind: 'timed', durationMs: 1500 });
  });

  test('missing files fail; unknown schemes, bare names and missing recordings are skipped', () => {
    expect(planMedia('sound:no-such-sound', lib)).toEqual({ kind: 'missing' });
    expect(planMedia('sound:https://cdn.example/other.wav', lib)).toEqual({ kind: 'missing' });
    expect(planMedia('sound:/definitely/not/here', lib)).toEqual({ kind: 'missing' });
    for (const uri of ['foo:bar', 'hello-world', 'recording:no-such-recording', 'https://example.com/x.wav']) expect(planMedia(uri, lib)).toEqual({ kind: 'skipped' });
  });

  test('sound:/absolute/path reads a real WAV header, with or without the extension', () => {
    const dir = mkdtempSync(join(tmpdir(), 'voxtra-sim-'));
    writeFileSync(join(dir, 'prompt.wav'), wav(1234));
    writeFileSync(join(dir, 'raw.ulaw'), Buffer.alloc(4000));
    expect(planMedia(`sound:${join(dir, 'prompt')}`, lib)).toEqual({ kind: 'timed', durationMs: 1234 });
    expect(planMedia(`sound:${join(dir, 'prompt.wav')}`, lib)).toEqual({ kind: 'timed', durationMs: 1234 });
    expect(planMedia(`sound:${join(dir, 'raw')}`, lib)).toEqual({ kind: 'timed', durationMs: 500 });
  });
});

describe('playbacks on a channel', () => {
  const answered = async (): Promise<{ t: Harness; id: string }> => {
    const t = harness();
    const id = t.sim.placeCall({ extension: '1000' });
    await t.advance(0);
    t.op('channels.answer', { channelId: id });
    return { t, id };
  };
  const pbEvents = (t: Harness): string[] => t.events.filter((e) => String(e.type).startsWith('Playback')).map((e) => `${e.type}:${(e.playback as JsonObject).media_uri}:${(e.playback as JsonObject).state}`);

  test('an unsupported URI starts and then vanishes without PlaybackFinished; the next playback still runs', async () => {
    const { t, id } = await answered();
    const first = t.op('channels.play', { channelId: id, media: 'foo:bar' }).body as JsonObject;
    t.op('channels.play', { channelId: id, media: 'sound:beep' });
    await t.advance(440);
    expect(pbEvents(t)).toEqual(['PlaybackStarted:foo:bar:playing', 'PlaybackStarted:sound:beep:playing', 'PlaybackFinished:sound:beep:done']);
    expect(t.op('playbacks.get', { playbackId: String(first.id) }).status).toBe(404);
    expect(t.sim.transcript(id)).toContainEqual(expect.objectContaining({ kind: 'playback-lost', media: 'foo:bar' }));
  });

  test('a list continues past a missing file; a missing single file fails at once', async () => {
    const { t, id } = await answered();
    t.op('channels.play', { channelId: id, media: 'sound:no-such-sound' });
    await t.advance(0);
    expect(pbEvents(t)).toEqual(['PlaybackStarted:sound:no-such-sound:playing', 'PlaybackFinished:sound:no-such-sound:failed']);
    t.op('channels.play', { channelId: id, media: ['sound:vm-goodbye', 'sound:no-such-sound', 'sound:beep'].join(',') });
    await t.advance(880 + 440);
    expect(pbEvents(t).slice(2)).toEqual([
      'PlaybackStarted:sound:vm-goodbye:playing',
      'PlaybackContinuing:sound:vm-goodbye:continuing',
      'PlaybackStarted:sound:no-such-sound:playing',
      'PlaybackContinuing:sound:no-such-sound:continuing',
      'PlaybackStarted:sound:beep:playing',
      'PlaybackFinished:sound:beep:done',
    ]);
  });

  test('pause holds the clock, forward skips, stop reports done; spoken media cannot be stopped', async () => {
    const { t, id } = await answered();
    const pb = String((t.op('channels.play', { channelId: id, media: 'sound:vm-nobodyavail', playbackId: 'p1' }).body as JsonObject).id);
    await t.advance(1000);
    expect(t.op('playbacks.control', { playbackId: pb, operation: 'pause' }).status).toBe(204);
    await t.advance(10_000);
    expect(t.op('playbacks.get', { playbackId: pb }).body).toMatchObject({ state: 'paused' });
    expect(t.op('playbacks.control', { playbackId: pb, operation: 'unpause' }).status).toBe(204);
    await t.advance(799);
    expect(pbEvents(t).filter((e) => e.startsWith('PlaybackFinished'))).toEqual([]);
    await t.advance(1001);
    expect(pbEvents(t).slice(-1)).toEqual(['PlaybackFinished:sound:vm-nobodyavail:done']);

    t.op('channels.play', { channelId: id, media: 'sound:tt-monkeys', playbackId: 'p2' });
    await t.advance(100);
    expect(t.op('playbacks.control', { playbackId: 'p2', operation: 'forward' }).status).toBe(204);
    await t.advance(5099);
    expect(pbEvents(t).slice(-1)).toEqual(['PlaybackStarted:sound:tt-monkeys:playing']);
    await t.advance(1);
    expect(pbEvents(t).slice(-1)).toEqual(['PlaybackFinished:sound:tt-monkeys:done']);

    t.op('channels.play', { channelId: id, media: 'tone:ring', playbackId: 'p3' });
    await t.advance(60_000);
    expect(t.op('playbacks.stop', { playbackId: 'p3' }).status).toBe(204);
    await t.advance(0);
    expect(pbEvents(t).slice(-1)).toEqual(['PlaybackFinished:tone:ring:done']);
    expect(t.sim.transcript(id)).toContainEqual(expect.objectContaining({ kind: 'playback-finished', media: 'tone:ring', state: 'stopped' }));

    t.op('channels.play', { channelId: id, media: 'digits:123', playbackId: 'p4' });
    await t.advance(10);
    expect(t.op('playbacks.stop', { playbackId: 'p4' })).toEqual({ status: 500, body: { message: 'Could not stop playback' } });
    expect(t.op('playbacks.control', { playbackId: 'p4', operation: 'unpause' }).status).toBe(204);
  });

  test('a queued playback can be cancelled before it starts, silently', async () => {
    const { t, id } = await answered();
    t.op('channels.play', { channelId: id, media: 'sound:beep' });
    t.op('channels.play', { channelId: id, media: 'sound:hello-world', playbackId: 'later' });
    expect(t.op('playbacks.get', { playbackId: 'later' }).body).toMatchObject({ state: 'queued' });
    expect(t.op('playbacks.control', { playbackId: 'later', operation: 'pause' })).toEqual({ status: 409, body: { message: 'Can only pause while media is playing' } });
    expect(t.op('playbacks.stop', { playbackId: 'later' }).status).toBe(204);
    await t.advance(3000);
    expect(pbEvents(t)).toEqual(['PlaybackStarted:sound:beep:playing', 'PlaybackFinished:sound:beep:done']);
    expect(t.op('playbacks.get', { playbackId: 'later' }).status).toBe(404);
  });

  test('a caller hangup during a list fails the rest of it, then StasisEnd', async () => {
    const { t, id } = await answered();
    t.op('channels.play', { channelId: id, media: 'sound:hello-world,sound:beep' });
    t.op('channels.play', { channelId: id, media: 'sound:vm-goodbye' });
    await t.advance(100);
    t.sim.hangup(id);
    expect(pbEvents(t)).toEqual([
      'PlaybackStarted:sound:hello-world:playing',
      'PlaybackContinuing:sound:hello-world:continuing',
      'PlaybackStarted:sound:beep:playing',
      'PlaybackFinished:sound:beep:failed',
    ]);
    expect(t.typesFor(id).slice(-1)).toEqual(['StasisEnd']);
  });
});

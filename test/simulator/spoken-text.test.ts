import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatTranscript } from '../../src/simulator';
import { spokenText } from '../../src/simulator/model/spoken-text';
import { encodeWavPcm16 } from '../../src/tts/wav-encode';
import { harness } from './helpers/harness';

const KEY = 'ab'.repeat(32);

/** A TTS cache folder holding one phrase of `ms` milliseconds, with or without its text. */
function ttsDir(ms: number, text?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'voxtra-sim-tts-'));
  writeFileSync(join(dir, `${KEY}.wav`), encodeWavPcm16(new Int16Array(8 * ms), 8000));
  if (text !== undefined) writeFileSync(join(dir, `${KEY}.txt`), `${text}\n`);
  return dir;
}

describe('text-to-speech playbacks in transcripts', () => {
  test('a cached phrase with its <key>.txt reads `said "..."`; the JSON entry carries the text', async () => {
    const dir = ttsDir(1500, 'Press 1 for sales, 2 for support.');
    const t = harness();
    const id = t.sim.placeCall({ extension: '1000' });
    await t.advance(0);
    t.op('channels.answer', { channelId: id });
    t.op('channels.play', { channelId: id, media: `sound:${dir}/${KEY}`, playbackId: 'p1' });
    await t.advance(2000);
    const entry = t.sim.transcript(id).find((e) => e.kind === 'playback-finished');
    expect(entry).toMatchObject({ media: `sound:${dir}/${KEY}`, state: 'done', said: 'Press 1 for sales, 2 for support.' });
    expect(formatTranscript(t.sim.transcript(id)).slice(-1)[0]).toBe('   1.50s  said "Press 1 for sales, 2 for support."');
  });

  test('a phrase stopped by the app reads `said part of`', async () => {
    const dir = ttsDir(3000, 'Welcome to sales.');
    const t = harness();
    const id = t.sim.placeCall({ extension: '1000' });
    await t.advance(0);
    t.op('channels.play', { channelId: id, media: `sound:${dir}/${KEY}`, playbackId: 'p1' });
    await t.advance(1000);
    t.op('playbacks.stop', { playbackId: 'p1' });
    await t.advance(0);
    expect(formatTranscript(t.sim.transcript(id)).slice(-1)[0]).toMatch(/^\s+1\.00s {2}said part of "Welcome to sales\." \(stopped by app\)$/);
  });

  test('without a sidecar, or for other files, the media is shown as before', () => {
    const dir = ttsDir(500);
    expect(spokenText(`sound:${dir}/${KEY}`)).toBeUndefined();
    const other = mkdtempSync(join(tmpdir(), 'voxtra-sim-tts-'));
    writeFileSync(join(other, 'greeting.txt'), 'not a phrase of the cache');
    expect(spokenText(`sound:${other}/greeting`)).toBeUndefined();
    expect(spokenText('sound:hello-world')).toBeUndefined();
    expect(spokenText(`recording:${KEY}`)).toBeUndefined();
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { VoxtraApp } from '../../src/api/voxtra-app';
import type { TranscriptEntry } from '../../src/simulator';
import { tempProject } from '../config/temp-project';
import { describeWithEspeak } from '../tts/espeak-available';
import { startOnSimulator, type SimRun } from './helpers/sim-driver';

const FLOWS = [
  'default: main',
  'flows:',
  '  main:',
  '    steps:',
  '      - answer',
  '      - say: "Thank you for calling."',
  '      - say: { text: "Bonjour", language: fr }',
  '      - say: "Your number ends in {{ call.caller | slice: -4, 4 }}."',
  '      - hangup',
  '',
].join('\n');

/** The WAV header of a `sound:/path/<key>` playback, as Asterisk would read `<key>.wav`. */
function wavHeader(media: string): { format: number; channels: number; rate: number; bits: number; dataBytes: number } {
  const wav = readFileSync(`${media.slice('sound:'.length)}.wav`);
  expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
  expect(wav.toString('ascii', 8, 12)).toBe('WAVE');
  expect(wav.toString('ascii', 12, 16)).toBe('fmt ');
  expect(wav.toString('ascii', 36, 40)).toBe('data');
  return { format: wav.readUInt16LE(20), channels: wav.readUInt16LE(22), rate: wav.readUInt32LE(24), bits: wav.readUInt16LE(34), dataBytes: wav.readUInt32LE(40) };
}

const played = (entries: readonly TranscriptEntry[]) => entries.flatMap((e) => (e.kind === 'playback-finished' ? [{ media: e.media, said: e.said, state: e.state }] : []));

describeWithEspeak('say on the local espeak-ng engine, end to end on the simulator', () => {
  let run: SimRun;
  let speech: string;
  beforeAll(async () => {
    const dir = tempProject({ 'voxtra.config.yaml': 'flows: flows/\ntts: { engine: espeak, dir: speech }\n', 'flows/main.yaml': FLOWS });
    run = await startOnSimulator(await VoxtraApp.fromConfig(dir, { env: {} }), { epochMs: Date.UTC(2026, 10, 23, 10), ttsDir: null });
    speech = path.join(dir, 'speech');
  }, 60_000);
  afterAll(() => run?.stop());

  it('pre-renders the literal texts at load, renders the templated one on first use and nothing on the second call', async () => {
    const tts = run.app.tts;
    expect(tts?.engine.name).toBe('espeak');
    expect(tts?.store.dir).toBe(speech);
    // Two literal texts at load; the templated one waits for a caller.
    expect(tts?.stats.syntheses).toBe(2);

    const first = played(await run.call({ extension: '100', callerNumber: '+15550123' }));
    expect(first.map((p) => [p.said, p.state])).toEqual([
      ['Thank you for calling.', 'done'],
      ['Bonjour', 'done'],
      ['Your number ends in 0123.', 'done'],
    ]);
    expect(tts?.stats.syntheses).toBe(3);

    const second = played(await run.call({ extension: '100', callerNumber: '+15550123' }));
    expect(second.map((p) => p.media)).toEqual(first.map((p) => p.media));
    expect(tts?.stats.syntheses).toBe(3);
    expect(tts?.stats.hits).toBeGreaterThanOrEqual(3);

    // Files Asterisk plays: 8 kHz mono 16-bit PCM WAV, of a speaking length.
    for (const p of first) {
      expect(p.media).toMatch(new RegExp(`^sound:${speech}/[0-9a-f]{64}$`));
      const h = wavHeader(p.media);
      expect({ format: h.format, channels: h.channels, rate: h.rate, bits: h.bits }).toEqual({ format: 1, channels: 1, rate: 8000, bits: 16 });
      expect(h.dataBytes / 16_000).toBeGreaterThan(0.3);
    }
  }, 60_000);
});

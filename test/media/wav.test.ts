import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { looksLikeWav, readWavLayout, wavFileDurationMs } from '../../src/media/wav';
import { encodeWavPcm16 } from '../../src/tts/wav-encode';

/** A WAV file with a free-form fmt chunk (GSM-in-WAV as Asterisk's wav49 writes it, for one). */
function wavWith(fmt: { format: number; channels: number; rate: number; byteRate: number; blockAlign: number; bits: number }, data: Buffer, extra: Buffer[] = []): Buffer {
  const f = Buffer.alloc(8 + 20);
  f.write('fmt ', 0, 'latin1');
  f.writeUInt32LE(20, 4);
  f.writeUInt16LE(fmt.format, 8);
  f.writeUInt16LE(fmt.channels, 10);
  f.writeUInt32LE(fmt.rate, 12);
  f.writeUInt32LE(fmt.byteRate, 16);
  f.writeUInt16LE(fmt.blockAlign, 20);
  f.writeUInt16LE(fmt.bits, 22);
  const head = Buffer.alloc(8);
  head.write('data', 0, 'latin1');
  head.writeUInt32LE(data.length, 4);
  const body = Buffer.concat([Buffer.from('WAVE', 'latin1'), f, ...extra, head, data]);
  const riff = Buffer.alloc(8);
  riff.write('RIFF', 0, 'latin1');
  riff.writeUInt32LE(body.length, 4);
  return Buffer.concat([riff, body]);
}

describe('WAV layout', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'voxtra-wav-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the same layout from a buffer and the same length from the file on disk', () => {
    const buf = encodeWavPcm16(new Int16Array(8000 * 1.5), 8000);
    expect(looksLikeWav(buf)).toBe(true);
    const layout = readWavLayout(buf);
    expect(layout).toMatchObject({ dataStart: 44, dataLength: 24000, format: { audioFormat: 1, channels: 1, sampleRate: 8000, byteRate: 16000, blockAlign: 2, bitsPerSample: 16 } });
    const file = join(dir, 'a.wav');
    writeFileSync(file, buf);
    expect(wavFileDurationMs(file)).toBe(1500);
  });

  it('measures any encoding on disk (GSM in WAV) but decodes only the ones it knows', () => {
    const gsm = wavWith({ format: 49, channels: 1, rate: 8000, byteRate: 1625, blockAlign: 65, bits: 0 }, Buffer.alloc(1625 * 2), [Buffer.from('LIST\x03\x00\x00\x00abc\x00', 'latin1')]);
    const file = join(dir, 'gsm.WAV');
    writeFileSync(file, gsm);
    expect(wavFileDurationMs(file)).toBe(2000);
    expect(() => readWavLayout(gsm)).toThrow(expect.objectContaining({ code: 'AUDIO_INVALID', message: 'unsupported WAV encoding (format 49, 0 bits)' }));
  });

  it('gives no length for a file that is not a WAV file or is cut before its data', () => {
    const text = join(dir, 'not.wav');
    writeFileSync(text, 'hello, not audio at all');
    expect(wavFileDurationMs(text)).toBeUndefined();
    const cut = join(dir, 'cut.wav');
    writeFileSync(cut, encodeWavPcm16(new Int16Array(10), 8000).subarray(0, 36));
    expect(wavFileDurationMs(cut)).toBeUndefined();
  });
});

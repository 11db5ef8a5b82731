import { VoxtraError } from '../../src/core/errors';
import { readWavLayout } from '../../src/media/wav';
import { decodeWav } from '../../src/tts/wav-decode';
import { encodeWavPcm16 } from '../../src/tts/wav-encode';
import { isTelephonyWav, toTelephonyWav } from '../../src/tts/telephony-audio';

/** Builds a WAV file by hand, with any format fields, for the decoder to read. */
function wav(opts: { format: number; channels: number; rate: number; bits: number; data: Buffer; dataSize?: number; extensible?: boolean; extraChunk?: boolean }): Buffer {
  const fmtSize = opts.extensible ? 40 : 16;
  const fmt = Buffer.alloc(8 + fmtSize);
  fmt.write('fmt ', 0, 'latin1');
  fmt.writeUInt32LE(fmtSize, 4);
  fmt.writeUInt16LE(opts.extensible ? 0xfffe : opts.format, 8);
  fmt.writeUInt16LE(opts.channels, 10);
  fmt.writeUInt32LE(opts.rate, 12);
  fmt.writeUInt32LE((opts.rate * opts.channels * opts.bits) / 8, 16);
  fmt.writeUInt16LE((opts.channels * opts.bits) / 8, 20);
  fmt.writeUInt16LE(opts.bits, 22);
  if (opts.extensible) {
    fmt.writeUInt16LE(22, 24);
    fmt.writeUInt16LE(opts.format, 32); // sub-format GUID starts with the format code
  }
  const list = Buffer.from('LIST\x05\x00\x00\x00abcde\x00', 'latin1'); // odd-sized chunk with its pad byte
  const head = Buffer.alloc(8);
  head.write('data', 0, 'latin1');
  head.writeUInt32LE(opts.dataSize ?? opts.data.length, 4);
  const body = Buffer.concat([Buffer.from('WAVE', 'latin1'), fmt, ...(opts.extraChunk ? [list] : []), head, opts.data]);
  const riff = Buffer.alloc(8);
  riff.write('RIFF', 0, 'latin1');
  riff.writeUInt32LE(body.length, 4);
  return Buffer.concat([riff, body]);
}

describe('WAV encode and decode', () => {
  it('writes a canonical 44-byte header that reads back exactly', () => {
    const samples = Int16Array.from([0, 1000, -1000, 32767, -32768]);
    const buf = encodeWavPcm16(samples, 8000);
    expect(buf.length).toBe(44 + 10);
    expect(buf.toString('latin1', 0, 4)).toBe('RIFF');
    expect(buf.readUInt32LE(4)).toBe(buf.length - 8);
    expect(buf.readUInt32LE(16)).toBe(16);
    expect(buf.readUInt16LE(20)).toBe(1);
    expect(buf.readUInt16LE(22)).toBe(1);
    expect(buf.readUInt32LE(24)).toBe(8000);
    expect(buf.readUInt32LE(28)).toBe(16000);
    expect(buf.readUInt16LE(32)).toBe(2);
    expect(buf.readUInt16LE(34)).toBe(16);
    expect(buf.toString('latin1', 36, 40)).toBe('data');
    expect(buf.readUInt32LE(40)).toBe(10);
    const pcm = decodeWav(buf);
    expect(pcm.sampleRate).toBe(8000);
    expect(Array.from(pcm.channels[0], (v) => Math.round(v * 32768))).toEqual([0, 1000, -1000, 32767, -32768]);
    expect(isTelephonyWav(buf)).toBe(true);
  });

  it('reads a streaming header whose sizes are 0x7fffffff (as espeak-ng --stdout writes)', () => {
    const data = Buffer.alloc(6);
    data.writeInt16LE(100, 0);
    data.writeInt16LE(-100, 2);
    data.writeInt16LE(7, 4);
    const buf = wav({ format: 1, channels: 1, rate: 22050, bits: 16, data, dataSize: 0x7ffff000 });
    expect(readWavLayout(buf).dataLength).toBe(6);
    expect(decodeWav(buf).channels[0].length).toBe(3);
  });

  it('skips unknown chunks (with pad bytes) and reads 8/24/32-bit, float, A-law and µ-law, mono or stereo', () => {
    const u8 = wav({ format: 1, channels: 1, rate: 8000, bits: 8, data: Buffer.from([128, 255, 0]), extraChunk: true });
    expect(Array.from(decodeWav(u8).channels[0])).toEqual([0, 127 / 128, -1]);

    const s24 = Buffer.alloc(6);
    s24.writeIntLE(4194304, 0, 3);
    s24.writeIntLE(-8388608, 3, 3);
    expect(Array.from(decodeWav(wav({ format: 1, channels: 1, rate: 8000, bits: 24, data: s24 })).channels[0])).toEqual([0.5, -1]);

    const s32 = Buffer.alloc(4);
    s32.writeInt32LE(-1073741824, 0);
    expect(decodeWav(wav({ format: 1, channels: 1, rate: 8000, bits: 32, data: s32, extensible: true })).channels[0][0]).toBe(-0.5);

    const f32 = Buffer.alloc(8);
    f32.writeFloatLE(0.25, 0);
    f32.writeFloatLE(-0.75, 4);
    const stereo = decodeWav(wav({ format: 3, channels: 2, rate: 44100, bits: 32, data: f32 }));
    expect(stereo.sampleRate).toBe(44100);
    expect(stereo.channels.map((c) => c[0])).toEqual([0.25, -0.75]);

    // G.711 silence codes and a full-scale code.
    expect(decodeWav(wav({ format: 7, channels: 1, rate: 8000, bits: 8, data: Buffer.from([0xff, 0x80]) })).channels[0][0]).toBe(0);
    expect(decodeWav(wav({ format: 7, channels: 1, rate: 8000, bits: 8, data: Buffer.from([0x80]) })).channels[0][0]).toBeCloseTo(32124 / 32768, 6);
    expect(decodeWav(wav({ format: 6, channels: 1, rate: 8000, bits: 8, data: Buffer.from([0xd5]) })).channels[0][0]).toBeCloseTo(8 / 32768, 6);
    expect(decodeWav(wav({ format: 6, channels: 1, rate: 8000, bits: 8, data: Buffer.from([0xaa]) })).channels[0][0]).toBeCloseTo(32256 / 32768, 6);
  });

  it('refuses what it cannot read, with a reason', () => {
    expect(() => decodeWav(Buffer.from('{"error":"quota"}'))).toThrow(new VoxtraError('AUDIO_INVALID', 'not a WAV file (no RIFF/WAVE header)'));
    expect(() => decodeWav(wav({ format: 2, channels: 1, rate: 8000, bits: 4, data: Buffer.alloc(4) }))).toThrow(/unsupported WAV encoding \(format 2, 4 bits\)/);
    const noData = wav({ format: 1, channels: 1, rate: 8000, bits: 16, data: Buffer.alloc(0) }).subarray(0, 36);
    expect(() => decodeWav(noData)).toThrow(/no data chunk/);
    expect(isTelephonyWav(encodeWavPcm16(new Int16Array(0), 8000))).toBe(false);
    expect(isTelephonyWav(encodeWavPcm16(new Int16Array(10), 16000))).toBe(false);
  });

  it('converts any WAV to 8 kHz mono 16-bit, mixing the channels', () => {
    const frames = 4410;
    const data = Buffer.alloc(frames * 4);
    for (let i = 0; i < frames; i++) {
      data.writeInt16LE(8000, i * 4); // left
      data.writeInt16LE(-4000, i * 4 + 2); // right
    }
    const out = toTelephonyWav(decodeWav(wav({ format: 1, channels: 2, rate: 44100, bits: 16, data })));
    const layout = readWavLayout(out);
    expect(layout.format).toMatchObject({ audioFormat: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16 });
    expect(layout.dataLength).toBe(800 * 2);
    expect(out.readInt16LE(44 + 400 * 2)).toBe(2000);
  });
});

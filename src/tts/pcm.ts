/** Decoded audio: one Float32Array per channel, samples in [-1, 1]. */
export interface Pcm {
  readonly sampleRate: number;
  readonly channels: readonly Float32Array[];
}

/** Averages the channels into one. */
export function downmix(pcm: Pcm): Float32Array {
  if (pcm.channels.length === 1) return pcm.channels[0];
  const n = pcm.channels[0]?.length ?? 0;
  const out = new Float32Array(n);
  for (const ch of pcm.channels) for (let i = 0; i < n; i++) out[i] += ch[i];
  const k = 1 / pcm.channels.length;
  for (let i = 0; i < n; i++) out[i] *= k;
  return out;
}

/** Rounds to signed 16-bit with clipping. */
export function toInt16(samples: Float32Array | Float64Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const v = Math.round(samples[i] * 32768);
    out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
  return out;
}

/**
 * Decodes raw `audio/L16` (RFC 3551: signed 16-bit, big-endian, interleaved).
 * A trailing odd byte or partial frame is dropped.
 */
export function decodeL16(data: Buffer, sampleRate: number, channelCount = 1): Pcm {
  const frames = Math.floor(data.length / (2 * channelCount));
  const channels = Array.from({ length: channelCount }, () => new Float32Array(frames));
  for (let f = 0; f < frames; f++) {
    for (let c = 0; c < channelCount; c++) channels[c][f] = data.readInt16BE((f * channelCount + c) * 2) / 32768;
  }
  return { sampleRate, channels };
}

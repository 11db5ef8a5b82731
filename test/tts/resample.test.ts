import { resample } from '../../src/tts/resample';

function sine(freq: number, rate: number, seconds: number, amplitude: number): Float32Array {
  const out = new Float32Array(Math.round(rate * seconds));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * freq * i) / rate);
  return out;
}

/** Amplitude of the `freq` component over the middle of the signal (edges hold the filter's ramp). */
function amplitudeAt(x: Float32Array, rate: number, freq: number): number {
  const from = Math.floor(x.length * 0.1);
  const to = Math.floor(x.length * 0.9);
  let re = 0;
  let im = 0;
  for (let n = from; n < to; n++) {
    re += x[n] * Math.cos((2 * Math.PI * freq * n) / rate);
    im += x[n] * Math.sin((2 * Math.PI * freq * n) / rate);
  }
  return (2 * Math.hypot(re, im)) / (to - from);
}

function rms(x: Float32Array): number {
  const from = Math.floor(x.length * 0.1);
  const to = Math.floor(x.length * 0.9);
  let s = 0;
  for (let n = from; n < to; n++) s += x[n] * x[n];
  return Math.sqrt(s / (to - from));
}

function zeroCrossings(x: Float32Array): number {
  let n = 0;
  for (let i = 1; i < x.length; i++) if ((x[i - 1] < 0) !== (x[i] < 0)) n++;
  return n;
}

describe('resample', () => {
  it('keeps a 1 kHz tone at its frequency and amplitude going from 22050 Hz to 8 kHz', () => {
    const out = resample(sine(1000, 22050, 1, 0.5), 22050, 8000);
    expect(out.length).toBe(8000);
    expect(amplitudeAt(out, 8000, 1000)).toBeCloseTo(0.5, 2);
    expect(amplitudeAt(out, 8000, 1100)).toBeLessThan(0.01);
    expect(Math.abs(zeroCrossings(out) - 2000)).toBeLessThanOrEqual(2);
  });

  it('keeps a 3 kHz tone (inside the telephone band) within 2 %', () => {
    const out = resample(sine(3000, 22050, 1, 0.5), 22050, 8000);
    expect(amplitudeAt(out, 8000, 3000)).toBeGreaterThan(0.49);
    expect(amplitudeAt(out, 8000, 3000)).toBeLessThan(0.51);
  });

  it.each([4500, 6000, 9000])('attenuates a %i Hz tone (above 4 kHz) instead of aliasing it', (freq) => {
    const out = resample(sine(freq, 22050, 1, 0.5), 22050, 8000);
    const alias = Math.abs(8000 - (freq % 8000)) % 8000;
    // -60 dB or better relative to the input, both overall and at the frequency it would fold to.
    expect(rms(out)).toBeLessThan(0.5 * 0.001);
    expect(amplitudeAt(out, 8000, alias)).toBeLessThan(0.5 * 0.001);
  });

  it.each([44100, 48000, 16000, 11025, 22051])('converts %i Hz to 8 kHz with the tone intact', (rate) => {
    const out = resample(sine(440, rate, 0.5, 0.8), rate, 8000);
    expect(out.length).toBe(Math.floor((Math.round(rate * 0.5) * 8000) / rate));
    expect(amplitudeAt(out, 8000, 440)).toBeGreaterThan(0.79);
    expect(amplitudeAt(out, 8000, 440)).toBeLessThan(0.81);
  });

  it('filters just as well for a rate that takes the interpolated filter bank', () => {
    const out = resample(sine(6000, 22051, 1, 0.5), 22051, 8000);
    expect(rms(out)).toBeLessThan(0.5 * 0.001);
  });

  it('upsamples without changing the tone', () => {
    const out = resample(sine(1000, 6000, 0.5, 0.5), 6000, 8000);
    expect(out.length).toBe(4000);
    expect(amplitudeAt(out, 8000, 1000)).toBeCloseTo(0.5, 2);
  });

  it('keeps a constant constant and returns the input when rates match', () => {
    const dc = new Float32Array(22050).fill(0.25);
    const out = resample(dc, 22050, 8000);
    expect(out[4000]).toBeCloseTo(0.25, 6);
    const same = new Float32Array([0.1, 0.2]);
    expect(resample(same, 8000, 8000)).toBe(same);
    expect(() => resample(same, 0, 8000)).toThrow(RangeError);
  });
});

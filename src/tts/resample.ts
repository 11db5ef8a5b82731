/**
 * Band-limited sample-rate conversion: a Kaiser-windowed sinc low-pass
 * evaluated as a polyphase filter. The cut-off sits at 45 % of the lower of
 * the two rates (3.6 kHz when going to 8 kHz), and the stop band reaches about
 * -80 dB by the new Nyquist frequency, so speech keeps its band and nothing
 * above 4 kHz folds back as aliasing.
 */

const ZERO_CROSSINGS = 24;
const KAISER_BETA = 8;
const CUTOFF = 0.45;
/** Ratios that would need more phases than this interpolate linearly between INTERPOLATED_PHASES tabulated ones. */
const MAX_PHASES = 4096;
const INTERPOLATED_PHASES = 512;

interface FilterBank {
  /** Output step numerator/denominator in input samples: position(n) = n * step / phases. */
  readonly step: number;
  readonly phases: number;
  /** Taps per phase: tap k applies to input index floor(pos) + k - half + 1. */
  readonly taps: number;
  readonly half: number;
  readonly coeffs: Float64Array;
  readonly exact: boolean;
}

const banks = new Map<string, FilterBank>();

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 50; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

function bankFor(inRate: number, outRate: number): FilterBank {
  const key = `${inRate}:${outRate}`;
  const cached = banks.get(key);
  if (cached) return cached;
  const g = gcd(inRate, outRate);
  const exact = outRate / g <= MAX_PHASES;
  const phases = exact ? outRate / g : INTERPOLATED_PHASES;
  // Interpolated banks keep one extra row (fraction 1.0) so every fraction has a neighbour above it.
  const rows = exact ? phases : phases + 1;
  // Cut-off in cycles per input sample.
  const fc = (CUTOFF * Math.min(inRate, outRate)) / inRate;
  const half = Math.ceil(ZERO_CROSSINGS / (2 * fc));
  const taps = 2 * half;
  const coeffs = new Float64Array(rows * taps);
  const i0beta = besselI0(KAISER_BETA);
  for (let p = 0; p < rows; p++) {
    const frac = p / phases;
    let sum = 0;
    for (let k = 0; k < taps; k++) {
      const d = k - half + 1 - frac; // distance from the output instant, in input samples
      const x = 2 * fc * d;
      const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
      const r = d / half;
      const w = Math.abs(r) >= 1 ? 0 : besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / i0beta;
      const c = 2 * fc * sinc * w;
      coeffs[p * taps + k] = c;
      sum += c;
    }
    // Unity gain at DC for every phase, so a constant stays constant.
    for (let k = 0; k < taps; k++) coeffs[p * taps + k] /= sum;
  }
  const bank: FilterBank = { step: exact ? inRate / g : 0, phases, taps, half, coeffs, exact };
  banks.set(key, bank);
  return bank;
}

/** Converts `input` sampled at `inRate` Hz to `outRate` Hz. Returns the input itself when the rates match. */
export function resample(input: Float32Array, inRate: number, outRate: number): Float32Array {
  if (!Number.isInteger(inRate) || !Number.isInteger(outRate) || inRate <= 0 || outRate <= 0) {
    throw new RangeError(`sample rates must be positive integers (got ${inRate} and ${outRate})`);
  }
  if (inRate === outRate) return input;
  const bank = bankFor(inRate, outRate);
  const outLength = Math.floor((input.length * outRate) / inRate);
  const out = new Float32Array(outLength);
  const { taps, half, coeffs, phases } = bank;
  const last = input.length - 1;
  for (let n = 0; n < outLength; n++) {
    let base: number;
    let phase: number;
    let t = 0; // weight of the next phase row (interpolated banks only)
    if (bank.exact) {
      const pos = n * bank.step; // in units of 1/phases input samples
      base = Math.floor(pos / phases);
      phase = pos - base * phases;
    } else {
      const pos = (n * inRate) / outRate;
      base = Math.floor(pos);
      const f = (pos - base) * phases;
      phase = Math.floor(f);
      t = f - phase;
    }
    const first = base - half + 1;
    const kFrom = first < 0 ? -first : 0;
    const kTo = first + taps - 1 > last ? last - first + 1 : taps;
    const row = phase * taps;
    let acc = 0;
    if (t === 0) {
      for (let k = kFrom; k < kTo; k++) acc += input[first + k] * coeffs[row + k];
    } else {
      const next = row + taps;
      for (let k = kFrom; k < kTo; k++) acc += input[first + k] * (coeffs[row + k] + t * (coeffs[next + k] - coeffs[row + k]));
    }
    out[n] = acc;
  }
  return out;
}

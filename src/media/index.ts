export { looksLikeWav, readWavLayout, wavFileDurationMs, WAV_ENCODING } from './wav';
export type { WavFormat, WavLayout } from './wav';

import { VoxtraError } from '../core/errors';

/** Recording names: they become file names on the Asterisk server, so only a safe charset. */
export const RECORDING_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Formats Asterisk records in (with the usual format modules loaded). */
export const RECORDING_FORMATS = ['wav', 'wav16', 'gsm', 'ulaw', 'alaw', 'sln', 'sln16', 'g722', 'g729', 'wav49', 'ogg'] as const;

export function checkRecordingName(name: string): string {
  if (RECORDING_NAME.test(name)) return name;
  throw new VoxtraError('UNSAFE_INPUT', `refused recording name: ${JSON.stringify(name)}`, { what: 'recording name', value: name });
}

export function checkRecordingFormat(format: string): string {
  if ((RECORDING_FORMATS as readonly string[]).includes(format)) return format;
  throw new VoxtraError('STEP_FAILED', `recording format must be one of ${RECORDING_FORMATS.join(', ')} (got ${JSON.stringify(format)})`);
}

/** A limit in ms as ARI's whole seconds (rounded up, so a limit never shrinks); 0 or absent: none. */
export function limitSeconds(ms: number | undefined): number | undefined {
  if (ms === undefined || ms <= 0) return undefined;
  return Math.ceil(ms / 1000);
}

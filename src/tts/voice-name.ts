import { VoxtraError } from '../core/errors';

// Letters, digits and . _ + - in slash-separated parts (espeak-ng names mbrola
// voices "mb/mb-en1"); never a leading "-", never "..", so a voice name can be
// neither an option nor a path out of the voices folder.
const SAFE = /^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}(?:\/[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}){0,3}$/;

/** Throws `VoxtraError('UNSAFE_INPUT')` unless `value` is a plausible voice or language name. */
export function checkVoiceName(value: string, what: 'voice' | 'language'): string {
  if (!SAFE.test(value)) {
    throw new VoxtraError('UNSAFE_INPUT', `tts ${what} ${JSON.stringify(value.slice(0, 80))} is not a valid ${what} name (letters, digits, . _ + - and /)`, { [what]: value });
  }
  return value;
}

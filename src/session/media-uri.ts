import { VoxtraError } from '../core/errors';

/** Media schemes Voxtra plays (ARI's own plus http(s) URLs). */
export const MEDIA_SCHEMES = ['sound', 'digits', 'number', 'characters', 'tone', 'recording', 'http', 'https'] as const;

// Per-scheme shapes. Commas would split ARI's media list and control
// characters or spaces have no place in any of them; `..` would let caller
// input climb out of the sounds or recordings folders.
const RESOURCE: Record<string, RegExp> = {
  sound: /^[A-Za-z0-9_/.-]{1,255}$/,
  recording: /^[A-Za-z0-9_/.-]{1,255}$/,
  digits: /^[0-9A-Za-z*#]{1,64}$/,
  number: /^-?[0-9]{1,18}$/,
  characters: /^[A-Za-z0-9*#@._+-]{1,64}$/,
  tone: /^[A-Za-z0-9_!+/*;=.-]{1,128}$/,
};
// eslint-disable-next-line no-control-regex
const URL_TEXT = /^https?:\/\/[^\s,\u0000-\u001f\u007f]{1,2000}$/;

function refuse(uri: string, why: string): never {
  throw new VoxtraError('UNSAFE_INPUT', `refused media URI ${JSON.stringify(uri)}: ${why}`, { what: 'media', value: uri });
}

/** Returns the URI when it is safe to hand to ARI; throws `UNSAFE_INPUT` otherwise. */
export function checkMediaUri(uri: string): string {
  if (/^https?:/i.test(uri)) {
    if (!URL_TEXT.test(uri)) refuse(uri, 'not a plain http(s) URL (no spaces, commas or control characters)');
    try {
      new URL(uri);
    } catch {
      refuse(uri, 'not a valid URL');
    }
    return uri;
  }
  const colon = uri.indexOf(':');
  const scheme = colon > 0 ? uri.slice(0, colon) : '';
  const shape = RESOURCE[scheme];
  if (!shape) refuse(uri, `the scheme must be one of ${MEDIA_SCHEMES.join(', ')}`);
  const resource = uri.slice(colon + 1);
  if (!shape.test(resource)) refuse(uri, `not a valid ${scheme}: resource`);
  if ((scheme === 'sound' || scheme === 'recording') && resource.split('/').includes('..')) refuse(uri, '".." is not allowed');
  return uri;
}

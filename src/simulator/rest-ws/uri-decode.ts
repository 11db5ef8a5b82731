/**
 * ast_uri_decode with ast_uri_http_legacy: `+` is a space and `%XX` a byte;
 * a `%` not followed by two hex digits stays as it is.
 */
export function legacyUriDecode(s: string): string {
  if (!s.includes('%') && !s.includes('+')) return s;
  const bytes: number[] = [];
  const raw = Buffer.from(s.replace(/\+/g, ' '), 'utf8');
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === 0x25 && i + 2 < raw.length && isHex(raw[i + 1]) && isHex(raw[i + 2])) {
      bytes.push(Number.parseInt(String.fromCharCode(raw[i + 1], raw[i + 2]), 16));
      i += 2;
    } else bytes.push(c);
  }
  return Buffer.from(bytes).toString('utf8');
}

const isHex = (c: number | undefined): boolean => c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66));

/** ast_http_parse_post_form: `a=1&b=x+y` → pairs, decoded; a name without `=` gets "". */
export function parseForm(text: string): Array<[string, string]> {
  return text.split('&').map((part) => {
    const eq = part.indexOf('=');
    return eq < 0 ? [legacyUriDecode(part), ''] : [legacyUriDecode(part.slice(0, eq)), legacyUriDecode(part.slice(eq + 1))];
  });
}

/** A caller id as ARI shows it. */
export interface CallerId {
  name: string;
  number: string;
}

/**
 * Parses an originate `callerId` the way Asterisk's ast_callerid_parse does for
 * the common shapes: `Name <number>`, `"Quoted Name" <number>`, `<number>`,
 * a bare number, or a bare name.
 */
export function parseCallerId(raw: string | undefined): CallerId {
  if (!raw) return { name: '', number: '' };
  const text = raw.trim();
  const angle = /^(.*?)\s*<([^>]*)>\s*$/.exec(text);
  if (angle) return { name: unquote(angle[1].trim()), number: angle[2].trim() };
  if (/^[+0-9*#]+$/.test(text)) return { name: '', number: text };
  return { name: unquote(text), number: '' };
}

function unquote(s: string): string {
  return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s;
}

/** `"Name" <number>` as `${CALLERID(all)}` renders it. */
export function formatCallerIdAll(c: CallerId): string {
  return `"${c.name}" <${c.number}>`;
}

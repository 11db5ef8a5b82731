/** Text for a `;` comment in an Asterisk .conf file: one line, and no `;` (`;--` would open a block comment). */
export function confComment(text: string): string {
  return text.replace(/[\r\n;]+/g, ' ').trimEnd();
}

/** Comment lines (`; text`), each made safe. */
export function commentLines(lines: readonly string[]): string[] {
  return lines.map((l) => (l === '' ? ';' : `; ${confComment(l)}`));
}

/**
 * How an operator includes a generated file: Asterisk resolves relative
 * `#include` paths against its config folder, so a file under /etc/asterisk
 * is named relative to it, anything else by its absolute path.
 */
export function includePath(file: string, asteriskDir = '/etc/asterisk'): string {
  const prefix = `${asteriskDir.replace(/\/+$/, '')}/`;
  return file.startsWith(prefix) ? file.slice(prefix.length) : file;
}

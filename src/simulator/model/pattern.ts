/**
 * Asterisk extension patterns (`_X.`, `_+X.`, `_[a-z].`, `_NXX`): X = 0-9,
 * Z = 1-9, N = 2-9, [..] a class, `.` one or more of anything, `!` zero or
 * more. Without a leading `_` an extension matches only itself.
 */
export function matchesExtension(pattern: string, exten: string): boolean {
  if (!pattern.startsWith('_')) return pattern === exten;
  let re = '^';
  const p = pattern.slice(1);
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === 'X' || c === 'x') re += '[0-9]';
    else if (c === 'Z' || c === 'z') re += '[1-9]';
    else if (c === 'N' || c === 'n') re += '[2-9]';
    else if (c === '.') re += '.+';
    else if (c === '!') re += '.*';
    else if (c === '[') {
      const end = p.indexOf(']', i);
      if (end < 0) return false;
      re += `[${p.slice(i + 1, end).replace(/[\\^\]]/g, '\\$&')}]`;
      i = end;
    } else re += c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  }
  return new RegExp(`${re}$`).test(exten);
}

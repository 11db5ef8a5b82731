/**
 * The small part of glob syntax flow paths use (`*`, `**`, `?`, `[...]`,
 * `{a,b}`), enough to decide whether a changed file falls under a glob flow
 * path. chokidar 4 no longer matches globs, and when in doubt this errs
 * towards matching: a spurious reload is harmless, a missed one is not.
 */

const GLOB_SEGMENT = /[*?[\]{}]|[!+@]\(/;

/** True when `path` contains glob syntax. */
export function isGlob(path: string): boolean {
  return GLOB_SEGMENT.test(path);
}

/**
 * Splits a glob into the folder before its first glob segment and the rest:
 * `flows/**\/*.yaml` → `{ base: 'flows', pattern: '**\/*.yaml' }`.
 */
export function splitGlob(glob: string): { base: string; pattern: string } {
  const parts = glob.replace(/\\/g, '/').split('/');
  const first = parts.findIndex((p) => GLOB_SEGMENT.test(p));
  if (first < 0) return { base: parts.join('/'), pattern: '' };
  const base = parts.slice(0, first).join('/');
  return { base: base === '' && glob.startsWith('/') ? '/' : base || '.', pattern: parts.slice(first).join('/') };
}

/** True when the pattern can match files below its first folder level. */
export function globCrossesFolders(pattern: string): boolean {
  return pattern.includes('/') || pattern.includes('**');
}

/** Compiles a glob pattern (relative, `/`-separated) to an anchored RegExp. */
export function globToRegExp(pattern: string): RegExp {
  // Extglobs are rare in flow paths; match everything below the base instead of guessing.
  if (/[!+@*?]\(/.test(pattern)) return /^.*$/;
  return new RegExp(`^${translate(pattern)}$`);
}

function translate(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        // `**/` matches zero or more folders; a trailing `**` anything.
        const slash = pattern[i + 2] === '/';
        out += slash ? '(?:[^/]*/)*' : '.*';
        i += slash ? 2 : 1;
      } else {
        out += '[^/]*';
      }
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) {
        out += '\\[';
        continue;
      }
      let body = pattern.slice(i + 1, end).replace(/\\/g, '\\\\');
      if (body.startsWith('!')) body = `^${body.slice(1)}`;
      out += `[${body}]`;
      i = end;
    } else if (c === '{') {
      const end = matchingBrace(pattern, i);
      if (end < 0) {
        out += '\\{';
        continue;
      }
      out += `(?:${splitTopLevel(pattern.slice(i + 1, end)).map(translate).join('|')})`;
      i = end;
    } else {
      out += c.replace(/[.+^$()|\\]/g, '\\$&');
    }
  }
  return out;
}

function matchingBrace(pattern: string, open: number): number {
  let depth = 0;
  for (let i = open; i < pattern.length; i++) {
    if (pattern[i] === '{') depth++;
    else if (pattern[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '{') depth++;
    else if (body[i] === '}') depth--;
    else if (body[i] === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

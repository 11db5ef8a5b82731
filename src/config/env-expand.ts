import type { DiagnosticCode } from '../diagnostics/codes';

/** A problem with one `${...}` reference. */
export interface EnvProblem {
  readonly code: Extract<DiagnosticCode, 'ENV_UNDEFINED' | 'ENV_SYNTAX'>;
  readonly message: string;
  /** Offset of the reference in the string. */
  readonly offset: number;
}

const REFERENCE = /^([A-Za-z_][A-Za-z0-9_]*)(?::-([\s\S]*))?$/;

/**
 * Expands `${NAME}` and `${NAME:-default}` (default also when NAME is set but
 * empty, as in the shell) from `env`. `$$` is a literal `$`; any other `$` is
 * kept as it is, so passwords with a `$` need no escaping unless a `{` follows.
 */
export function expandEnv(text: string, env: Readonly<Record<string, string | undefined>>): { value: string; problems: EnvProblem[] } {
  const problems: EnvProblem[] = [];
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    if (text[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (text[i + 1] !== '{') {
      out += '$';
      i++;
      continue;
    }
    const close = text.indexOf('}', i + 2);
    if (close < 0) {
      problems.push({ code: 'ENV_SYNTAX', message: `"${text.slice(i)}" is not closed with "}"`, offset: i });
      break;
    }
    const inner = text.slice(i + 2, close);
    const m = REFERENCE.exec(inner);
    if (!m || (m[2] ?? '').includes('${')) {
      problems.push({ code: 'ENV_SYNTAX', message: `"\${${inner}}" is not a valid reference`, offset: i });
    } else {
      const [, name, fallback] = m;
      const value = env[name];
      if (value !== undefined && !(fallback !== undefined && value === '')) out += value;
      else if (fallback !== undefined) out += fallback;
      else problems.push({ code: 'ENV_UNDEFINED', message: `environment variable ${name} is not set`, offset: i });
    }
    i = close + 1;
  }
  return { value: out, problems };
}

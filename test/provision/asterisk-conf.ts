import { parseAsteriskPattern } from '../../src/routing/asterisk-pattern';

/**
 * A small reader of Asterisk's .conf syntax, enough to check what
 * `voxtra provision` writes: `[section]` headers (with `(template)` options),
 * `key = value` and `key => value` lines, `;` comments (`\;` is a literal
 * semicolon), `;-- ... --;` block comments and `#include`. Anything else is
 * reported as a problem, as Asterisk would warn about it.
 */
export interface ConfEntry {
  readonly key: string;
  readonly value: string;
  readonly line: number;
  /** `=>` rather than `=`. */
  readonly arrow: boolean;
}

export interface ConfSection {
  readonly name: string;
  readonly entries: ConfEntry[];
}

export interface ConfFile {
  /** Settings before the first section header (an included snippet). */
  readonly preamble: ConfEntry[];
  readonly sections: ConfSection[];
  readonly includes: string[];
  readonly problems: string[];
}

export function parseConf(text: string): ConfFile {
  const file: ConfFile = { preamble: [], sections: [], includes: [], problems: [] };
  let current: ConfEntry[] = file.preamble;
  let inBlock = false;
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    let l = raw;
    if (inBlock) {
      const end = l.indexOf('--;');
      if (end < 0) return;
      inBlock = false;
      l = l.slice(end + 3);
    }
    const block = l.indexOf(';--');
    if (block >= 0 && l.indexOf('--;', block + 3) < 0) {
      inBlock = true;
      l = l.slice(0, block);
    }
    // A comment starts at the first `;` not escaped with a backslash.
    const comment = /(^|[^\\]);/.exec(l);
    if (comment) l = l.slice(0, comment.index + comment[1].length);
    l = l.replace(/\\;/g, ';').trim();
    if (l === '') return;
    if (l.startsWith('#include')) {
      const m = /^#include\s+"?([^"]+)"?$/.exec(l);
      if (m) file.includes.push(m[1]);
      else file.problems.push(`line ${line}: bad #include`);
      return;
    }
    const header = /^\[([^\]]+)\](?:\(([^)]*)\))?$/.exec(l);
    if (header) {
      const section: ConfSection = { name: header[1], entries: [] };
      file.sections.push(section);
      current = section.entries;
      return;
    }
    const kv = /^([^=\s][^=]*?)\s*(=>|=)\s*(.*)$/.exec(l);
    if (!kv) {
      file.problems.push(`line ${line}: not a setting: ${l}`);
      return;
    }
    current.push({ key: kv[1], value: kv[3], line, arrow: kv[2] === '=>' });
  });
  if (inBlock) file.problems.push('block comment not closed');
  return file;
}

/** One dialplan priority: application and its data. */
export interface Priority {
  readonly app: string;
  readonly data: string;
  readonly label?: string;
}

/** context → extension (as written) → priorities 1..n. */
export type Dialplan = Map<string, Map<string, Priority[]>>;

/**
 * Reads `exten => EXT,PRIO,App(data)` and `same => n,App(data)` lines into a
 * dialplan, checking what Asterisk would refuse: priorities out of order, a
 * `same` with no extension before it, unbalanced parentheses.
 */
export function readDialplan(conf: ConfFile): { dialplan: Dialplan; problems: string[] } {
  const dialplan: Dialplan = new Map();
  const problems: string[] = [];
  for (const section of conf.sections) {
    const extens = new Map<string, Priority[]>();
    dialplan.set(section.name, extens);
    let last: Priority[] | undefined;
    for (const e of section.entries) {
      const where = `${section.name} line ${e.line}`;
      if (!e.arrow || (e.key !== 'exten' && e.key !== 'same')) {
        problems.push(`${where}: not a dialplan line: ${e.key}`);
        continue;
      }
      const parts = e.key === 'exten' ? /^([^,]+),([^,]+),(.*)$/.exec(e.value) : /^()([^,]+),(.*)$/.exec(e.value);
      if (!parts) {
        problems.push(`${where}: cannot read ${e.value}`);
        continue;
      }
      const [, exten, prio, appPart] = parts;
      const app = /^([A-Za-z]+)\((.*)\)$/.exec(appPart);
      if (!app || !balanced(app[2])) {
        problems.push(`${where}: bad application ${appPart}`);
        continue;
      }
      const label = /^n\(([A-Za-z_][A-Za-z0-9_-]*)\)$/.exec(prio)?.[1];
      let list: Priority[];
      if (e.key === 'exten') {
        if (extens.has(exten)) problems.push(`${where}: extension ${exten} defined twice`);
        list = [];
        extens.set(exten, list);
        if (prio !== '1') problems.push(`${where}: ${exten} starts at priority ${prio}`);
      } else {
        if (!last) {
          problems.push(`${where}: "same" without an extension`);
          continue;
        }
        list = last;
        if (prio !== 'n' && label === undefined) problems.push(`${where}: priority ${prio} (expected n)`);
      }
      list.push({ app: app[1], data: app[2], ...(label !== undefined ? { label } : {}) });
      last = list;
    }
  }
  return { dialplan, problems };
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (depth < 0) return false;
  }
  return depth === 0;
}

/** The extension Asterisk would run for `exten` in a context: an exact match first, then the first pattern that matches. */
export function findExtension(dialplan: Dialplan, context: string, exten: string): { name: string; priorities: Priority[] } | undefined {
  const extens = dialplan.get(context);
  if (!extens) return undefined;
  const exact = extens.get(exten);
  if (exact && !exten.startsWith('_')) return { name: exten, priorities: exact };
  for (const [name, priorities] of extens) {
    if (!name.startsWith('_')) continue;
    const p = parseAsteriskPattern(name);
    if (!p.ok) throw new Error(`pattern ${name}: ${p.message}`);
    if (p.regex.test(exten)) return { name, priorities };
  }
  return undefined;
}

/** What one call did in the dialplan, application by application (variables substituted). */
export interface Walk {
  /** The extension (or pattern) the call entered by. */
  readonly via?: string;
  readonly steps: string[];
  readonly end: 'hangup' | 'stasis' | 'fell-off' | 'no-extension';
}

/**
 * Runs a call through the dialplan the way Asterisk would for the few
 * applications provision writes. `stasis` says whether Stasis() or
 * StasisBroadcast() hands the call to an app (then the walk ends there, as
 * the app owns the call); when it does not, they set STASISSTATUS to
 * `status` (default FAILED; TIMEOUT when nobody claims a broadcast).
 */
export function walkDialplan(dialplan: Dialplan, context: string, exten: string, opts: { stasis: boolean; status?: 'FAILED' | 'TIMEOUT' }): Walk {
  const steps: string[] = [];
  const vars: Record<string, string> = {};
  let ctx = context;
  let ext = exten;
  let found = findExtension(dialplan, ctx, ext);
  const via = found?.name;
  let prio = 1;
  for (let guard = 0; guard < 100; guard++) {
    if (!found) return { ...(via !== undefined ? { via } : {}), steps, end: 'no-extension' };
    const p = found.priorities[prio - 1];
    if (!p) return { ...(via !== undefined ? { via } : {}), steps, end: 'fell-off' };
    const data = p.data.replace(/\$\{([A-Za-z_]+)(?:\(([^)]*)\))?\}/g, (_m, name: string) => (name === 'EXTEN' ? ext : name === 'CALLERID' ? '+15550100' : (vars[name] ?? '')));
    steps.push(`${p.app}(${data})`);
    const jump = (target: string): void => {
      const parts = target.split(',');
      const priority = parts.pop() as string;
      if (parts.length) ext = parts.pop() as string;
      if (parts.length) ctx = parts.pop() as string;
      found = findExtension(dialplan, ctx, ext);
      prio = /^\d+$/.test(priority) ? Number(priority) : (found?.priorities.findIndex((x) => x.label === priority) ?? -2) + 1;
    };
    switch (p.app) {
      case 'Stasis':
      case 'StasisBroadcast':
        if (opts.stasis) return { ...(via !== undefined ? { via } : {}), steps, end: 'stasis' };
        vars.STASISSTATUS = opts.status ?? 'FAILED';
        prio++;
        break;
      case 'Hangup':
        return { ...(via !== undefined ? { via } : {}), steps, end: 'hangup' };
      case 'Goto':
        jump(data);
        break;
      case 'GotoIf': {
        const m = /^\$\["(.*)" = "(.*)"\]\?([^:]*)(?::(.*))?$/.exec(data);
        if (!m) throw new Error(`cannot evaluate GotoIf(${data})`);
        const target = m[1] === m[2] ? m[3] : m[4];
        if (target) jump(target);
        else prio++;
        break;
      }
      default:
        prio++;
    }
  }
  throw new Error('dialplan loop');
}

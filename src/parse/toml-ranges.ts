import type { JsonPath } from '../core/json-path';
import type { NodeEntry, NodeKind, Span } from './node-ranges';
import { parseTomlSource } from './parse-toml';
import { isRecord } from '../core/is-record';

interface KeyPart {
  readonly name: string;
  readonly span: Span;
  readonly text: Span;
}

interface Read {
  readonly value: unknown;
  readonly kind: NodeKind;
  readonly span: Span;
  readonly text?: Span;
}

type Tree = Record<string, unknown>;

const BARE = /[A-Za-z0-9_-]/;

/**
 * Node ranges of a TOML text: table headers, `key = value` lines and every
 * value inside inline arrays and tables. smol-toml gives values but no
 * positions, so this is a small scanner of its own; it skips a line it cannot
 * read and goes on, so a file being typed still has its nodes. The value is
 * smol-toml's when the file parses, else what the scanner read.
 */
export function tomlRanges(text: string): { value: unknown; clean: boolean; entries: NodeEntry[] } {
  const scan = new TomlScanner(text);
  scan.document();
  const parsed = parseTomlSource('ranges.toml', text);
  const clean = parsed.document !== undefined;
  return { value: clean ? parsed.document?.value : scan.root, clean, entries: scan.entries };
}

class TomlScanner {
  readonly entries: NodeEntry[] = [];
  readonly root: Tree = {};
  private pos = 0;
  private readonly seen = new Set<string>();
  private readonly arrayCounts = new Map<string, number>();
  /** The open table's entry, whose value span grows until the next header. */
  private section?: { entry: { path: JsonPath; kind: NodeKind; key?: Span; keyText?: Span; value: Span } };

  constructor(private readonly text: string) {}

  document(): void {
    let table: JsonPath = [];
    while (this.pos < this.text.length) {
      this.skipBlank();
      if (this.pos >= this.text.length) break;
      const start = this.pos;
      try {
        if (this.text[this.pos] === '[') table = this.header();
        else this.keyValue(table, this.tableAt(table));
      } catch {
        // Unreadable: skip the rest of the line and go on with the next one.
        if (this.pos === start) this.pos++;
        this.skipLine();
      }
      if (this.section) this.section.entry.value = { start: this.section.entry.value.start, end: Math.max(this.section.entry.value.end, this.lastContentEnd()) };
    }
  }

  private header(): JsonPath {
    const start = this.pos;
    const isArray = this.text.startsWith('[[', this.pos);
    this.pos += isArray ? 2 : 1;
    const parts = this.keys();
    this.expect(isArray ? ']]' : ']');
    const path: (string | number)[] = [];
    parts.forEach((part, i) => {
      path.push(part.name);
      const last = i === parts.length - 1;
      if (last && isArray) {
        this.add({ path: [...path], kind: 'seq', key: part.span, keyText: part.text });
        const count = (this.arrayCounts.get(JSON.stringify(path)) ?? 0) + 1;
        this.arrayCounts.set(JSON.stringify(path), count);
        this.arrayOf(path).push({});
        path.push(count - 1);
        return;
      }
      if (!last) {
        this.add({ path: [...path], kind: 'map', key: part.span, keyText: part.text });
        // `[routes.metadata]` after `[[routes]]` goes into the last routes table.
        const count = this.arrayCounts.get(JSON.stringify(path));
        if (count !== undefined) path.push(count - 1);
      }
    });
    const entry = { path: [...path], kind: 'map' as NodeKind, ...(isArray ? {} : { key: parts[parts.length - 1].span, keyText: parts[parts.length - 1].text }), value: { start, end: this.pos } };
    this.seen.add(JSON.stringify(entry.path));
    this.entries.push(entry);
    this.section = { entry };
    this.tableAt(path);
    this.skipLine();
    return path;
  }

  private keyValue(table: JsonPath, into: Tree): void {
    const parts = this.keys();
    this.skipSpaces();
    this.expect('=');
    this.skipSpaces();
    let target = into;
    const path = [...table];
    parts.forEach((part, i) => {
      path.push(part.name);
      if (i < parts.length - 1) {
        this.add({ path: [...path], kind: 'map', key: part.span, keyText: part.text });
        target = child(target, part.name);
      }
    });
    const last = parts[parts.length - 1];
    const index = this.entries.length;
    const read = this.value(path);
    target[last.name] = read.value;
    this.insert(index, { path, kind: read.kind, key: last.span, keyText: last.text, value: read.span, ...(read.text ? { valueText: read.text } : {}) });
    this.skipSpaces();
    if (this.text[this.pos] === '#') this.skipLine();
  }

  private value(path: JsonPath): Read {
    const start = this.pos;
    const c = this.text[this.pos];
    if (this.text.startsWith('"""', this.pos) || this.text.startsWith("'''", this.pos)) {
      const quote = this.text.slice(this.pos, this.pos + 3);
      const end = this.text.indexOf(quote, this.pos + 3);
      if (end < 0) throw new Error('unterminated string');
      this.pos = end + 3;
      while (this.text[this.pos] === quote[0]) this.pos++;
      const body = this.text.slice(start + 3, this.pos - 3).replace(/^\r?\n/, '');
      return { value: quote === '"""' ? unescape(body) : body, kind: 'scalar', span: { start, end: this.pos } };
    }
    if (c === '"' || c === "'") {
      const end = this.quoteEnd(this.pos + 1, c);
      this.pos = end + 1;
      const inner = this.text.slice(start + 1, end);
      return { value: c === '"' ? unescape(inner) : inner, kind: 'scalar', span: { start, end: this.pos }, text: { start: start + 1, end } };
    }
    if (c === '[') return this.array(path);
    if (c === '{') return this.inlineTable(path);
    while (this.pos < this.text.length && !/[,\]}\r\n#]/.test(this.text[this.pos])) this.pos++;
    let end = this.pos;
    while (end > start && /[ \t]/.test(this.text[end - 1])) end--;
    if (end === start) throw new Error('missing value');
    const raw = this.text.slice(start, end);
    return { value: bareValue(raw), kind: 'scalar', span: { start, end }, text: { start, end } };
  }

  private array(path: JsonPath): Read {
    const start = this.pos++;
    const items: unknown[] = [];
    for (;;) {
      this.skipBlank();
      if (this.text[this.pos] === ']') break;
      if (this.pos >= this.text.length) throw new Error('unterminated array');
      const itemPath = [...path, items.length];
      const index = this.entries.length;
      const read = this.value(itemPath);
      this.insert(index, { path: itemPath, kind: read.kind, value: read.span, ...(read.text ? { valueText: read.text } : {}) });
      items.push(read.value);
      this.skipBlank();
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] !== ']') throw new Error('expected , or ]');
    }
    this.pos++;
    return { value: items, kind: 'seq', span: { start, end: this.pos } };
  }

  private inlineTable(path: JsonPath): Read {
    const start = this.pos++;
    const table: Tree = {};
    for (;;) {
      this.skipBlank();
      if (this.text[this.pos] === '}') break;
      if (this.pos >= this.text.length) throw new Error('unterminated table');
      this.keyValue(path, table);
      this.skipBlank();
      if (this.text[this.pos] === ',') this.pos++;
      else if (this.text[this.pos] !== '}') throw new Error('expected , or }');
    }
    this.pos++;
    return { value: table, kind: 'map', span: { start, end: this.pos } };
  }

  /** `a."b c".d`: the keys with their spans. */
  private keys(): KeyPart[] {
    const parts: KeyPart[] = [];
    for (;;) {
      this.skipSpaces();
      const start = this.pos;
      const c = this.text[this.pos];
      if (c === '"' || c === "'") {
        const end = this.quoteEnd(this.pos + 1, c);
        const inner = this.text.slice(start + 1, end);
        this.pos = end + 1;
        parts.push({ name: c === '"' ? unescape(inner) : inner, span: { start, end: this.pos }, text: { start: start + 1, end } });
      } else {
        while (this.pos < this.text.length && BARE.test(this.text[this.pos])) this.pos++;
        if (this.pos === start) throw new Error('expected a key');
        const span = { start, end: this.pos };
        parts.push({ name: this.text.slice(start, this.pos), span, text: span });
      }
      this.skipSpaces();
      if (this.text[this.pos] !== '.') return parts;
      this.pos++;
    }
  }

  private quoteEnd(from: number, quote: string): number {
    for (let i = from; i < this.text.length; i++) {
      const ch = this.text[i];
      if (ch === '\n') break;
      if (quote === '"' && ch === '\\') i++;
      else if (ch === quote) return i;
    }
    throw new Error('unterminated string');
  }

  /** Adds an entry for a table or dotted key the first time its path is seen. */
  private add(entry: NodeEntry): void {
    const key = JSON.stringify(entry.path);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.entries.push(entry);
  }

  /** Entries stay in document order: a value's own entry goes before the entries of what it holds. */
  private insert(index: number, entry: NodeEntry): void {
    this.seen.add(JSON.stringify(entry.path));
    this.entries.splice(index, 0, entry);
  }

  private tableAt(path: JsonPath): Tree {
    let node: unknown = this.root;
    for (const seg of path) {
      if (typeof seg === 'number') node = (node as unknown[])[seg];
      else if (Array.isArray((node as Tree)[seg])) node = (node as Tree)[seg];
      else node = child(node as Tree, seg);
    }
    return node as Tree;
  }

  private arrayOf(path: JsonPath): Tree[] {
    const parent = this.tableAt(path.slice(0, -1));
    const name = String(path[path.length - 1]);
    if (!Array.isArray(parent[name])) parent[name] = [];
    return parent[name] as Tree[];
  }

  private expect(token: string): void {
    if (!this.text.startsWith(token, this.pos)) throw new Error(`expected ${token}`);
    this.pos += token.length;
  }

  private skipSpaces(): void {
    while (this.text[this.pos] === ' ' || this.text[this.pos] === '\t') this.pos++;
  }

  /** Spaces, line breaks and comments. */
  private skipBlank(): void {
    for (;;) {
      this.skipSpaces();
      const c = this.text[this.pos];
      if (c === '\r' || c === '\n') this.pos++;
      else if (c === '#') this.skipLine();
      else return;
    }
  }

  private skipLine(): void {
    while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos++;
  }

  /** End of the last non-blank text before the scanner's position. */
  private lastContentEnd(): number {
    let end = this.pos;
    while (end > 0 && /\s/.test(this.text[end - 1])) end--;
    return end;
  }
}

function child(tree: Tree, name: string): Tree {
  const existing = tree[name];
  if (isRecord(existing)) return existing;
  if (Array.isArray(existing) && existing.length > 0) return existing[existing.length - 1] as Tree;
  const made: Tree = {};
  tree[name] = made;
  return made;
}

function bareValue(raw: string): unknown {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  const n = Number(raw.replace(/_/g, ''));
  if (raw !== '' && !Number.isNaN(n) && /^[+-]?(0[xob])?[0-9a-fA-F_.eE+-]+$/.test(raw)) return n;
  if (/^[+-]?inf$/.test(raw)) return raw.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/.test(raw)) return NaN;
  return raw;
}

function unescape(inner: string): string {
  try {
    return JSON.parse(`"${inner.replace(/\r?\n/g, '\\n').replace(/\\U([0-9a-fA-F]{8})/g, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))}"`) as string;
  } catch {
    return inner;
  }
}

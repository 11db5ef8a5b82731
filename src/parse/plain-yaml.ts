/**
 * A fast reader for the plain YAML flow files are written in: block maps and
 * sequences, flow `{ }` and `[ ]` collections (JSON too), single-line plain
 * and quoted scalars, comments. It returns what the `yaml` package would
 * (the same value, the same node offsets) or nothing at all: anything outside
 * that subset, and anything the package would warn about or refuse (anchors,
 * tags, block scalars, multi-line scalars, empty values, duplicate keys, tabs,
 * CR line ends, odd indentation...), is left to the package, which then
 * reports it. Reading a thousand files this way takes a tenth of the time and
 * of the garbage the package's documents do.
 */

/** A node's place: a scalar is its start offset; a collection also holds its children. */
export type PlainNode = number | PlainCollection;

/**
 * A collection, flattened into one array (a thousand files' trees as objects
 * holding arrays were millions of objects for the garbage collector to copy):
 * a sequence is `[start, item0, item1, ...]`, a map is
 * `[-1 - start, key0, keyStart0, value0, key1, keyStart1, value1, ...]`.
 */
export type PlainCollection = readonly (number | string | PlainCollection)[];

/** The value and the node tree of a text the reader accepted. */
export interface PlainYaml {
  readonly value: unknown;
  readonly root: PlainNode;
}

// Thrown (and caught below) to give the text to the full parser.
const BAIL = new Error('not plain YAML');

// Characters the YAML package treats specially or warns about anywhere in a file (control characters are the point).
// eslint-disable-next-line no-control-regex
const AWKWARD = /[\x00-\x09\x0b-\x1f\x7f-\x9f\r\ufeff\ufffe\uffff\u2028\u2029]/;
// Core-schema scalars (yaml 1.2 core: null, bool, octal, int, hex, .inf/.nan, exponent, float), tried in that order.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const NAN_INF = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
const CANONICAL_INT = /^(?:0|[1-9][0-9]{0,14})$/;

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};

const NL = 10;
const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;

/** Where keys and values end, by where they start (the YAML package's `range[1]`); a block collection's end is -1 (not recorded). */
export interface PlainEnds {
  readonly keys: Map<number, number>;
  readonly values: Map<number, number>;
}

/** The value and node tree of `text`, or undefined when the text needs the full YAML parser. */
export function readPlainYaml(text: string): PlainYaml | undefined {
  return read(text);
}

/** {@link readPlainYaml}, with where each key and value ends (for editors, which underline them). */
export function readPlainYamlWithEnds(text: string): (PlainYaml & { readonly ends: PlainEnds }) | undefined {
  const ends: PlainEnds = { keys: new Map(), values: new Map() };
  const plain = read(text, ends);
  return plain && { ...plain, ends };
}

function read(text: string, ends?: PlainEnds): PlainYaml | undefined {
  if (AWKWARD.test(text)) return undefined;
  try {
    return new Reader(text, ends).document();
  } catch (err) {
    if (err === BAIL) return undefined;
    throw err;
  }
}

/** The start offset of a node. */
export function nodeStart(node: PlainNode): number {
  if (typeof node === 'number') return node;
  const first = node[0] as number;
  return first < 0 ? -1 - first : first;
}

/** True for a map node (see {@link PlainCollection}). */
export function isPlainMap(node: PlainCollection): boolean {
  return (node[0] as number) < 0;
}

// Arrays grown by push keep room for 17 items or more, most of it empty in a tree that is kept until the
// run ends: the nodes and values kept get a copy of their size (the grown array dies young).
function done<T>(grown: T[]): T[] {
  return grown.slice();
}

function bail(): never {
  throw BAIL;
}

function isFlowIndicator(c: string | undefined): boolean {
  return c === ',' || c === '[' || c === ']' || c === '{' || c === '}';
}

/** Characters a plain scalar may not start with (`-`, `?` and `:` only when a space or the end follows). */
function badPlainStart(text: string, pos: number, flow: boolean): boolean {
  const c = text[pos];
  if (c === undefined || '#&*!|>\'"%@`,[]{}'.includes(c)) return true;
  if (c === '-' || c === '?' || c === ':') {
    const next = text[pos + 1];
    return next === undefined || next === ' ' || next === '\n' || (flow && isFlowIndicator(next));
  }
  return false;
}

/** A plain scalar's value, resolved as the core schema does. */
function plainValue(raw: string): unknown {
  if (NULL.test(raw)) return null;
  if (BOOL.test(raw)) return raw[0] === 't' || raw[0] === 'T';
  if (OCT.test(raw)) return parseInt(raw.substring(2), 8);
  if (INT.test(raw)) return parseInt(raw, 10);
  if (HEX.test(raw)) return parseInt(raw.substring(2), 16);
  if (NAN_INF.test(raw)) return raw.slice(-3).toLowerCase() === 'nan' ? NaN : raw[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(raw) || FLOAT.test(raw)) return parseFloat(raw);
  return raw;
}

class Reader {
  private pos = 0;
  private lineStart = 0;
  /** Column of the content at `pos` after `nextLine`; -1 at the end of the text. */
  private indent = -1;
  private readonly n: number;

  constructor(
    private readonly text: string,
    private readonly ends?: PlainEnds,
  ) {
    this.n = text.length;
  }

  document(): PlainYaml {
    this.skipLines(0);
    if (this.indent < 0) bail();
    const c = this.text[this.pos];
    let read: [unknown, PlainNode];
    if (c === '{' || c === '[') {
      read = this.flowNode(0);
      this.nextLine();
    } else if (this.atDash()) read = this.blockSeq(this.indent);
    else read = this.blockMap(this.indent);
    if (this.indent !== -1) bail();
    return { value: read[0], root: read[1] };
  }

  /** After a value: only spaces and a comment may end its line; then skips blank and comment lines. */
  private nextLine(): void {
    const t = this.text;
    let p = this.pos;
    while (t.charCodeAt(p) === SPACE) p++;
    if (p < this.n && t.charCodeAt(p) === HASH) {
      if (p === this.pos) bail();
      while (p < this.n && t.charCodeAt(p) !== NL) p++;
    }
    if (p < this.n && t.charCodeAt(p) !== NL) bail();
    this.skipLines(p + 1);
  }

  /** From a line start, skips blank and comment lines; sets pos, lineStart and indent at the next content. */
  private skipLines(from: number): void {
    const t = this.text;
    let p = from;
    while (p < this.n) {
      let q = p;
      while (t.charCodeAt(q) === SPACE) q++;
      if (q >= this.n) break;
      const c = t.charCodeAt(q);
      if (c === NL) {
        p = q + 1;
        continue;
      }
      if (c === HASH) {
        while (q < this.n && t.charCodeAt(q) !== NL) q++;
        p = q + 1;
        continue;
      }
      this.pos = q;
      this.lineStart = p;
      this.indent = q - p;
      return;
    }
    this.pos = this.n;
    this.indent = -1;
  }

  private atDash(): boolean {
    if (this.text.charCodeAt(this.pos) !== DASH) return false;
    const next = this.text[this.pos + 1];
    return next === ' ' || next === '\n' || next === undefined;
  }

  private blockMap(col: number): [Record<string, unknown>, PlainCollection] {
    const value: Record<string, unknown> = {};
    const node: (number | string | PlainCollection)[] = [-1 - this.pos];
    this.ends?.values.set(this.pos, -1);
    for (;;) {
      const keyStart = this.pos;
      const key = this.blockKey();
      if (key === '__proto__' || key === '<<' || Object.prototype.hasOwnProperty.call(value, key)) bail();
      let p = this.pos;
      while (this.text.charCodeAt(p) === SPACE) p++;
      const c = this.text[p];
      let read: [unknown, PlainNode];
      if (c === undefined || c === '\n' || c === '#') {
        this.nextLine();
        if (this.indent > col) read = this.blockValue();
        else if (this.indent === col && this.atDash()) read = this.blockSeq(col);
        else bail();
      } else {
        this.pos = p;
        read = this.inlineValue(col);
      }
      value[key] = read[0];
      node.push(key, keyStart, read[1]);
      if (this.indent === col) {
        if (this.atDash()) bail();
        continue;
      }
      if (this.indent < col) return [value, done(node)];
      bail();
    }
  }

  /** A key at pos and its `:` (followed by a space or the line's end). */
  private blockKey(): string {
    const t = this.text;
    const start = this.pos;
    let key: string;
    const c = t[start];
    if (c === '"' || c === "'") {
      key = this.quoted();
    } else {
      const end = this.plainEnd(false);
      if (t.charCodeAt(end) !== COLON || t.charCodeAt(end - 1) === SPACE) bail();
      key = this.plainKey(t.slice(start, end));
      this.pos = end;
    }
    if (this.pos - start > 1000 || t.charCodeAt(this.pos) !== COLON) bail();
    const next = t[this.pos + 1];
    if (next !== undefined && next !== ' ' && next !== '\n') bail();
    this.ends?.keys.set(start, this.pos);
    this.pos++;
    return key;
  }

  /** A plain key as a string: a string, or an integer the package writes back the same way. */
  private plainKey(raw: string): string {
    const v = plainValue(raw);
    if (typeof v === 'string') return v;
    if (typeof v === 'number' && CANONICAL_INT.test(raw)) return raw;
    return bail();
  }

  /** A value on the lines after its key (more indented): a block map or sequence, or a flow collection. */
  private blockValue(): [unknown, PlainNode] {
    const c = this.text[this.pos];
    if (c === '{' || c === '[') {
      const read = this.flowNode(this.indent);
      this.nextLine();
      return read;
    }
    if (this.atDash()) return this.blockSeq(this.indent);
    return this.blockMap(this.indent);
  }

  /** A value after `key: ` on the same line. */
  private inlineValue(col: number): [unknown, PlainNode] {
    const start = this.pos;
    const c = this.text[start];
    let value: unknown;
    if (c === '{' || c === '[') {
      const read = this.flowNode(col + 1);
      this.nextLine();
      return read;
    }
    if (c === '"' || c === "'") value = this.quoted();
    else {
      const end = this.plainEnd(false);
      if (this.text.charCodeAt(end) === COLON) bail();
      value = plainValue(this.text.slice(start, end));
      this.pos = end;
    }
    this.ends?.values.set(start, this.pos);
    this.nextLine();
    return [value, start];
  }

  private blockSeq(col: number): [unknown[], PlainCollection] {
    const value: unknown[] = [];
    const node: (number | PlainCollection)[] = [this.pos];
    this.ends?.values.set(this.pos, -1);
    for (;;) {
      // At `-` in column `col`.
      if (this.text[this.pos + 1] !== ' ') bail();
      this.pos += 2;
      while (this.text.charCodeAt(this.pos) === SPACE) this.pos++;
      const c = this.text[this.pos];
      if (c === undefined || c === '\n' || c === '#' || this.atDash()) bail();
      const read = this.seqItem(this.pos - this.lineStart);
      value.push(read[0]);
      node.push(read[1]);
      if (this.indent === col && this.atDash()) continue;
      if (this.indent <= col) return [done(value), done(node)];
      bail();
    }
  }

  /** An item after `- `: a map written on the item's line (`- say: hi`), a flow collection or a scalar. */
  private seqItem(col: number): [unknown, PlainNode] {
    const t = this.text;
    const start = this.pos;
    const c = t[start];
    if (c === '{' || c === '[') {
      const read = this.flowNode(col);
      this.nextLine();
      return read;
    }
    let value: unknown;
    if (c === '"' || c === "'") {
      value = this.quoted();
      if (t.charCodeAt(this.pos) === COLON) {
        this.pos = start;
        return this.blockMap(col);
      }
    } else {
      const end = this.plainEnd(false);
      if (t.charCodeAt(end) === COLON) {
        this.pos = start;
        return this.blockMap(col);
      }
      value = plainValue(t.slice(start, end));
      this.pos = end;
    }
    this.ends?.values.set(start, this.pos);
    this.nextLine();
    return [value, start];
  }

  /**
   * Where a plain scalar starting at pos ends (trailing spaces left out): at
   * the line's end, a comment, a `: ` (the end is then at the colon) and, in a
   * flow collection, a flow indicator.
   */
  private plainEnd(flow: boolean): number {
    const t = this.text;
    if (badPlainStart(t, this.pos, flow)) bail();
    let p = this.pos;
    for (;;) {
      const c = t.charCodeAt(p);
      if (p >= this.n || c === NL) break;
      if (c === SPACE) {
        if (t.charCodeAt(p + 1) === HASH) break;
      } else if (c === COLON) {
        const next = t[p + 1];
        if (next === undefined || next === ' ' || next === '\n' || (flow && isFlowIndicator(next))) return p;
      } else if (flow && isFlowIndicator(t[p])) break;
      p++;
    }
    while (p > this.pos && t.charCodeAt(p - 1) === SPACE) p--;
    return p;
  }

  /** A single-line quoted scalar at pos; leaves pos after its closing quote. */
  private quoted(): string {
    const t = this.text;
    const quote = t[this.pos];
    let p = this.pos + 1;
    let out = '';
    let from = p;
    for (;;) {
      const c = t[p];
      if (c === undefined || c === '\n') bail();
      if (c === quote) {
        if (quote === "'" && t[p + 1] === "'") {
          out += t.slice(from, p + 1);
          p += 2;
          from = p;
          continue;
        }
        out += t.slice(from, p);
        this.pos = p + 1;
        return out;
      }
      if (c === '\\' && quote === '"') {
        out += t.slice(from, p);
        const e = t[p + 1];
        const simple = e === undefined ? undefined : ESCAPES[e];
        if (simple !== undefined) {
          out += simple;
          p += 2;
        } else if (e === 'x' || e === 'u' || e === 'U') {
          const length = e === 'x' ? 2 : e === 'u' ? 4 : 8;
          const hex = t.slice(p + 2, p + 2 + length);
          if (hex.length !== length || !/^[0-9a-fA-F]+$/.test(hex)) bail();
          const code = parseInt(hex, 16);
          if (code > 0x10ffff) bail();
          out += String.fromCodePoint(code);
          p += 2 + length;
        } else bail();
        from = p;
        continue;
      }
      p++;
    }
  }

  /** A flow collection or scalar at pos; continuation lines must be indented at least `minIndent`. */
  private flowNode(minIndent: number): [unknown, PlainNode] {
    const t = this.text;
    const start = this.pos;
    const c = t[start];
    if (c === '{') return this.flowMap(minIndent);
    if (c === '[') return this.flowSeq(minIndent);
    let value: unknown;
    if (c === '"' || c === "'") value = this.quoted();
    else {
      const end = this.plainEnd(true);
      if (t.charCodeAt(end) === COLON || end === start) bail();
      this.pos = end;
      value = plainValue(t.slice(start, end));
    }
    this.ends?.values.set(start, this.pos);
    return [value, start];
  }

  private flowMap(minIndent: number): [Record<string, unknown>, PlainCollection] {
    const t = this.text;
    const value: Record<string, unknown> = {};
    const node: (number | string | PlainCollection)[] = [-1 - this.pos];
    this.pos++;
    this.skipFlow(minIndent);
    if (t[this.pos] === '}') {
      this.pos++;
      this.ends?.values.set(-1 - (node[0] as number), this.pos);
      return [value, done(node)];
    }
    for (;;) {
      const keyStart = this.pos;
      let key: string;
      const c = t[keyStart];
      if (c === '"' || c === "'") {
        key = this.quoted();
        if (t.charCodeAt(this.pos) !== COLON) bail();
      } else {
        const end = this.plainEnd(true);
        if (t.charCodeAt(end) !== COLON || end === keyStart || t.charCodeAt(end - 1) === SPACE) bail();
        key = this.plainKey(t.slice(keyStart, end));
        this.pos = end;
      }
      if (this.pos - keyStart > 1000 || key === '__proto__' || key === '<<' || Object.prototype.hasOwnProperty.call(value, key)) bail();
      this.ends?.keys.set(keyStart, this.pos);
      this.pos++;
      this.skipFlow(minIndent);
      const v = t[this.pos];
      if (v === ',' || v === '}' || v === undefined) bail();
      const read = this.flowNode(minIndent);
      node.push(key, keyStart, read[1]);
      value[key] = read[0];
      this.skipFlow(minIndent);
      const sep = t[this.pos];
      if (sep === '}') {
        this.pos++;
        this.ends?.values.set(-1 - (node[0] as number), this.pos);
        return [value, done(node)];
      }
      if (sep !== ',') bail();
      this.pos++;
      this.skipFlow(minIndent);
      if (t[this.pos] === '}') bail();
    }
  }

  private flowSeq(minIndent: number): [unknown[], PlainCollection] {
    const t = this.text;
    const value: unknown[] = [];
    const node: (number | PlainCollection)[] = [this.pos];
    this.pos++;
    this.skipFlow(minIndent);
    if (t[this.pos] === ']') {
      this.pos++;
      this.ends?.values.set(node[0] as number, this.pos);
      return [value, node];
    }
    for (;;) {
      if (t[this.pos] === ',' || t[this.pos] === undefined) bail();
      const read = this.flowNode(minIndent);
      value.push(read[0]);
      node.push(read[1]);
      this.skipFlow(minIndent);
      const sep = t[this.pos];
      if (sep === ']') {
        this.pos++;
        this.ends?.values.set(node[0] as number, this.pos);
        return [done(value), done(node)];
      }
      if (sep !== ',') bail();
      this.pos++;
      this.skipFlow(minIndent);
      if (t[this.pos] === ']') bail();
    }
  }

  /** Spaces, line breaks and comments inside a flow collection; a new line must be indented at least `minIndent`. */
  private skipFlow(minIndent: number): void {
    const t = this.text;
    let p = this.pos;
    for (;;) {
      const c = t.charCodeAt(p);
      if (c === SPACE) p++;
      else if (c === HASH) {
        // A comment needs a space (or a line start) before it.
        if (p === this.pos && p > 0 && t.charCodeAt(p - 1) !== SPACE && t.charCodeAt(p - 1) !== NL) bail();
        while (p < this.n && t.charCodeAt(p) !== NL) p++;
      } else if (c === NL) {
        p++;
        let q = p;
        while (t.charCodeAt(q) === SPACE) q++;
        const next = t.charCodeAt(q);
        if (q < this.n && next !== NL && q - p < minIndent) bail();
      } else break;
    }
    if (p >= this.n) bail();
    this.pos = p;
  }
}

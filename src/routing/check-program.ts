import type { MatchClause, MatchField } from '../ir/types';
import type { SimplePattern } from './asterisk-pattern';
import { fieldCode, readField } from './field-read';
import type { CallFacts } from './facts';
import { compilePattern, compileRegex } from './matchers';
import { regexShapes } from './regex-shapes';

const EXACT = 0;
const PREFIX = 1;
const SUFFIX = 2;
const REGEX = 3;
const SHAPES = 4;
const NEVER = 5;

/*
 * Every clause the index still has to test, for every route, compiled into
 * one Int32Array. A clause is [op, field, length, argument...]: the argument
 * is a text or regex number for exact/prefix/suffix/regex, and for shapes
 * (patterns, and regexes that are unions of shapes) a count followed by each
 * shape as [size, classes, exact length (0/1), minimum length, first class
 * to test, then per class from it: range count, lo, hi, ...]. A route's clauses are one contiguous
 * run, so verifying a candidate reads a cache line or two instead of
 * following a chain of objects, and one interpreter tests every kind of
 * clause (no per-route closures on the hot path).
 */

/** Compiles routes' remaining clauses; {@link CheckProgramBuilder.build} freezes them. */
export class CheckProgramBuilder {
  private readonly code: number[] = [];
  private readonly texts: string[] = [];
  private readonly regexes: RegExp[] = [];
  private readonly fields: MatchField[] = [];
  private readonly fieldIds = new Map<MatchField, number>();

  /**
   * Appends the clauses (all must hold) and returns where they start; they
   * end where the next call's start. `skip` leading classes of a pattern or
   * regex of one shape are taken as already checked (its index key spelled
   * them out).
   */
  add(clauses: readonly { readonly clause: MatchClause; readonly skip?: number }[]): number {
    const start = this.code.length;
    for (const { clause, skip } of clauses) this.clause(clause, skip ?? 0);
    return start;
  }

  /** Where the next {@link add} would start (the end of the last one). */
  get end(): number {
    return this.code.length;
  }

  build(): CheckProgram {
    return new CheckProgram(Int32Array.from(this.code), this.texts, this.regexes, this.fields, Int8Array.from(this.fields, fieldCode));
  }

  private clause({ field, matcher: m }: MatchClause, skip: number): void {
    let f = this.fieldIds.get(field);
    if (f === undefined) {
      f = this.fields.push(field) - 1;
      this.fieldIds.set(field, f);
    }
    const emit = (op: number, ...args: number[]): void => {
      this.code.push(op, f as number, 3 + args.length, ...args);
    };
    switch (m.kind) {
      case 'exact':
      case 'prefix':
      case 'suffix':
        emit(m.kind === 'exact' ? EXACT : m.kind === 'prefix' ? PREFIX : SUFFIX, this.texts.push(m.value) - 1);
        return;
      case 'regex': {
        const re = compileRegex(m.source, m.flags);
        // A regex that is a union of simple shapes is tested as those shapes (see regex-shapes.ts).
        const shapes = re ? regexShapes(m.source, m.flags) : undefined;
        if (shapes) this.shapes(f, shapes, skip);
        else if (re) emit(REGEX, this.regexes.push(re) - 1);
        else emit(NEVER);
        return;
      }
      case 'pattern': {
        const parsed = compilePattern(m.value);
        if (parsed.ok) this.shapes(f, [parsed.shape], skip);
        else emit(NEVER);
        return;
      }
    }
  }

  private shapes(field: number, shapes: readonly SimplePattern[], skip: number): void {
    const code = this.code;
    const at = code.length;
    code.push(SHAPES, field, 0, shapes.length);
    const from = shapes.length === 1 ? skip : 0;
    for (const shape of shapes) {
      const shapeAt = code.length;
      const n = shape.classes.length;
      code.push(0, n, shape.tail === 'end' ? 1 : 0, shape.tail === 'one_or_more' ? n + 1 : n, from);
      for (const cls of shape.classes.slice(from)) {
        code.push(cls.length);
        for (const [lo, hi] of cls) code.push(lo, hi);
      }
      code[shapeAt] = code.length - shapeAt;
    }
    code[at + 2] = code.length - at;
  }
}

/** The compiled clauses of every route of an index. */
export class CheckProgram {
  constructor(
    private readonly code: Int32Array,
    private readonly texts: readonly string[],
    private readonly regexes: readonly RegExp[],
    private readonly fields: readonly MatchField[],
    private readonly codes: Int8Array,
  ) {}

  /** True when the call satisfies every clause in `start`..`end` (a fact that is not set matches nothing; `args` matches when any does). */
  run(start: number, end: number, facts: CallFacts): boolean {
    const code = this.code;
    for (let pc = start; pc < end; pc += code[pc + 2]) {
      const f = code[pc + 1];
      const value = readField(this.codes[f], this.fields[f], facts);
      if (value === undefined) return false;
      if (typeof value === 'string') {
        if (!this.test(pc, value)) return false;
      } else {
        let any = false;
        for (let k = 0; k < value.length && !any; k++) any = this.test(pc, value[k]);
        if (!any) return false;
      }
    }
    return true;
  }

  private test(pc: number, value: string): boolean {
    const code = this.code;
    switch (code[pc]) {
      case EXACT:
        return value === this.texts[code[pc + 3]];
      case PREFIX:
        return value.startsWith(this.texts[code[pc + 3]]);
      case SUFFIX:
        return value.endsWith(this.texts[code[pc + 3]]);
      case REGEX:
        return this.regexes[code[pc + 3]].test(value);
      case SHAPES: {
        let at = pc + 4;
        for (let s = code[pc + 3]; s > 0; s--) {
          if (this.shape(at, value)) return true;
          at += code[at];
        }
        return false;
      }
      default:
        return false;
    }
  }

  /** True when `value` has the shape at `at`: the same strings the shape's anchored regex accepts. */
  private shape(at: number, value: string): boolean {
    const code = this.code;
    const n = code[at + 1];
    const len = value.length;
    if (code[at + 2] === 1 ? len !== n : len < code[at + 3]) return false;
    let p = at + 5;
    for (let i = code[at + 4]; i < n; i++) {
      const c = value.charCodeAt(i);
      const ranges = code[p];
      const end = p + 1 + 2 * ranges;
      let q = p + 1;
      while (q < end && (c < code[q] || c > code[q + 1])) q += 2;
      if (q === end) return false;
      p = end;
    }
    return true;
  }
}

import { parseDuration } from '../core/duration';
import { formatJsonPath, type JsonPath } from '../core/json-path';
import { closestName, didYouMean } from '../diagnostics/did-you-mean';
import type { ConditionIR, StepIR } from '../ir/types';
import { brokenStep } from './broken-step';
import type { NormalizeContext, StepDefinition } from '../steps/step-definition';
import { normalizeCondition } from './normalize-condition';
import { normalizeMatcher } from './normalize-matcher';
import { isRecord } from '../core/is-record';
import type { CompileSink } from './sink';
import type { StepLookup } from '../steps/registry';
import { stepValidator } from './step-validators';
import { findTemplates } from './template-walk';

const LABEL_TYPES = new WeakMap<StepLookup, string[]>();

// Stands in for a condition of a step that failed its schema; that step is a placeholder, so it never runs.
const INVALID_CONDITION: ConditionIR = { kind: 'expr', source: 'false' };

/** Where a step list is: its path in the file, its id path inside the flow, and the flow. */
export interface StepPlace {
  readonly path: JsonPath;
  /** Path used for step ids: `steps[1].menu.options["1"][0]`, independent of how the flow was written. */
  readonly idPath: JsonPath;
  readonly flowId: string;
}

interface Picked {
  readonly def: StepDefinition;
  readonly value: unknown;
  readonly valuePath: JsonPath;
}

/**
 * Turns raw step lists into StepIR: picks each step's type, validates its
 * value with that type's own schema fragment (so errors point at the step),
 * and calls the type's `normalize` with a NormalizeContext that handles
 * nested steps, durations, conditions and matchers. A step that fails becomes
 * a broken placeholder in its place (its problems reported, the rest of the
 * list read on).
 */
export class StepNormalizer {
  constructor(
    private readonly sink: CompileSink,
    private readonly steps: StepLookup,
  ) {}

  list(raw: unknown, at: StepPlace): StepIR[] {
    if (!Array.isArray(raw)) {
      this.sink.report({ code: 'SCHEMA_TYPE', message: 'expected a list of steps', path: at.path });
      this.sink.unknowns.mention(raw);
      return [];
    }
    return raw.map((item, i) => this.one(item, { path: [...at.path, i], idPath: [...at.idPath, i], flowId: at.flowId }));
  }

  one(raw: unknown, at: StepPlace): StepIR {
    const picked = this.pick(raw, at.path);
    if (!picked) return this.broken(raw, at, this.couldBeLabel(raw));
    const { def, value, valuePath } = picked;
    const problems = stepValidator(def).validate(value);
    for (const p of problems) this.sink.report({ code: p.code, message: `${def.type}: ${p.message}`, path: [...valuePath, ...p.path], atKey: p.atKey, hint: p.hint });
    const nestedAt = (rel: JsonPath): StepPlace => ({ path: [...valuePath, ...rel], idPath: [...at.idPath, def.type, ...rel], flowId: at.flowId });
    if (problems.length > 0) {
      this.readNested(def, value, problems, nestedAt);
      return this.broken(raw, at, def.labelName !== undefined);
    }
    const skip: JsonPath[] = [];
    const ctx: NormalizeContext = {
      file: this.sink.doc.file,
      flowId: at.flowId,
      path: valuePath,
      steps: (r, rel) => {
        skip.push(rel);
        return this.list(r, nestedAt(rel));
      },
      step: (r, rel) => {
        skip.push(rel);
        return this.one(r, nestedAt(rel));
      },
      duration: (r, rel) => {
        skip.push(rel);
        const ms = parseDuration(r);
        if (ms === undefined) this.sink.report({ code: 'INVALID_DURATION', message: `${JSON.stringify(r)} is not a duration`, path: [...valuePath, ...rel] });
        return ms ?? 0;
      },
      condition: (r, rel) => {
        skip.push(rel);
        return normalizeCondition(r, [...valuePath, ...rel], this.sink, at.flowId);
      },
      matcher: (r, rel) => {
        skip.push(rel);
        return normalizeMatcher(r, [...valuePath, ...rel], this.sink) ?? { kind: 'exact', value: '' };
      },
      report: (d) => this.sink.report({ code: d.code, message: d.message, path: [...valuePath, ...d.rel], severity: d.severity, hint: d.hint, related: d.related }),
    };
    let params: unknown;
    try {
      params = def.normalize(value, ctx);
    } catch (err) {
      this.sink.report({ code: 'SCHEMA_INVALID', message: `${def.type}: could not read the step (${err instanceof Error ? err.message : String(err)})`, path: valuePath });
      return this.broken(raw, at, def.labelName !== undefined);
    }
    for (const t of findTemplates(value, skip)) this.sink.template(t.text, 'template', [...valuePath, ...t.rel], at.flowId);
    return { type: def.type, id: stepId(at), params, source: this.sink.source(at.path) };
  }

  /**
   * Reads the steps nested in a step that failed its own schema (a menu with
   * a misspelt key), so their own problems are found too. Only lists and
   * steps of the right shape that the schema did not flag are read; the
   * step's own checks, durations, conditions and matchers assume a valid
   * value, so they are not run and report nothing.
   */
  private readNested(def: StepDefinition, value: unknown, problems: readonly { readonly path: JsonPath }[], nestedAt: (rel: JsonPath) => StepPlace): void {
    const flagged = (rel: JsonPath): boolean => problems.some((p) => p.path.length <= rel.length && p.path.every((seg, i) => String(seg) === String(rel[i])));
    const silent = (rel: JsonPath): StepIR => brokenStep(stepId(nestedAt(rel)), this.sink.source(nestedAt(rel).path), [], false);
    const ctx: NormalizeContext = {
      file: this.sink.doc.file,
      flowId: nestedAt([]).flowId,
      path: nestedAt([]).path,
      steps: (r, rel) => (Array.isArray(r) && !flagged(rel) ? this.list(r, nestedAt(rel)) : []),
      step: (r, rel) => ((typeof r === 'string' || isRecord(r)) && !flagged(rel) ? this.one(r, nestedAt(rel)) : silent(rel)),
      duration: () => 0,
      condition: () => INVALID_CONDITION,
      matcher: () => ({ kind: 'exact', value: '' }),
      report: () => undefined,
    };
    try {
      def.normalize(value, ctx);
    } catch {
      // The value is already known to be wrong; its schema problems say how.
    }
  }

  /** A placeholder for a step whose problems are reported: what it mentions may be used or defined there. */
  private broken(raw: unknown, at: StepPlace, mayLabel: boolean): StepIR {
    const unknowns = this.sink.unknowns;
    unknowns.brokenSteps++;
    return brokenStep(stepId(at), this.sink.source(at.path), unknowns.mention(raw), mayLabel);
  }

  /** Whether a step whose type could not be picked may have been meant as a label (its name a plausible typo of a label-shaped type). */
  private couldBeLabel(raw: unknown): boolean {
    const keys = typeof raw === 'string' ? [raw] : isRecord(raw) ? Object.keys(raw) : [];
    const known = keys.filter((k) => this.steps.has(k));
    if (known.length === 1) return this.steps.get(known[0])?.labelName !== undefined;
    if (keys.length !== 1) return true;
    let labels = LABEL_TYPES.get(this.steps);
    if (!labels) LABEL_TYPES.set(this.steps, (labels = [...this.steps.values()].filter((d) => d.labelName !== undefined).map((d) => d.type)));
    return closestName(keys[0], labels) !== undefined;
  }

  private pick(raw: unknown, path: JsonPath): Picked | undefined {
    if (typeof raw === 'string') {
      const def = this.known(raw, path, false);
      if (!def) return undefined;
      if (!def.bare) {
        this.sink.report({ code: 'SCHEMA_INVALID', message: `the "${raw}" step needs parameters`, path, hint: `Write it as a map: "${raw}: ..." (see docs/steps.md).` });
        return undefined;
      }
      return { def, value: null, valuePath: path };
    }
    if (!isRecord(raw)) {
      this.sink.report({ code: 'SCHEMA_TYPE', message: 'expected a step: a bare name such as answer, or a map with one key such as { play: sound:beep }', path });
      return undefined;
    }
    const keys = Object.keys(raw);
    if (keys.length === 1) {
      const def = this.known(keys[0], [...path, keys[0]], true);
      return def ? { def, value: raw[keys[0]] ?? null, valuePath: [...path, keys[0]] } : undefined;
    }
    if (keys.length === 0) {
      this.sink.report({ code: 'SCHEMA_INVALID', message: 'an empty map is not a step', path });
      return undefined;
    }
    const known = keys.filter((k) => this.steps.has(k));
    if (known.length === 1) {
      for (const k of keys.filter((k) => k !== known[0])) {
        this.sink.report({
          code: 'SCHEMA_UNKNOWN_PROPERTY',
          message: `a step is a map with one key; "${k}" sits beside "${known[0]}"`,
          path: [...path, k],
          atKey: true,
          hint: `Indent "${k}" under "${known[0]}:" if it is one of its parameters, or start a new list item.`,
        });
      }
    } else if (known.length === 0) {
      this.known(keys[0], [...path, keys[0]], true);
    } else {
      this.sink.report({ code: 'SCHEMA_INVALID', message: `a step is a map with one key, but this one has ${keys.length}: ${keys.join(', ')}`, path, hint: 'Put each step in its own list item ("- ").' });
    }
    return undefined;
  }

  private known(type: string, path: JsonPath, atKey: boolean): StepDefinition | undefined {
    const def = this.steps.get(type);
    if (!def) this.sink.report({ code: 'UNKNOWN_STEP', message: `unknown step "${type}"`, path, atKey, hint: didYouMean(type, this.steps.keys()) });
    return def;
  }
}

/** `menu.steps[1]`, `@route/vip.steps[0].if.then[2]`. */
export function stepId(at: StepPlace): string {
  return `${at.flowId}.${formatJsonPath(at.idPath)}`;
}

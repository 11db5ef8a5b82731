/**
 * What the parts of an app that could not be read might have said. A value
 * that failed its schema is left out of the model (a step becomes a broken
 * placeholder, see broken-step.ts; a route, rule, default or flow body is
 * dropped), a file that did not parse is absent: rules whose conclusion such
 * a part could change ask here and stay quiet, so one mistake is reported
 * once, while every other problem of the app is still found.
 */
export class Unknowns {
  /**
   * A file could not be read or parsed, or a whole section of one could not
   * be (a file that is not a map, a top-level key the schema refuses, a
   * `routes`/`flows`/`dispatch` that is not a list or map): what the app
   * declares as a whole (its flows, routes, default, variables) is not known.
   */
  incomplete = false;
  /** A route or dispatch rule failed its schema and is left out of the model. */
  brokenRoute = false;
  /** A dispatch rule failed its schema: it may have been an HTTP router, whose answers may add any metadata. */
  brokenDispatch = false;
  /** `default` failed its schema. */
  brokenDefault = false;
  /** Steps replaced by a broken placeholder. */
  brokenSteps = 0;
  /** Flows declared (under `flows:`) whose steps could not be read. */
  readonly brokenFlows = new Set<string>();
  /** Every key and string written inside a part that could not be read: a flow, variable or metadata key named there may be used or set there. */
  readonly mentioned = new Set<string>();
  /** AppSettings keys (`calendars`, `httpServices`) whose config section could not be read. */
  readonly settings: ReadonlySet<string>;

  constructor(settings: Iterable<string> = []) {
    this.settings = new Set(settings);
  }

  /** True when anything at all could not be read (then the app never gets a snapshot). */
  get any(): boolean {
    return this.incomplete || this.brokenRoute || this.brokenDefault || this.brokenSteps > 0 || this.brokenFlows.size > 0 || this.settings.size > 0;
  }

  /** Adds what another part of the app (one file, read on its own) could not read. */
  absorb(other: Unknowns): void {
    this.incomplete ||= other.incomplete;
    this.brokenRoute ||= other.brokenRoute;
    this.brokenDispatch ||= other.brokenDispatch;
    this.brokenDefault ||= other.brokenDefault;
    this.brokenSteps += other.brokenSteps;
    for (const id of other.brokenFlows) this.brokenFlows.add(id);
    for (const n of other.mentioned) this.mentioned.add(n);
  }

  /** Records the names written in `value` (keys and strings, at any depth); returns them. */
  mention(value: unknown): string[] {
    const names = mentionsOf(value);
    for (const n of names) this.mentioned.add(n);
    return names;
  }

  /** A route or dispatch rule that failed its schema. */
  breakRoute(raw: unknown, dispatch = false): void {
    this.brokenRoute = true;
    if (dispatch) this.brokenDispatch = true;
    this.mention(raw);
  }

  /** A flow named `id` exists, perhaps in a part that could not be read. */
  mayDefineFlow(id: string): boolean {
    return this.incomplete || this.brokenFlows.has(id);
  }

  /** A part that could not be read may run flow `id`. */
  mayUseFlow(id: string): boolean {
    return this.incomplete || this.mentioned.has(id);
  }

  /** A part that could not be read may set `vars.name` (`into: x` also sets `x_status`...). */
  maySetVar(name: string): boolean {
    if (this.incomplete || this.mentioned.has(name)) return true;
    if (this.mentioned.size === 0) return false;
    for (let i = name.indexOf('_'); i > 0; i = name.indexOf('_', i + 1)) if (this.mentioned.has(name.slice(0, i))) return true;
    return false;
  }

  /** A part that could not be read may set `metadata.name`. */
  maySetMetadata(name: string): boolean {
    return this.incomplete || this.brokenDispatch || this.mentioned.has(name);
  }

  /** A part that could not be read may be a route, a dispatch rule or the default. */
  get mayRoute(): boolean {
    return this.incomplete || this.brokenRoute || this.brokenDefault;
  }
}

/** Keys and strings inside a value, at any depth, each once. */
export function mentionsOf(value: unknown): string[] {
  const out = new Set<string>();
  const visit = (node: unknown): void => {
    if (typeof node === 'string') out.add(node);
    else if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        out.add(k);
        visit(v);
      }
    }
  };
  visit(value);
  return [...out];
}

import { Liquid, Tag, type TagToken, type TopLevelToken, type Context, type Emitter } from 'liquidjs';
import { VoxtraError } from '../core/errors';

/** What templates and conditions can read. */
export interface TemplateScope {
  readonly call: Readonly<Record<string, unknown>>;
  readonly metadata: Readonly<Record<string, unknown>>;
  readonly vars: Readonly<Record<string, unknown>>;
  readonly [root: string]: unknown;
}

/** Root names a template may read. */
export const TEMPLATE_ROOTS = ['call', 'metadata', 'vars'] as const;

/** Fields of `call` a template may read. */
export const CALL_FIELDS = ['id', 'app', 'extension', 'number', 'caller', 'caller_name', 'args', 'channel', 'route', 'version'] as const;

/** A problem found while parsing a template: `VoxtraError('TEMPLATE_INVALID')` with the template in its details. */
function syntaxError(message: string, template: string): VoxtraError {
  return new VoxtraError('TEMPLATE_INVALID', message, { template });
}

// Tags that reach the file system are refused: flows are data, not code.
class RefusedTag extends Tag {
  constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid) {
    super(token, remain, liquid);
    throw new Error(`the "${token.name}" tag is not available in Voxtra templates`);
  }
  *render(_ctx: Context, _emitter: Emitter): Generator<unknown, void, unknown> {
    // never reached: the constructor refuses the tag
  }
}

const TAG_OPEN = /\{\{|\{%/;

/**
 * The sandboxed template engine (liquidjs: an interpreter, no eval, own
 * properties only, no file system, bounded parse and render work).
 */
export class TemplateEngine {
  private readonly liquid: Liquid;
  private readonly cache = new Map<string, ReturnType<Liquid['parse']>>();

  constructor() {
    this.liquid = new Liquid({
      ownPropertyOnly: true,
      strictFilters: true,
      strictVariables: false,
      lenientIf: true,
      jsTruthy: false,
      parseLimit: 100_000,
      renderLimit: 200,
      memoryLimit: 1_000_000,
      cache: false,
      relativeReference: false,
      root: [],
      partials: [],
      layouts: [],
    });
    for (const name of ['include', 'render', 'layout', 'block']) this.liquid.registerTag(name, RefusedTag);
  }

  /** True when the text holds template markup (`{{ }}` or `{% %}`). */
  static isTemplate(text: string): boolean {
    return TAG_OPEN.test(text);
  }

  /** Renders a template; text without markup comes back unchanged. */
  render(text: string, scope: TemplateScope): string {
    if (!TemplateEngine.isTemplate(text)) return text;
    return String(this.liquid.renderSync(this.parsed(text), scope));
  }

  /** Evaluates a condition expression (`vars.x == "1" and metadata.tier == "gold"`) to a boolean. */
  test(expression: string, scope: TemplateScope): boolean {
    const out = this.liquid.renderSync(this.parsed(conditionTemplate(expression)), scope);
    return String(out) === 'true';
  }

  /** Throws `VoxtraError('TEMPLATE_INVALID')` when a template does not parse. */
  check(text: string): void {
    this.parsed(text);
  }

  /** Throws `VoxtraError('TEMPLATE_INVALID')` when a condition expression does not parse. */
  checkCondition(expression: string): void {
    const problem = conditionShapeProblem(expression);
    if (problem) throw syntaxError(problem, expression);
    this.parsed(conditionTemplate(expression));
  }

  /**
   * The variable paths a template reads from outside (loop variables and
   * assigns excluded), e.g. `[['vars','digits'], ['metadata','queue']]`.
   */
  variables(text: string): string[][] {
    if (!TemplateEngine.isTemplate(text)) return [];
    return this.segments(this.parsed(text));
  }

  /** Like {@link variables}, for a condition expression. */
  conditionVariables(expression: string): string[][] {
    return this.segments(this.parsed(conditionTemplate(expression)));
  }

  private segments(template: ReturnType<Liquid['parse']>): string[][] {
    return this.liquid
      .globalVariableSegmentsSync(template)
      .map((segs) => segs.map((s) => (Array.isArray(s) ? '*' : String(s))));
  }

  private parsed(text: string): ReturnType<Liquid['parse']> {
    let tpl = this.cache.get(text);
    if (!tpl) {
      try {
        tpl = this.liquid.parse(text);
      } catch (err) {
        throw syntaxError(err instanceof Error ? err.message.split('\n')[0] : String(err), text);
      }
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(text, tpl);
    }
    return tpl;
  }
}

const OPERAND = /^(?:"[^"]*"|'[^']*'|-?\d+(?:\.\d+)?|[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[(?:"[^"]*"|'[^']*'|\d+)\])*)$/;
const COMPARATOR = /^(?:==|!=|<>|<=|>=|<|>|contains)$/;
const TOKEN = /"[^"]*"|'[^']*'|==|!=|<>|<=|>=|<|>|[^\s<>=!]+/g;

/**
 * Liquid's own expression parser accepts half-written conditions such as
 * `vars.a ==`; this checks the shape `operand [cmp operand] (and|or ...)*`.
 */
function conditionShapeProblem(expression: string): string | undefined {
  const tokens = expression.match(TOKEN) ?? [];
  if (tokens.length === 0) return 'empty condition';
  let i = 0;
  for (;;) {
    if (!OPERAND.test(tokens[i] ?? '')) return `expected a value at "${tokens[i] ?? 'end of condition'}"`;
    i++;
    if (i < tokens.length && COMPARATOR.test(tokens[i])) {
      i++;
      if (!OPERAND.test(tokens[i] ?? '')) return `expected a value after "${tokens[i - 1]}"`;
      i++;
    }
    if (i === tokens.length) return undefined;
    if (tokens[i] !== 'and' && tokens[i] !== 'or') return `expected "and", "or" or a comparison at "${tokens[i]}"`;
    i++;
  }
}

function conditionTemplate(expression: string): string {
  return `{% if ${expression} %}true{% else %}false{% endif %}`;
}

/** The engine shared by the compiler and the runtime (it holds only a parse cache). */
export const templateEngine = new TemplateEngine();

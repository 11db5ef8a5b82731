import { STEP_REGISTRY, stepLookup, type StepLookup } from '../steps/registry';
import { VoxtraError } from '../core/errors';
import type { AppSnapshot, DispatchRuleIR, FlowIR, MatchClause, RouteIR, StepIR, TargetIR } from '../ir/types';
import type { StepBranch, StepDefinition } from '../steps/step-definition';
import { calledFlowOf } from '../steps/step-facts';
import { describeCondition, shortMatcher } from './describe-condition';
import type { CallFlowGraph, GraphCluster, GraphEdge, GraphEdgeKind, GraphNode, GraphNodeKind, GraphRow } from './graph-model';
import { summarizeStep } from './step-summary';
import { DEFAULT_WRAP, wrapLines, type WrapLimits } from './text-wrap';

/** What `buildGraph` draws. */
export interface GraphOptions {
  /** Draw only this flow and the flows it calls, without routes. */
  readonly flow?: string;
  readonly registry?: readonly StepDefinition[];
  readonly wrap?: WrapLimits;
}

/** A way out of a step list that is not wired yet: the next step (or the end) gets an edge from it. */
interface Exit {
  readonly from: string;
  readonly label?: string;
  readonly kind?: GraphEdgeKind;
}

const INLINE_PREFIX = '@route/';

/** Flow ids reachable from `start` through `call` steps, in discovery order. */
export function calledFlows(snapshot: AppSnapshot, start: string, registry: readonly StepDefinition[] = STEP_REGISTRY): string[] {
  const lookup = stepLookup(registry);
  const seen = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    const flow = snapshot.flows[queue.shift() as string];
    if (!flow) continue;
    forEachStep(flow.steps, lookup, (s) => {
      const target = calledFlowOf(s, lookup);
      if (target !== undefined && !seen.has(target) && snapshot.flows[target]) {
        seen.add(target);
        queue.push(target);
      }
    });
  }
  return [...seen];
}

function forEachStep(steps: readonly StepIR[], lookup: StepLookup, visit: (s: StepIR) => void): void {
  for (const s of steps) {
    visit(s);
    for (const b of lookup.get(s.type)?.branches?.(s.params) ?? []) forEachStep(b.steps, lookup, visit);
  }
}

/**
 * The graph of an app's snapshot: its routes, dispatch rules and default
 * (each with a short match summary) leading into its flows, and each flow's
 * steps as a chain. Menus fan out per option (with dashed retry edges for
 * no input and invalid choices), if/switch branch, goto is a dashed back
 * edge, `call` a dotted edge into the sub-flow, and queues, hangups, the
 * dialplan and rejects are terminal nodes. With `flow`, only that flow and
 * the flows it calls are drawn. Pure and deterministic.
 */
export function buildGraph(snapshot: AppSnapshot, options: GraphOptions = {}): CallFlowGraph {
  if (options.flow !== undefined && !snapshot.flows[options.flow]) {
    throw new VoxtraError('FLOW_NOT_FOUND', `app "${snapshot.app}" has no flow "${options.flow}"`, { flow: options.flow });
  }
  const builder = new GraphBuilder(snapshot, stepLookup(options.registry ?? STEP_REGISTRY), options.wrap ?? DEFAULT_WRAP);
  const flows = options.flow !== undefined ? calledFlows(snapshot, options.flow, options.registry) : Object.keys(snapshot.flows);
  if (options.flow === undefined) builder.addRouting();
  for (const id of flows) builder.addFlow(snapshot.flows[id]);
  builder.wireCalls();
  const title = options.flow !== undefined ? `app ${snapshot.app}: flow ${options.flow}` : `app ${snapshot.app}`;
  return builder.result(title);
}

class GraphBuilder {
  private readonly nodes: GraphNode[] = [];
  private readonly edges: GraphEdge[] = [];
  private readonly clusters: GraphCluster[] = [];
  private readonly rows: GraphRow[] = [];
  private readonly flowEntry = new Map<string, string>();
  /** Edges into flows, wired once every flow has its entry node. */
  private readonly pendingCalls: { from: string; flow: string; kind: GraphEdgeKind }[] = [];

  constructor(
    private readonly snapshot: AppSnapshot,
    private readonly lookup: StepLookup,
    private readonly wrap: WrapLimits,
  ) {}

  result(title: string): CallFlowGraph {
    return { title, nodes: this.nodes, edges: this.edges, clusters: this.clusters, rows: this.rows };
  }

  private node(kind: GraphNodeKind, lines: readonly string[], extra: { cluster?: string; stepId?: string } = {}): string {
    const id = `n${this.nodes.length}`;
    // A menu's prompt is what people read the graph for: it gets one more line.
    const limits = kind === 'menu' ? { ...this.wrap, maxLines: this.wrap.maxLines + 1 } : this.wrap;
    this.nodes.push({ id, kind, lines: wrapLines(lines.map(compactTemplates), limits), ...extra });
    return id;
  }

  private edge(from: string, to: string, kind: GraphEdgeKind, label?: string): void {
    this.edges.push({ from, to, kind, ...(label !== undefined ? { label } : {}) });
  }

  private connect(exits: readonly Exit[], to: string): void {
    for (const e of exits) this.edge(e.from, to, e.kind ?? 'next', e.label);
  }

  addRouting(): void {
    for (const route of this.snapshot.routes) this.target(this.node('route', routeLines(route)), route.target);
    for (const rule of this.snapshot.dispatch) {
      const id = this.node('rule', ruleLines(rule));
      if (rule.kind === 'match') this.target(id, rule.target);
    }
    if (this.snapshot.defaultTarget) this.target(this.node('default', ['default']), this.snapshot.defaultTarget);
  }

  private target(from: string, target: TargetIR): void {
    if (target.kind === 'reject') this.edge(from, this.node('terminal', [`reject (${target.cause})`]), 'route');
    else this.pendingCalls.push({ from, flow: target.flow, kind: 'route' });
  }

  addFlow(flow: FlowIR): void {
    const cluster = `c${this.clusters.length}`;
    const inline = flow.id.startsWith(INLINE_PREFIX);
    const title = inline ? `route ${flow.id.slice(INLINE_PREFIX.length)} (inline steps)` : `flow ${flow.id}`;
    this.clusters.push({ id: cluster, flow: flow.id, title });
    const entry = this.node('flow', ['start', ...(flow.description ? [flow.description] : [])], { cluster });
    this.flowEntry.set(flow.id, entry);
    const scope = new FlowScope(cluster);
    const exits = this.list(flow.steps, [{ from: entry }], scope);
    if (exits.length > 0) this.connect(exits, this.node('end', ['end'], { cluster }));
    for (const g of scope.gotos) {
      const label = scope.labels.get(g.label);
      if (label !== undefined) this.edge(g.from, label, 'back');
    }
  }

  /** Edges into flows (routes and `call` steps); a flow outside the drawing gets a stand-in node. */
  wireCalls(): void {
    for (const c of this.pendingCalls) {
      let to = this.flowEntry.get(c.flow);
      if (to === undefined) {
        to = this.node('flow', [c.flow]);
        this.flowEntry.set(c.flow, to);
      }
      this.edge(c.from, to, c.kind);
    }
  }

  /** Builds one branch of a menu or decision; its first node joins `row`, so branches are drawn in order. */
  private branch(steps: readonly StepIR[], from: string, label: string, scope: FlowScope, row: string[]): Exit[] {
    const first = this.nodes.length;
    const exits = this.list(steps, [{ from, label, kind: 'branch' }], scope);
    if (this.nodes.length > first) row.push(this.nodes[first].id);
    return exits;
  }

  private addRow(row: readonly string[], scope: FlowScope): void {
    if (row.length > 1) this.rows.push({ cluster: scope.cluster, nodes: row });
  }

  private list(steps: readonly StepIR[], entry: readonly Exit[], scope: FlowScope): Exit[] {
    let exits: Exit[] = [...entry];
    for (const step of steps) exits = this.step(step, exits, scope);
    return exits;
  }

  /** One step, drawn by its definition's shape. */
  private step(step: StepIR, preds: readonly Exit[], scope: FlowScope): Exit[] {
    const def = this.lookup.get(step.type);
    const at = { cluster: scope.cluster, stepId: step.id };
    const lines = summarizeStep(step, this.lookup);
    switch (def?.shape) {
      case 'label': {
        const id = this.node('label', lines, at);
        this.connect(preds, id);
        const name = def.labelName?.(step.params);
        if (name !== undefined && !scope.labels.has(name)) scope.labels.set(name, id);
        return [{ from: id }];
      }
      case 'jump': {
        const id = this.node('goto', lines, at);
        this.connect(preds, id);
        const jump = def.jump?.(step.params);
        if (jump) scope.gotos.push({ from: id, label: jump.label });
        return jump?.max !== undefined ? [{ from: id, label: `after ${jump.max}` }] : [];
      }
      case 'call': {
        const id = this.node('call', lines, at);
        this.connect(preds, id);
        const flow = def.calledFlow?.(step.params);
        if (flow !== undefined) this.pendingCalls.push({ from: id, flow, kind: 'call' });
        return [{ from: id }];
      }
      case 'return':
        this.connect(preds, this.node('return', lines, at));
        return [];
      default:
        return this.branching(step, def, lines, preds, scope);
    }
  }

  /**
   * A step with branches or none (`step`, `decision`, `menu`, `terminal`):
   * choices first in keypad order, then the other branches in order; a retry
   * branch leads back to the step; control passes on after a branch, and
   * past the step when the branch named `otherwise` is missing (a plain step
   * with branches: always, as `otherwise`).
   */
  private branching(step: StepIR, def: StepDefinition | undefined, lines: readonly string[], preds: readonly Exit[], scope: FlowScope): Exit[] {
    const branches = def?.branches?.(step.params) ?? [];
    const ends = def?.endsList?.(step.params) ?? false;
    const shape = def?.shape ?? 'step';
    const kind: GraphNodeKind = shape === 'menu' || shape === 'decision' || shape === 'terminal' ? shape : branches.length > 0 ? 'decision' : 'step';
    const id = this.node(kind, lines, { cluster: scope.cluster, stepId: step.id });
    this.connect(preds, id);
    const exits: Exit[] = [];
    const row: string[] = [];
    const choices = branches.filter((b) => b.choice !== undefined).sort(byKeypad);
    for (const b of [...choices, ...branches.filter((b) => b.choice === undefined)]) {
      const title = b.title ?? b.key;
      const out = this.branch(b.steps, id, title, scope, row);
      if (!b.retry) exits.push(...out);
      // After a retry branch the step asks again; an empty one is a plain retry, a loop on the step itself.
      else for (const e of out) this.edge(e.from, id, 'retry', e.from === id ? title : 'retry');
    }
    this.addRow(row, scope);
    if (ends) return exits;
    if (def?.otherwise !== undefined) {
      // Without the branch that would be taken otherwise, control passes straight on.
      if (!branches.some((b) => b.key === def.otherwise)) exits.push({ from: id, label: def.otherwise, kind: 'branch' });
    } else {
      // A plain step continues after itself when none of its branches ran (a dial outcome with no branch).
      exits.push(branches.length > 0 ? { from: id, label: 'otherwise', kind: 'branch' } : { from: id });
    }
    return exits;
  }
}

/** Per-flow state: the flow's cluster, its labels and the gotos to wire once every label is known. */
class FlowScope {
  readonly labels = new Map<string, string>();
  readonly gotos: { from: string; label: string }[] = [];
  constructor(readonly cluster: string) {}
}

/** `{{ metadata.queue }}` reads as `{{metadata.queue}}`, which wraps as one word. */
function compactTemplates(text: string): string {
  return text.replace(/\{\{\s*(.*?)\s*\}\}/g, '{{$1}}');
}

/** Choices as a keypad reads: 1-9, then 0, *, # (code-unit order after mapping 0*# past 9). */
function byKeypad(a: StepBranch, b: StepBranch): number {
  const sortKey = (k = ''): string => k.replace(/[0*#]/g, (c) => ({ '0': ':', '*': ';', '#': '<' })[c] ?? c);
  const [x, y] = [sortKey(a.choice), sortKey(b.choice)];
  return x < y ? -1 : x > y ? 1 : 0;
}

function clauseLine(c: MatchClause): string {
  return `${c.field} ${shortMatcher(c.matcher)}`;
}

function routeLines(route: RouteIR): string[] {
  return [
    `route ${route.name}`,
    ...(route.match.length > 0 ? route.match.map(clauseLine) : ['every call']),
    ...(route.when ? [`when ${describeCondition(route.when)}`] : []),
    ...(route.priority !== 0 ? [`priority ${route.priority}`] : []),
  ];
}

function ruleLines(rule: DispatchRuleIR): string[] {
  if (rule.kind === 'http') return [`rule ${rule.name}`, `HTTP router ${rule.url.replace(/^https?:\/\//, '')}`];
  return [`rule ${rule.name}`, ...rule.match.map(clauseLine), ...(rule.when ? [`when ${describeCondition(rule.when)}`] : [])];
}

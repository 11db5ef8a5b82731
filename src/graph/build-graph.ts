import { STEP_REGISTRY, stepLookup, type StepLookup } from '../steps/registry';
import { VoxtraError } from '../core/errors';
import type { AppSnapshot, DispatchRuleIR, FlowIR, MatchClause, RouteIR, StepIR, TargetIR } from '../ir/types';
import type { MenuParams } from '../steps/menu';
import type { StepDefinition } from '../steps/step-definition';
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
      const target = s.type === 'call' ? (s.params as { flow?: unknown }).flow : undefined;
      if (typeof target === 'string' && !seen.has(target) && snapshot.flows[target]) {
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

  private step(step: StepIR, preds: readonly Exit[], scope: FlowScope): Exit[] {
    const def = this.lookup.get(step.type);
    const at = { cluster: scope.cluster, stepId: step.id };
    switch (step.type) {
      case 'menu':
        return this.menu(step as StepIR<MenuParams>, preds, scope);
      case 'label': {
        const id = this.node('label', summarizeStep(step), at);
        this.connect(preds, id);
        const name = (step.params as { name?: unknown }).name;
        if (typeof name === 'string' && !scope.labels.has(name)) scope.labels.set(name, id);
        return [{ from: id }];
      }
      case 'goto': {
        const id = this.node('goto', summarizeStep(step), at);
        this.connect(preds, id);
        const p = step.params as { label?: unknown; max?: unknown };
        if (typeof p.label === 'string') scope.gotos.push({ from: id, label: p.label });
        return typeof p.max === 'number' ? [{ from: id, label: `after ${p.max}` }] : [];
      }
      case 'call': {
        const id = this.node('call', summarizeStep(step), at);
        this.connect(preds, id);
        const flow = (step.params as { flow?: unknown }).flow;
        if (typeof flow === 'string') this.pendingCalls.push({ from: id, flow, kind: 'call' });
        return [{ from: id }];
      }
      case 'return': {
        this.connect(preds, this.node('return', summarizeStep(step), at));
        return [];
      }
      default:
        break;
    }
    const branches = def?.branches?.(step.params) ?? [];
    const ends = def?.endsList?.(step.params) ?? false;
    const kind: GraphNodeKind = branches.length > 0 || step.type === 'if' || step.type === 'switch' ? 'decision' : ends ? 'terminal' : 'step';
    const id = this.node(kind, summarizeStep(step), at);
    this.connect(preds, id);
    const exits: Exit[] = [];
    const row: string[] = [];
    for (const b of branches) exits.push(...this.branch(b.steps, id, branchLabel(b.key), scope, row));
    this.addRow(row, scope);
    if (!ends) {
      // Without the branch that would be taken otherwise, control passes straight on.
      if (step.type === 'if' && !branches.some((b) => b.key === 'else')) exits.push({ from: id, label: 'else', kind: 'branch' });
      else if (step.type === 'switch' && !branches.some((b) => b.key === 'default')) exits.push({ from: id, label: 'default', kind: 'branch' });
      // Other step types continue after the step when none of their branches ran (a dial outcome with no branch).
      else if (step.type !== 'if' && step.type !== 'switch') exits.push(branches.length > 0 ? { from: id, label: 'otherwise', kind: 'branch' } : { from: id });
    }
    return exits;
  }

  private menu(step: StepIR<MenuParams>, preds: readonly Exit[], scope: FlowScope): Exit[] {
    const p = step.params;
    const id = this.node('menu', summarizeStep(step), { cluster: scope.cluster, stepId: step.id });
    this.connect(preds, id);
    const exits: Exit[] = [];
    const row: string[] = [];
    for (const o of [...p.options].sort(byKeypad)) exits.push(...this.branch(o.steps, id, o.key, scope, row));
    for (const [key, steps] of [['no input', p.noInput], ['invalid', p.invalid]] as const) {
      if (!steps) continue;
      // After these steps the menu asks again.
      const back = this.branch(steps, id, key, scope, row);
      // An empty branch is a plain retry: a loop on the menu itself.
      for (const e of back) this.edge(e.from, id, 'retry', e.from === id ? key : 'retry');
    }
    if (p.exhausted) exits.push(...this.branch(p.exhausted, id, 'exhausted', scope, row));
    else exits.push({ from: id, label: 'exhausted', kind: 'branch' });
    this.addRow(row, scope);
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

/** Options as a keypad reads: 1-9, then 0, *, # (code-unit order after mapping 0*# past 9). */
function byKeypad(a: { key: string }, b: { key: string }): number {
  const sortKey = (k: string): string => k.replace(/[0*#]/g, (c) => ({ '0': ':', '*': ';', '#': '<' })[c] ?? c);
  const [x, y] = [sortKey(a.key), sortKey(b.key)];
  return x < y ? -1 : x > y ? 1 : 0;
}

function branchLabel(key: string): string {
  return key.replace(/^(options|cases)\./, '');
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

import { isVoxtraError } from '../../src/core/errors';
import { buildGraph, calledFlows } from '../../src/graph';
import type { CallFlowGraph, GraphNode } from '../../src/graph';
import { BIG_MENU, snapshotOf } from './compile-yaml';

const MENU = `
routes:
  - name: support
    extension: "1000"
    flow: menu
  - name: blocked
    number: { prefix: "+999" }
    reject: { cause: busy }
  - name: us
    priority: 10
    match: { extension: { regex: "^1[2-9]" }, number: { prefix: "+1" } }
    flow: menu
dispatch:
  - name: router
    http: { url: "http://127.0.0.1:8099/decision" }
default: menu
flows:
  menu:
    steps:
      - answer
      - menu:
          prompt: { say: "Press 1 for sales, 2 for support, 0 for an agent." }
          options:
            "0": [{ transfer_to_queue: agents }]
            "1": [{ transfer_to_queue: sales }]
            "2": [{ call: helper }, { transfer_to_queue: support }]
          invalid: [{ say: "Invalid choice." }]
          no_input: []
          exhausted: [{ play: sound:vm-nobodyavail }, hangup]
  helper:
    steps:
      - say: "One moment."
      - return
`;

function byLabel(g: CallFlowGraph, first: string): GraphNode {
  const found = g.nodes.filter((n) => n.lines[0] === first);
  if (found.length !== 1) throw new Error(`expected one node "${first}", found ${found.length}`);
  return found[0];
}

function edgesFrom(g: CallFlowGraph, node: GraphNode): { to: string; kind: string; label?: string }[] {
  return g.edges.filter((e) => e.from === node.id).map((e) => ({ to: g.nodes.find((n) => n.id === e.to)?.lines[0] ?? e.to, kind: e.kind, ...(e.label !== undefined ? { label: e.label } : {}) }));
}

describe('buildGraph', () => {
  const snapshot = snapshotOf(MENU);

  it('fans a menu out per option in keypad order, with retries back to the menu and an exhausted branch', () => {
    const g = buildGraph(snapshot, { flow: 'menu' });
    const menu = byLabel(g, 'menu');
    expect(menu.kind).toBe('menu');
    expect(menu.lines).toEqual(['menu', 'say "Press 1 for sales, 2', 'for support, 0 for an', 'agent."']);
    expect(edgesFrom(g, menu)).toEqual([
      { to: 'queue sales', kind: 'branch', label: '1' },
      { to: 'call helper', kind: 'branch', label: '2' },
      { to: 'queue agents', kind: 'branch', label: '0' },
      // An empty no_input branch is a plain retry: a loop on the menu.
      { to: 'menu', kind: 'retry', label: 'no input' },
      { to: 'say "Invalid choice."', kind: 'branch', label: 'invalid' },
      { to: 'play vm-nobodyavail', kind: 'branch', label: 'exhausted' },
    ]);
    expect(edgesFrom(g, byLabel(g, 'say "Invalid choice."'))).toEqual([{ to: 'menu', kind: 'retry', label: 'retry' }]);
    expect(edgesFrom(g, byLabel(g, 'play vm-nobodyavail'))).toEqual([{ to: 'hangup', kind: 'next' }]);
    for (const t of ['queue sales', 'queue agents', 'queue support', 'hangup']) expect(byLabel(g, t).kind).toBe('terminal');
    // Every option ends the call, so the flow has no end node.
    expect(g.nodes.filter((n) => n.kind === 'end' && n.cluster === g.clusters[0].id)).toEqual([]);
  });

  it('draws a sub-flow call as a call edge into the sub-flow, which returns', () => {
    const g = buildGraph(snapshot, { flow: 'menu' });
    expect(g.clusters.map((c) => [c.flow, c.title])).toEqual([['menu', 'flow menu'], ['helper', 'flow helper']]);
    const call = byLabel(g, 'call helper');
    expect(call.kind).toBe('call');
    const out = g.edges.filter((e) => e.from === call.id);
    expect(out.map((e) => e.kind)).toEqual(['next', 'call']);
    const entry = g.nodes.find((n) => n.id === out[1].to);
    expect(entry).toMatchObject({ kind: 'flow', cluster: g.clusters[1].id });
    expect(byLabel(g, 'return').kind).toBe('return');
    // With a flow named, routes are left out.
    expect(g.nodes.filter((n) => n.kind === 'route' || n.kind === 'rule' || n.kind === 'default')).toEqual([]);
  });

  it('draws routes (with match summaries), rejects, dispatch rules and the default for the whole app', () => {
    const g = buildGraph(snapshot);
    const routes = g.nodes.filter((n) => n.kind === 'route').map((n) => n.lines);
    expect(routes).toEqual([
      ['route us', 'extension /^1[2-9]/', 'number "+1"...', 'priority 10'],
      ['route support', 'extension "1000"'],
      ['route blocked', 'number "+999"...'],
    ]);
    expect(edgesFrom(g, byLabel(g, 'route blocked'))).toEqual([{ to: 'reject (busy)', kind: 'route' }]);
    expect(edgesFrom(g, byLabel(g, 'route support'))).toEqual([{ to: 'start', kind: 'route' }]);
    expect(byLabel(g, 'rule router').lines).toEqual(['rule router', 'HTTP router', '127.0.0.1:8099/decision']);
    expect(edgesFrom(g, byLabel(g, 'default'))).toEqual([{ to: 'start', kind: 'route' }]);
    expect(g.clusters.map((c) => c.flow)).toEqual(['menu', 'helper']);
  });

  it('draws goto as a back edge to its label, a bounded goto falling through, and if/switch branches', () => {
    const g = buildGraph(
      snapshotOf(`
default: main
flows:
  main:
    steps:
      - label: top
      - if:
          when: { calendar: office, is: open }
          then: [{ say: "Open." }]
      - switch:
          value: "{{ metadata.tier }}"
          cases: { gold: [{ say: "Gold." }] }
          default: [{ say: "Welcome." }]
      - goto: { label: top, max: 2 }
      - say: "Bye."
`),
    );
    const iff = byLabel(g, 'if office is open');
    expect(iff.kind).toBe('decision');
    expect(edgesFrom(g, iff)).toEqual([
      { to: 'say "Open."', kind: 'branch', label: 'then' },
      { to: 'switch {{metadata.tier}}', kind: 'branch', label: 'else' },
    ]);
    expect(edgesFrom(g, byLabel(g, 'say "Open."'))).toEqual([{ to: 'switch {{metadata.tier}}', kind: 'next' }]);
    expect(edgesFrom(g, byLabel(g, 'switch {{metadata.tier}}'))).toEqual([
      { to: 'say "Gold."', kind: 'branch', label: 'gold' },
      { to: 'say "Welcome."', kind: 'branch', label: 'default' },
    ]);
    const go = byLabel(g, 'goto top');
    expect(go.lines).toEqual(['goto top', 'at most 2 times']);
    expect(edgesFrom(g, go)).toEqual([
      { to: 'say "Bye."', kind: 'next', label: 'after 2' },
      { to: 'label top', kind: 'back' },
    ]);
    expect(edgesFrom(g, byLabel(g, 'say "Bye."'))).toEqual([{ to: 'end', kind: 'next' }]);
  });

  it('keeps labels short: wrapped at 28 characters, long text cut with an ellipsis', () => {
    const g = buildGraph(snapshotOf(BIG_MENU), { flow: 'main' });
    for (const n of g.nodes) for (const line of n.lines) expect(line.length).toBeLessThanOrEqual(28);
    expect(g.nodes.find((n) => n.lines[1]?.startsWith('sales.'))?.lines).toEqual(['say "Connecting you to', 'sales. Calls may be recor...']);
    // Ten options, `*`, no input, invalid and exhausted, each drawn as its own branch.
    expect(g.edges.filter((e) => e.from === byLabel(g, 'menu').id && e.kind === 'branch')).toHaveLength(14);
    expect(g.rows).toHaveLength(2);
  });

  it('is deterministic and refuses an unknown flow', () => {
    expect(JSON.stringify(buildGraph(snapshot))).toBe(JSON.stringify(buildGraph(snapshotOf(MENU))));
    let error: unknown;
    try {
      buildGraph(snapshot, { flow: 'nope' });
    } catch (err) {
      error = err;
    }
    expect(isVoxtraError(error, 'FLOW_NOT_FOUND')).toBe(true);
  });

  it('finds the flows a flow calls, transitively', () => {
    const s = snapshotOf(`
default: a
flows:
  a: [{ call: b }]
  b: [{ if: { when: "true", then: [{ call: c }] } }]
  c: [answer]
  d: [answer]
`);
    expect(calledFlows(s, 'a')).toEqual(['a', 'b', 'c']);
  });
});

describe('buildGraph: steps with outcome branches', () => {
  it('draws dial outcomes and http on_error as branches, with an "otherwise" edge onwards', () => {
    const g = buildGraph(
      snapshotOf(`
default: main
flows:
  main:
    - dial:
        endpoints: [PJSIP/100, PJSIP/200]
        strategy: parallel
        timeout: 20s
        busy: [{ say: "Busy." }]
        no_answer: [{ transfer_to_queue: support }]
    - record: { name: voicemail, into: vm }
    - say: "Bye."
`),
    );
    const dial = byLabel(g, 'dial PJSIP/100, PJSIP/200');
    expect(dial).toMatchObject({ kind: 'decision', lines: ['dial PJSIP/100, PJSIP/200', 'parallel, ring 20s'] });
    expect(edgesFrom(g, dial)).toEqual([
      { to: 'say "Busy."', kind: 'branch', label: 'busy' },
      { to: 'queue support', kind: 'branch', label: 'no_answer' },
      { to: 'record voicemail', kind: 'branch', label: 'otherwise' },
    ]);
    expect(edgesFrom(g, byLabel(g, 'say "Busy."'))).toEqual([{ to: 'record voicemail', kind: 'next' }]);
  });
});

import { codes, compileTexts, where } from './compile-helper';

// One pass finds every problem: a value that fails its schema is reported
// where it is, every rule still runs on the rest, and nothing the broken value
// might have said is reported again as a follow-on problem.

const flow = (steps: string): string => `default: main\nflows:\n  main:\n${steps}`;
/** The codes a flow `main` with these steps gets. */
const flowCodes = (steps: string): string[] => codes(compileTexts({ 'a.yaml': flow(steps) }).diagnostics);

describe('one pass past schema errors', () => {
  it('reports a misspelt step, an unknown flow, a bad regex and a dangling goto together', () => {
    const r = compileTexts({
      'a.yaml': 'routes:\n  - { extension: "1", flow: nowhere }\n  - { number: { regex: "^(1" }, flow: main }\ndefault: main\nflows:\n  main:\n    - answr\n    - label: top\n    - goto: tpo\n',
    });
    expect(where(r.diagnostics)).toEqual([
      ['UNKNOWN_FLOW', 2, 29],
      ['INVALID_REGEX', 3, 24],
      ['UNKNOWN_STEP', 7, 7],
      ['UNKNOWN_LABEL', 9, 7],
    ]);
    expect(r.snapshot).toBeUndefined();
  });

  it('keeps a broken step in its list as a placeholder the rules skip', () => {
    const r = compileTexts({ 'a.yaml': flow('    - answer\n    - sya: hi\n    - hangup\n') });
    expect(codes(r.diagnostics)).toEqual(['UNKNOWN_STEP']);
    expect(r.model.flows.get('main')?.steps.map((s) => s.type)).toEqual(['answer', '@invalid', 'hangup']);
  });
});

describe('labels next to a broken step', () => {
  it('does not report a goto to the label a misspelt label step names', () => {
    expect(flowCodes('    - lable: top\n    - goto: { label: top, max: 2 }\n')).toEqual(['UNKNOWN_STEP']);
  });

  it('does not report a goto to a label whose value failed its schema', () => {
    expect(flowCodes('    - label: "my top"\n    - goto: { label: "my top", max: 2 }\n')).toEqual(['SCHEMA_VALUE']);
  });

  it('still reports a goto to another missing label, and one next to a broken step that cannot be a label', () => {
    expect(where(compileTexts({ 'a.yaml': flow('    - lable: top\n    - goto: { label: end, max: 2 }\n') }).diagnostics)).toEqual([
      ['UNKNOWN_STEP', 4, 7],
      ['UNKNOWN_LABEL', 5, 7],
    ]);
    expect(flowCodes('    - answr: top\n    - goto: { label: top, max: 2 }\n')).toEqual(['UNKNOWN_STEP', 'UNKNOWN_LABEL']);
  });

  it('does not call a backward jump unbounded when a broken step that may be the label comes first', () => {
    const r = compileTexts({ 'a.yaml': flow('    - label: top\n    - if:\n        when: vars.x\n        then: [{ lable: top }, { goto: top }]\n    - set: { x: "1" }\n') });
    expect(codes(r.diagnostics)).toEqual(['UNKNOWN_STEP']);
  });
});

describe('reachability next to a broken step', () => {
  it('reports nothing after a broken step that may end the list', () => {
    expect(flowCodes('    - hangpu\n    - say: bye\n')).toEqual(['UNKNOWN_STEP']);
  });

  it('takes a broken step that may be a label as a place jumps land', () => {
    expect(flowCodes('    - hangup\n    - lable: again\n    - say: bye\n')).toEqual(['UNKNOWN_STEP']);
  });

  it('still reports a step after a list end when the broken step between cannot be a label', () => {
    expect(where(compileTexts({ 'a.yaml': flow('    - hangup\n    - answr\n    - say: bye\n') }).diagnostics)).toEqual([
      ['UNKNOWN_STEP', 5, 7],
      ['UNREACHABLE_STEP', 6, 7],
    ]);
  });
});

describe('flows, variables and metadata a broken part names', () => {
  it('does not call a flow unused when a broken step names it', () => {
    const r = compileTexts({ 'a.yaml': flow('    - cal: helper\n').replace('flows:\n', 'flows:\n  helper: [answer]\n') });
    expect(codes(r.diagnostics)).toEqual(['UNKNOWN_STEP']);
  });

  it('still reports an unknown flow a broken step happens to mention', () => {
    const r = compileTexts({ 'a.yaml': 'routes:\n  - { extension: "1", flow: sales }\n' + flow('    - sya: sales\n') });
    expect(codes(r.diagnostics)).toEqual(['UNKNOWN_FLOW', 'UNKNOWN_STEP']);
  });

  it('does not report an unknown flow for a flow whose steps could not be read', () => {
    const r = compileTexts({ 'a.yaml': 'routes:\n  - { extension: "1", flow: other }\n' + flow('    - answer\n') + '  other:\n    step: [answer]\n' });
    expect(codes(r.diagnostics)).toEqual(['SCHEMA_MISSING_PROPERTY', 'SCHEMA_UNKNOWN_PROPERTY']);
  });

  it('does not report a variable a broken step may set (also its _suffixed companions)', () => {
    expect(flowCodes('    - sett: { x: "1" }\n    - say: "{{ vars.x }}"\n')).toEqual(['UNKNOWN_STEP']);
    expect(flowCodes('    - listen_dmtf: { into: pin }\n    - say: "{{ vars.pin_status }}"\n')).toEqual(['UNKNOWN_STEP']);
    expect(flowCodes('    - sett: { x: "1" }\n    - say: "{{ vars.y }}"\n')).toEqual(['UNKNOWN_STEP', 'UNSET_VARIABLE']);
  });

  it('does not report metadata a broken route may set', () => {
    const r = compileTexts({ 'a.yaml': 'routes:\n  - { extensoin: "1", metadata: { tier: gold }, flow: main }\n' + flow('    - say: "{{ metadata.tier }}"\n') });
    expect(codes(r.diagnostics)).toEqual(['SCHEMA_UNKNOWN_PROPERTY']);
  });
});

describe('routes, rules and defaults that fail their schema', () => {
  it('leaves a broken route out, so it shadows nothing', () => {
    const r = compileTexts({ 'a.yaml': 'routes:\n  - { extensoin: "1", flow: main }\n  - { extension: "2", flow: main }\n' + flow('    - answer\n') });
    expect(codes(r.diagnostics)).toEqual(['SCHEMA_UNKNOWN_PROPERTY']);
    expect(r.model.routes.map((x) => x.name)).toEqual(['route#2']);
  });

  it('does not call a flow a broken route names unused', () => {
    const r = compileTexts({ 'a.yaml': 'routes:\n  - { extension: "1", flw: sales }\n' + flow('    - answer\n') + '  sales: [answer]\n' });
    expect(codes(r.diagnostics)).toEqual(['SCHEMA_MISSING_PROPERTY', 'SCHEMA_UNKNOWN_PROPERTY']);
  });

  it('counts a broken route, rule or default as present for EMPTY_APP and NO_DEFAULT', () => {
    // No EMPTY_APP; the broken route or rule counts for NO_DEFAULT, a broken default keeps it quiet.
    expect(codes(compileTexts({ 'a.yaml': 'routes:\n  - { extension: "1", flw: main }\nflows:\n  main: [answer]\n' }).diagnostics)).toEqual(['NO_DEFAULT', 'SCHEMA_MISSING_PROPERTY', 'SCHEMA_UNKNOWN_PROPERTY']);
    expect(codes(compileTexts({ 'a.yaml': 'dispatch:\n  - { http: { url: "ftp://x" } }\n' }).diagnostics)).toEqual(['NO_DEFAULT', 'SCHEMA_VALUE']);
    expect(codes(compileTexts({ 'a.yaml': 'default: 5\nflows:\n  main: [answer]\n' }).diagnostics)).toEqual(['SCHEMA_TYPE', 'UNUSED_FLOW']);
  });

  it('does not report metadata when a broken dispatch rule may be an HTTP router', () => {
    const r = compileTexts({ 'a.yaml': 'dispatch:\n  - { http: { url: "ftp://x" } }\n' + flow('    - say: "{{ metadata.tier }}"\n') });
    expect(codes(r.diagnostics)).toEqual(['SCHEMA_VALUE']);
  });

  it('reports a value the schema refused once, not again in a semantic rule', () => {
    const rewrite = compileTexts({ 'a.yaml': 'routes:\n  - { extension: "1", rewrite: { number: { regex: "(", flags: g, replace: x } }, flow: main }\n' + flow('    - answer\n') });
    expect(codes(rewrite.diagnostics)).toEqual(['SCHEMA_VALUE']);
    const calendar = compileTexts({ 'a.yaml': 'routes:\n  - { extension: "1", match: { calendar: "no such" }, flow: main }\n' + flow('    - answer\n') });
    expect(codes(calendar.diagnostics)).toEqual(['SCHEMA_VALUE']);
    const target = compileTexts({ 'a.yaml': 'routes:\n  - { extension: "1", flow: "no such" }\n' + flow('    - answer\n') });
    expect(codes(target.diagnostics)).toEqual(['SCHEMA_VALUE']);
  });

  it('still checks the regex, template and flow of a route that has an unknown key', () => {
    const r = compileTexts({ 'a.yaml': 'routes:\n  - { extensoin: "1", number: { regex: "(" }, match: { condition: "vars.x ==" }, flow: nowhere }\n' + flow('    - answer\n') });
    expect(codes(r.diagnostics)).toEqual(['SCHEMA_UNKNOWN_PROPERTY', 'INVALID_REGEX', 'TEMPLATE_SYNTAX', 'UNKNOWN_FLOW']);
  });
});

describe('a file whose shape is wrong', () => {
  it('keeps app-wide conclusions quiet after an unknown top-level key, and still checks the rest', () => {
    const r = compileTexts({ 'a.yaml': 'route:\n  - { extension: "1", flow: main }\ndefault: sales\nflows:\n  main:\n    - play: "{{ vars.x "\n' });
    expect(codes(r.diagnostics)).toEqual(['SCHEMA_UNKNOWN_PROPERTY', 'TEMPLATE_SYNTAX']);
  });

  it('keeps app-wide conclusions quiet while another file of the app is not a map', () => {
    const r = compileTexts({ 'a.yaml': 'routes:\n  - { extension: "1", flow: sales }\n', 'b.yaml': '- answer\n' });
    expect(codes(r.diagnostics)).toEqual(['SCHEMA_TYPE']);
  });

  it('still reports what the other file has wrong on its own', () => {
    const r = compileTexts({ 'a.yaml': 'routes:\n  - { extension: "1", flow: sales }\n  - { number: { regex: "(" }, flow: sales }\n', 'b.yaml': 'flows: 5\n' });
    expect(where(r.diagnostics)).toEqual([
      ['INVALID_REGEX', 3, 24],
      ['SCHEMA_TYPE', 1, 8],
    ]);
  });
});

describe('steps nested in a step that failed its schema', () => {
  it('are still read and checked, with no follow-on report of the outer problem', () => {
    const r = compileTexts({
      'a.yaml': flow('    - menu:\n        timout: 5s\n        options:\n          "1": [{ cal: main }]\n          "2": [{ say: "{{ vars.x " }]\n          "3": hangup\n    - if:\n        tehn: [hangup]\n        when: vars.x\n'),
    });
    expect(where(r.diagnostics)).toEqual([
      ['SCHEMA_UNKNOWN_PROPERTY', 5, 9],
      ['UNKNOWN_STEP', 7, 19],
      ['TEMPLATE_SYNTAX', 8, 24],
      ['SCHEMA_TYPE', 9, 16],
      ['SCHEMA_MISSING_PROPERTY', 11, 9],
      ['SCHEMA_UNKNOWN_PROPERTY', 11, 9],
    ]);
  });
});

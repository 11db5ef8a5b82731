import { codes, compileTexts, where } from './compile-helper';

const flow = (steps: string): string => `default: main\nflows:\n  main:\n${steps}`;

describe('goto rules', () => {
  it('accepts a forward goto without max and a backward goto with max', () => {
    const r = compileTexts({ 'a.yaml': flow('    - if:\n        when: vars.x\n        then: [{ goto: end }]\n    - set: { x: "1" }\n    - label: top\n    - goto: { label: top, max: 3 }\n    - label: end\n') });
    expect(r.diagnostics).toEqual([]);
  });

  it('resolves labels in enclosing lists and flags a backward jump out of a branch', () => {
    const r = compileTexts({ 'a.yaml': flow('    - label: top\n    - if:\n        when: vars.x\n        then: [{ goto: top }]\n    - set: { x: "1" }\n') });
    expect(where(r.diagnostics)).toEqual([['GOTO_UNBOUNDED', 7, 16]]);
  });

  it('treats a goto to a label later in an enclosing list as forward', () => {
    const r = compileTexts({ 'a.yaml': flow('    - if:\n        when: vars.x\n        then: [{ goto: out }]\n    - set: { x: "1" }\n    - label: out\n') });
    expect(r.diagnostics).toEqual([]);
  });

  it('flags a goto to itself-or-earlier label in the same list (a label right before)', () => {
    const r = compileTexts({ 'a.yaml': flow('    - label: spin\n    - goto: spin\n') });
    expect(codes(r.diagnostics)).toEqual(['GOTO_UNBOUNDED']);
  });

  it('does not look into sibling branches for labels', () => {
    const r = compileTexts({ 'a.yaml': flow('    - if:\n        when: vars.x\n        then: [{ label: inner }]\n        else: [{ goto: inner }]\n    - set: { x: "1" }\n') });
    expect(codes(r.diagnostics)).toEqual(['UNKNOWN_LABEL']);
    expect(r.diagnostics[0].hint).toMatch(/another branch/);
  });

  it('suggests a close label name', () => {
    const r = compileTexts({ 'a.yaml': flow('    - label: again\n    - goto: { label: agian, max: 2 }\n') });
    expect(r.diagnostics.map((d) => [d.code, d.hint])).toEqual([['UNKNOWN_LABEL', 'Did you mean "again"?']]);
  });

  it('checks labels per flow, including inline route steps', () => {
    const r = compileTexts({ 'a.yaml': 'routes:\n  - extension: "1"\n    steps: [{ label: a }, { label: a }]\ndefault: [{ label: a }]\n' });
    expect(where(r.diagnostics)).toEqual([['DUPLICATE_LABEL', 3, 27]]);
  });
});

describe('reachability', () => {
  it('reports the first dead step of each run only, and a label revives the list', () => {
    const r = compileTexts({ 'a.yaml': flow('    - hangup\n    - answer\n    - answer\n    - label: later\n    - answer\n    - return\n    - answer\n') });
    expect(where(r.diagnostics)).toEqual([
      ['UNREACHABLE_STEP', 5, 7],
      ['UNREACHABLE_STEP', 10, 7],
    ]);
  });

  it('knows a goto with max can fall through', () => {
    const r = compileTexts({ 'a.yaml': flow('    - label: a\n    - goto: { label: a, max: 2 }\n    - answer\n') });
    expect(r.diagnostics).toEqual([]);
  });

  it('looks inside branches', () => {
    const r = compileTexts({ 'a.yaml': flow('    - menu:\n        options:\n          "1": [hangup, answer]\n') });
    expect(where(r.diagnostics)).toEqual([['UNREACHABLE_STEP', 6, 25]]);
  });
});

describe('flows', () => {
  it('reports a flow that calls itself', () => {
    const r = compileTexts({ 'a.yaml': flow('    - answer\n    - call: main\n') });
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['RECURSIVE_CALL', 'flow "main" calls itself']]);
  });

  it('counts call steps as uses and suggests names for unknown flows', () => {
    const r = compileTexts({ 'a.yaml': flow('    - call: helper\n    - call: helpr\n  helper: [answer]\n') });
    expect(r.diagnostics.map((d) => [d.code, d.hint])).toEqual([['UNKNOWN_FLOW', 'Did you mean "helper"?']]);
  });

  it('reports an empty app once (not also NO_DEFAULT)', () => {
    expect(codes(compileTexts({ 'a.yaml': 'flows: {}\n' }).diagnostics)).toEqual(['EMPTY_APP']);
  });

  it('does not count dispatch-only apps as empty', () => {
    expect(codes(compileTexts({ 'a.yaml': 'dispatch:\n  - http: { url: "http://r/x" }\n' }).diagnostics)).toEqual(['NO_DEFAULT']);
  });
});

describe('routes', () => {
  const routes = (text: string): string => `routes:\n${text}default: main\nflows:\n  main: [answer]\n`;

  it('does not call a route shadowed when the earlier one has a when condition', () => {
    const r = compileTexts({ 'a.yaml': routes('  - { extension: "1", match: { condition: metadata.vip }, flow: main }\n  - { extension: "1", flow: main, metadata: { vip: "yes" } }\n') });
    expect(r.diagnostics).toEqual([]);
  });

  it('reports equal conditions as duplicates, and a higher priority as a shadow', () => {
    const dup = compileTexts({ 'a.yaml': routes('  - { extension: "1", match: { calendar: office }, flow: main }\n  - { match: { extension: "1", calendar: office }, flow: main }\n') });
    expect(codes(dup.diagnostics)).toEqual(['DUPLICATE_ROUTE']);
    const prio = compileTexts({ 'a.yaml': routes('  - { extension: "1", flow: main }\n  - { extension: "1", priority: -1, flow: main }\n') });
    expect(codes(prio.diagnostics)).toEqual(['SHADOWED_ROUTE']);
  });

  it('lets a higher-priority narrower route through', () => {
    const r = compileTexts({ 'a.yaml': routes('  - { number: { prefix: "+1" }, flow: main }\n  - { number: { prefix: "+1212" }, priority: 5, flow: main }\n') });
    expect(r.diagnostics).toEqual([]);
  });

  it('reports duplicates across files', () => {
    const r = compileTexts({ 'a.yaml': 'routes:\n  - { extension: "1", flow: main }\ndefault: main\nflows: { main: [answer] }\n', 'b.yaml': 'routes:\n  - { extension: "1", flow: main }\n' });
    expect(r.diagnostics.map((d) => [d.code, d.file, d.related?.[0].file])).toEqual([['DUPLICATE_ROUTE', 'b.yaml', 'a.yaml']]);
  });

  it('checks rewrite regexes and regex flags', () => {
    const r = compileTexts({ 'a.yaml': routes('  - extension: { regex: "^1", flags: g }\n    rewrite: { number: { regex: "(", replace: "" } }\n    flow: main\n') });
    expect(where(r.diagnostics)).toEqual([
      ['INVALID_REGEX', 2, 25],
      ['INVALID_REGEX', 3, 33],
    ]);
  });

  it('checks patterns in conditions', () => {
    const r = compileTexts({ 'a.yaml': flow('    - if:\n        when: { value: "{{ call.extension }}", pattern: "1[2" }\n        then: [answer]\n') });
    expect(codes(r.diagnostics)).toEqual(['INVALID_PATTERN']);
  });
});

describe('templates', () => {
  it('accepts call fields, route metadata and variables set by any step of the app', () => {
    const r = compileTexts({
      'a.yaml': 'routes:\n  - { extension: "1", flow: main, metadata: { queue: q } }\ndefault: main\nflows:\n  main:\n    - listen_dtmf: { into: pin }\n    - say: "{{ call.caller }} {{ metadata.queue }} {{ vars.pin }} {{ vars.pin_status }} {{ vars.other }}"\n  other: [{ set: { other: "x" } }]\n',
    });
    expect(codes(r.diagnostics)).toEqual(['UNUSED_FLOW']);
  });

  it('skips values read through | default', () => {
    const r = compileTexts({ 'a.yaml': flow('    - say: "{{ metadata.tier | default: \'basic\' }} {{ vars.n|default: 0 }}"\n') });
    expect(r.diagnostics).toEqual([]);
  });

  it('warns about metadata only when no HTTP router could add it', () => {
    const text = flow('    - say: "{{ metadata.tier }}"\n');
    expect(codes(compileTexts({ 'a.yaml': text }).diagnostics)).toEqual(['UNKNOWN_METADATA']);
    expect(codes(compileTexts({ 'a.yaml': `${text}dispatch:\n  - http: { url: "http://r/x" }\n` }).diagnostics)).toEqual([]);
  });

  it('checks condition expressions and their variables', () => {
    const r = compileTexts({ 'a.yaml': flow('    - if:\n        when: \'call.dialed == "1" and nope.x\'\n        then: [answer]\n') });
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['UNKNOWN_TEMPLATE_VARIABLE', '"call.dialed" does not exist'],
      ['UNKNOWN_TEMPLATE_VARIABLE', '"nope" is not something templates can read'],
    ]);
  });

  it('refuses file-system tags as syntax errors', () => {
    const r = compileTexts({ 'a.yaml': flow('    - say: \'{% include "x" %}\'\n') });
    expect(codes(r.diagnostics)).toEqual(['TEMPLATE_SYNTAX']);
  });

  it('does not treat keys, labels or plain strings as templates', () => {
    const r = compileTexts({ 'a.yaml': flow('    - set: { "{{ x }}": plain }\n') });
    expect(r.diagnostics).toEqual([]);
  });
});

describe('structure before semantics', () => {
  it('runs every semantic rule past a schema error, with no follow-on report of it', () => {
    const r = compileTexts({ 'a.yaml': 'routes:\n  - { extension: "1", flow: nowhere }\nflows:\n  main: [answr]\n' });
    expect(codes(r.diagnostics)).toEqual(['NO_DEFAULT', 'UNKNOWN_FLOW', 'UNUSED_FLOW', 'UNKNOWN_STEP']);
    expect(r.snapshot).toBeUndefined();
  });

  it('explains misplaced step parameters', () => {
    const r = compileTexts({ 'a.yaml': flow('    - menu:\n      options: {}\n') });
    expect(r.diagnostics.map((d) => [d.code, d.line, d.column, d.message])).toEqual([['SCHEMA_UNKNOWN_PROPERTY', 5, 7, 'a step is a map with one key; "options" sits beside "menu"']]);
  });

  it('refuses a bare name for a step that needs parameters', () => {
    expect(codes(compileTexts({ 'a.yaml': flow('    - say\n') }).diagnostics)).toEqual(['SCHEMA_INVALID']);
  });

  it('reports bad durations inside nested steps and prompts as steps', () => {
    const r = compileTexts({ 'a.yaml': flow('    - listen_dtmf:\n        prompt: { sya: hi }\n        timeout: soon\n') });
    expect(where(r.diagnostics)).toEqual([
      ['UNKNOWN_STEP', 5, 19],
      ['INVALID_DURATION', 6, 18],
    ]);
  });

  it('reports an invalid HTTP router timeout', () => {
    expect(where(compileTexts({ 'a.yaml': 'dispatch:\n  - http: { url: "http://r/x", timeout: fast }\ndefault: [answer]\n' }).diagnostics)).toEqual([['INVALID_DURATION', 2, 41]]);
  });
});

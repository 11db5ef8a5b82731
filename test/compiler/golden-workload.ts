import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// A generated project with many problems of every stage (syntax, schema,
// merge, semantic; YAML, TOML and JSON; two apps and a clean one), whose
// `voxtra validate` output is kept as a fixture: the compiler's speed work
// must leave every byte of it as it was.

/** The config: four apps, calendars and HTTP services for the rules that look names up. */
const CONFIG = `apps:
  - name: shop
    flows: shop/
  - name: desk
    flows: [desk/, "extra/*.yaml"]
  - name: clean
    flows: clean/
  - name: broken
    flows: broken/
calendars:
  office: { timezone: UTC, hours: { mon-fri: "09:00-17:00" } }
http_services:
  crm: { url: "http://crm.example.com/api", timeout: 2s }
`;

/** Flow file number `i` of an app: a route table, a flow with a menu, and the mistakes of variant `i % 8`. */
export function flowFile(i: number): string {
  const v = i % 8;
  const ext = 3000 + i * 10;
  let routes = `routes:
  - name: r${i}
    extension: "${ext}"
    metadata: { queue: q${i % 5}, tier: gold }
    flow: f${i}
  - name: p${i}
    extension: { prefix: "${ext + 5}" }
    priority: ${i % 3}
    flow: f${i}
`;
  let steps = '';
  let extraFlows = '';
  switch (v) {
    case 0:
      routes += `  - name: r${i}-dup\n    extension: "${ext}"\n    metadata: { queue: q${i % 5}, tier: gold }\n    flow: f${i}\n`;
      steps = `      - sya: "Hello"\n      - call: missing-${i}\n      - say: "{{ call.caler_name }}"\n`;
      break;
    case 1:
      routes += `  - name: r${i}-shadowed\n    extension: "${ext + 5}9"\n    priority: ${i % 3}\n    flow: f${i}\n  - name: bad-re-${i}\n    extension: { regex: "^(9${i}" }\n    flow: f${i}\n`;
      steps = `      - goto: { label: nowhere, max: 2 }\n      - menu:\n          prompt: sound:beep\n          timout: 5s\n          options: { "1": [hangup] }\n`;
      break;
    case 2:
      routes += `  - name: pat-${i}\n    extension: "_1N[2-9XX"\n    flow: f${i}\n  - name: cal-${i}\n    extension: "${ext + 7}"\n    match: { calendar: ofice }\n    flow: f${i}\n`;
      steps = `      - wait: 5 seconds\n      - say: "Hi {{ metadata.tire }} {{ vars.pni }}"\n      - listen_dtmf: { into: pin }\n      - say: "Pin {{ vars.pin }}"\n`;
      break;
    case 3:
      steps = `      - http: { service: crn, path: /lookup, into: c }\n      - http: { url: "https://{{ metadata.queue }}.example.com/x" }\n      - say: "Hello {{ call.caller_name "\n      - hangup\n      - play: sound:dead\n`;
      extraFlows = `  loop-a-${i}:\n    - call: loop-b-${i}\n  loop-b-${i}:\n    - call: loop-a-${i}\n  unused-${i}: [answer, hangup]\n`;
      break;
    case 4:
      routes += `  - extensoin: "${ext + 8}"\n    flow: sales-${i}\n  - extension: "${ext + 9}"\n    flw: billing-${i}\n`;
      steps = `      - lable: again\n      - goto: { label: again, max: 3 }\n      - cal: helper-${i}\n      - dail: { endpoint: "PJSIP/100", into: result }\n      - say: "Result {{ vars.result_status }}"\n      - hangpu\n      - say: "bye"\n`;
      extraFlows = `  helper-${i}:\n    - set: { x: "1" }\n    - return\n  sales-${i}: [answer]\n  billing-${i}: [answer]\n`;
      break;
    case 5:
      steps = `      - label: top\n      - label: top\n      - goto: top\n      - menu:\n          prompt: sound:press-1\n          options: {}\n      - transfer_to_queue: 5\n`;
      break;
    case 6:
      steps = `      - if:\n          when: { calendar: holidays, is: holiday }\n          then: [hangup, { say: "after" }]\n          else:\n            - switch:\n                on: "{{ vars.nope }}"\n                cases: { a: [{ goto: { label: deep, max: 1 } }] }\n      - record: "vm-{{ call.number }}"\n`;
      break;
    case 7:
      steps = `      - play: { sound: sound:beep, extra: 1 }\n      - say: 12\n      - set: { greeting: "Hello {{ call.caller_name }}" }\n      - answer: now\n`;
      break;
  }
  return `${routes}flows:
  f${i}:
    description: Generated flow ${i}.
    steps:
      - answer
      - label: start
      - menu:
          prompt: { say: "Press 1 for sales, 2 for support." }
          timeout: 5s
          attempts: 3
          options:
            "1": [{ transfer_to_queue: sales }]
            "2": [{ transfer_to_queue: "{{ metadata.queue }}" }]
          invalid: [{ say: "Sorry." }]
          exhausted: [hangup]
${steps}      - goto: { label: start, max: 2 }
      - hangup
${extraFlows}`;
}

/** Files of every other format and of the problems only a whole file can have. */
const SPECIAL: Record<string, string | Buffer> = {
  'shop/t01.toml': `default = "support"\n\n[[routes]]\nname = "toml-sales"\nextension = "100"\nflow = "sales"\n\n[[routes]]\nname = "toml-intl"\nnumber.regex = "^+44"\nflow = "support"\n\n[[flows.support]]\nanswer = {}\n\n[[flows.support]]\nsya = "Welcome"\n\n[[flows.support]]\ngoto = { label = "mneu", max = 3 }\n`,
  'broken/t02.toml': 'default = "x"\n[[routes]\nname = 1\n',
  'shop/j01.json': JSON.stringify(
    {
      routes: [
        { name: 'json-a', extension: '200', flow: 'json-flow' },
        { name: 'json-b', extension: '200', flow: 'json-flow' },
        { name: 'r0', extension: '201', flow: 'json-missing' },
      ],
      flows: { 'json-flow': ['answer', { goto: { label: 'x', max: 1 } }, { say: '{{ vars.y }}' }], f1: ['answer'] },
    },
    null,
    2,
  ),
  'broken/j02.json': '{ "routes": [ { "name": "j", "extension": "1" ], "flows": {} }\n',
  'broken/y01.yaml': 'routes:\n  - name: broken\n    extension: "1\nflows: {\n',
  'broken/y02.yaml': 'default: dupe\nflows:\n  dupe: [answer]\n  dupe: [hangup]\n',
  'broken/y03.yaml': Buffer.from([0x64, 0x65, 0x66, 0x3a, 0x20, 0xff, 0xfe, 0x0a]),
  'broken/y04.yaml': '- just\n- a list\n',
  'broken/y05.yaml': '',
  'shop/zz-default.yaml': 'default: fallback\nflows:\n  fallback: [answer, hangup]\n',
  'desk/main.yaml': 'routes:\n  - name: desk\n    extension: "1"\n    flow: front\nflows:\n  front:\n    - answer\n    - say: "{{ metadata.queue }}"\n    - call: back\n',
  'desk/more.toml': '[[routes]]\nname = "desk"\nextension = "2"\nflow = "front"\n\n[flows]\nfront = [ "hangup" ]\n',
  'extra/x.yaml': 'flows:\n  back: [answer, { goto: up }, { label: up }]\n',
  'clean/main.yaml': 'routes:\n  - name: sales\n    extension: "1000"\n    metadata: { queue: sales }\n    flow: main\ndefault: main\nflows:\n  main:\n    - answer\n    - say: "Queue {{ metadata.queue | default: \'none\' }}"\n    - transfer_to_queue: "{{ metadata.queue | default: \'sales\' }}"\n',
};

/** Writes the project (`count` generated files in the `shop` app, four in `broken`, plus the special ones) and returns its folder. */
export function goldenProject(count = 40): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'voxtra-golden-'));
  const write = (name: string, content: string | Buffer): void => {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  };
  write('voxtra.config.yaml', CONFIG);
  for (let i = 0; i < count; i++) write(`shop/g${String(i).padStart(3, '0')}.yaml`, flowFile(i));
  // An app with files that do not parse: its rules stay quiet about what those may have said.
  for (let i = count; i < count + 4; i++) write(`broken/g${String(i).padStart(3, '0')}.yaml`, flowFile(i));
  for (const [name, content] of Object.entries(SPECIAL)) write(name, content);
  return dir;
}

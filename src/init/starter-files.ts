import { posix } from 'node:path';

/** Where the starter's editor bindings find the schemas, relative to the project root, or a URL. */
export interface StarterOptions {
  readonly app: string;
  /** A folder (relative to the project root, `/` separators) or an http(s) URL holding the schema files. */
  readonly schemas: string;
}

/** One file of the starter: path relative to the project root (`/` separators) and its text. */
export interface StarterFile {
  readonly path: string;
  readonly text: string;
}

export const SCHEMA_NAMES = { config: 'voxtra.config.schema.json', flow: 'flow.schema.json', scenario: 'scenario.schema.json' } as const;

const isUrl = (ref: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(ref);

/** The schema reference as seen from a file in `fromDir` (project-relative): modelines resolve against the file's folder. */
export function schemaRef(schemas: string, fromDir: string, name: string): string {
  if (isUrl(schemas)) return `${schemas.replace(/\/+$/, '')}/${name}`;
  const rel = posix.relative(fromDir === '' ? '.' : fromDir, posix.join(schemas, name));
  return rel.startsWith('.') ? rel : `./${rel}`;
}

function config(o: StarterOptions): string {
  return `# yaml-language-server: $schema=${schemaRef(o.schemas, '', SCHEMA_NAMES.config)}
#
# Voxtra's configuration. \${NAME} and \${NAME:-default} expand from the
# environment, so secrets never have to sit in this file.
ari:
  url: \${ARI_URL:-http://127.0.0.1:8088}   # Asterisk's HTTP server; /ari is appended
  username: \${ARI_USERNAME:-voxtra}
  password: \${ARI_PASSWORD:-voxtra}         # \`voxtra provision\` generates a real one
app: ${o.app}                                ${' '.repeat(Math.max(0, 6 - o.app.length))}# Stasis(${o.app}) in the dialplan
flows: flows/
queues: { context: voxtra-queues }         # where transfer_to_queue continues
http: { listen: 127.0.0.1:9464 }           # /healthz, /readyz, /metrics
log: { level: info }
`;
}

function flow(o: StarterOptions): string {
  return `# yaml-language-server: $schema=${schemaRef(o.schemas, 'flows', SCHEMA_NAMES.flow)}
#
# Routes and flows. \`voxtra validate\` checks them, \`voxtra graph main\` draws
# them, and \`voxtra test\` runs the scenarios in main.test.yaml.
routes:
  - name: reception
    extension: "1000"                 # the dialled extension
    metadata: { team: reception }     # travels with the call (VOXTRA_TEAM on transfer)
    flow: main

default: main                         # every other call

flows:
  main:
    description: The starter menu.
    steps:
      - answer
      - menu:
          prompt: { say: "Welcome. Press 1 for sales, 2 for support." }
          timeout: 5s
          attempts: 3
          options:
            "1": [{ transfer_to_queue: sales }]
            "2": [{ transfer_to_queue: support }]
          invalid: [{ say: "Sorry, that is not an option." }]
          exhausted: [{ say: "Goodbye." }, hangup]
`;
}

function scenarios(o: StarterOptions): string {
  return `# yaml-language-server: $schema=${schemaRef(o.schemas, 'flows', SCHEMA_NAMES.scenario)}
#
# Scenarios for main.yaml: \`voxtra test\` places each call on a simulated
# clock (no Asterisk needed) and checks what happened.
defaults:
  call: { extension: "1000", from: "+15550100" }

scenarios:
  - name: pressing 1 reaches sales
    caller:
      - { press: "1", during: prompt, offset: 1s }
    expect:
      route: reception
      flow: main
      queue: sales
      channel_variables: { VOXTRA_QUEUE: sales, VOXTRA_TEAM: reception }
      outcome: transferred

  - name: an invalid choice, then 2 reaches support
    caller:
      - { press: "9", at: 4s }
      - { press: "2", during: { prompt: 3 } }
    expect:
      prompts:
        - { say: "Welcome. Press 1 for sales, 2 for support.", status: done }
        - "Sorry, that is not an option."
        - { say: "Welcome. Press 1 for sales, 2 for support.", status: interrupted }
      queue: support

  - name: no choice at all says goodbye and hangs up
    call: { extension: "5555" }
    expect:
      route: default
      queue: null
      outcome: hung_up
`;
}

function vscodeSettings(o: StarterOptions): string {
  const at = (name: string): string => schemaRef(o.schemas, '', name);
  // The scenario pattern is listed with the flow pattern negated: a file bound to two schemas gets both checks.
  const settings = {
    'yaml.schemas': {
      [at(SCHEMA_NAMES.config)]: ['voxtra.config.yaml', 'voxtra.config.yml'],
      [at(SCHEMA_NAMES.flow)]: ['flows/**/*.yaml', 'flows/**/*.yml', '!flows/**/*.test.yaml', '!flows/**/*.test.yml'],
      [at(SCHEMA_NAMES.scenario)]: ['flows/**/*.test.yaml', 'flows/**/*.test.yml'],
    },
    'json.schemas': [
      { fileMatch: ['voxtra.config.json'], url: at(SCHEMA_NAMES.config) },
      { fileMatch: ['flows/**/*.json'], url: at(SCHEMA_NAMES.flow) },
    ],
  };
  return `${JSON.stringify(settings, null, 2)}\n`;
}

/** The files `voxtra init` writes, in the order it writes them. */
export function starterFiles(o: StarterOptions): StarterFile[] {
  return [
    { path: 'voxtra.config.yaml', text: config(o) },
    { path: 'flows/main.yaml', text: flow(o) },
    { path: 'flows/main.test.yaml', text: scenarios(o) },
    { path: '.vscode/settings.json', text: vscodeSettings(o) },
    { path: '.gitignore', text: '# voxtra run --simulator writes its address here\n.voxtra/\n# voxtra provision --out asterisk: the generated passwords\nasterisk/voxtra.env\nasterisk/ari.conf\nasterisk/websocket_client.conf\n' },
  ];
}

// @ts-check
// The layering of docs/architecture.md, enforced: `npm run lint` runs this
// over src/, and test/lint/layering.test.ts runs it over src/ (CI) and over
// fixtures that break each rule.

/**
 * The layers of docs/architecture.md, from the bottom up. A folder imports values only from its own layer or
 * the ones below (type declarations from anywhere: they vanish at run time).
 */
const LAYERS = [
  ['kernel', ['core', 'media', 'io']],
  ['values', ['diagnostics', 'ir', 'calendar', 'template', 'control']],
  ['language', ['parse', 'routing', 'call', 'steps', 'schema', 'compiler']],
  ['interpretation', ['session', 'graph']],
  ['edges', ['ari', 'http-router', 'tts', 'watch', 'config', 'observability', 'ops-server', 'simulator']],
  ['assembly', ['runtime', 'reload', 'host']],
  ['callers', ['api', 'testing', 'lsp', 'init', 'provision', 'cli']],
];

/** Folders that do I/O: the edges of the architecture (and the kernel's I/O primitives). */
const EDGES = ['io', 'ari', 'simulator', 'host', 'runtime', 'reload', 'watch', 'ops-server', 'cli', 'http-router', 'tts', 'config', 'provision', 'lsp', 'api', 'testing', 'init'];
/** Node modules that reach outside the process (files, sockets, processes, threads). */
const IO_MODULES = ['fs', 'fs/promises', 'net', 'http', 'https', 'http2', 'tls', 'dgram', 'child_process', 'worker_threads', 'cluster'];

const folder = (names) => `^src/(${names.join('|')})/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'pure-compiler-and-router',
      comment: 'The compiler and the router are pure functions of their inputs: no I/O module, no edge folder, not the kernel\'s I/O primitives.',
      severity: 'error',
      from: { path: '^src/(compiler|routing)/' },
      to: {
        path: [folder(EDGES), `^(node:)?(${IO_MODULES.join('|')})$`],
      },
    },
    {
      name: 'ari-client-in-adapter-only',
      comment: 'Only the ARI adapter (src/ari/ari-client/) knows ari-client and its swagger-client.',
      severity: 'error',
      from: { pathNot: '^src/ari/ari-client/' },
      to: { path: '(^|/)node_modules/(ari-client|swagger-client)/' },
    },
    {
      name: 'chokidar-in-watcher-only',
      comment: 'Only the file watcher (src/watch/) imports chokidar.',
      severity: 'error',
      from: { pathNot: '^src/watch/' },
      to: { path: '(^|/)node_modules/chokidar/' },
    },
    {
      name: 'nothing-imports-the-cli',
      comment: 'The CLI is the outermost edge: the API, the host and everything else never import it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'schema-not-test-runner',
      comment: 'JSON Schemas never import the test runner (voxtra test builds on them, not the other way round).',
      severity: 'error',
      from: { path: '^src/schema/' },
      to: { path: '^src/testing/' },
    },
    {
      name: 'steps-below-session',
      comment: 'Steps run through the Call API (src/call); the session (interpreter, call object) uses steps, never the reverse.',
      severity: 'error',
      from: { path: '^src/steps/' },
      to: { path: '^src/session/' },
    },
    {
      name: 'runtime-never-imports-simulator',
      comment: 'The simulator is a stand-in for Asterisk: only the composition root, the API, the test runner and the CLI may start one.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/(simulator|host|api|testing|cli)/', '^src/index\\.ts$'] },
      to: { path: '^src/simulator/' },
    },
    ...LAYERS.slice(0, -1).map(([layer, folders], i) => ({
      name: `layer-${layer}`,
      comment: `The ${layer} layer (${folders.join(', ')}) imports no value from a layer above it.`,
      severity: 'error',
      from: { path: folder(folders) },
      to: { path: folder(LAYERS.slice(i + 1).flatMap(([, f]) => f)), dependencyTypesNot: ['type-only'] },
    })),
    {
      name: 'no-cycles',
      comment: 'Modules form no cycle (type-only imports aside: they vanish at run time).',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['require', 'node', 'default'] },
  },
};

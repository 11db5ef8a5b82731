// A minimal LSP client for the lint bench: JSON-RPC (vscode-jsonrpc) over a
// server's stdio; answers workspace/configuration with the given settings and
// timestamps every publishDiagnostics.
'use strict';

const { performance } = require('node:perf_hooks');
const { setTimeout, clearTimeout } = require('node:timers');

const { spawn } = require('node:child_process');
const { pathToFileURL } = require('node:url');
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');

class BenchLspClient {
  /** Spawns `command args` in `root` and initializes it. */
  static async start(command, args, root, { settings = {}, initializationOptions } = {}) {
    const child = spawn(command, args, { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    const rpc = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const client = new BenchLspClient(child, rpc);
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (t) => (stderr += t));
    // A server that dies must fail the bench loudly, not leave it waiting on a pipe that closed.
    const died = new Promise((_resolve, reject) => child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${stderr.slice(-500)}`))));
    died.catch(() => undefined);
    client.died = died;
    rpc.onRequest('workspace/configuration', (p) => p.items.map((i) => settings[i.section] ?? null));
    rpc.onRequest(() => null);
    rpc.onNotification('textDocument/publishDiagnostics', (p) => client.onPublish(p));
    rpc.onNotification(() => undefined);
    rpc.listen();
    const rootUri = pathToFileURL(root).href;
    await Promise.race([died, rpc.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: {} } },
      ...(initializationOptions ? { initializationOptions } : {}),
    })]);
    await rpc.sendNotification('initialized', {});
    if (Object.keys(settings).length > 0) await rpc.sendNotification('workspace/didChangeConfiguration', { settings });
    return client;
  }

  constructor(child, rpc) {
    this.child = child;
    this.rpc = rpc;
    this.waiting = [];
    this.version = 1;
  }

  onPublish(p) {
    const at = performance.now();
    const ready = this.waiting.filter((w) => w.uri === p.uri);
    this.waiting = this.waiting.filter((w) => w.uri !== p.uri);
    for (const w of ready) w.resolve({ at, diagnostics: p.diagnostics });
  }

  /** The next publishDiagnostics for `uri`. */
  next(uri, timeoutMs = 10_000) {
    return new Promise((resolve, reject) => {
      this.died?.catch(reject);
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
      this.waiting.push({ uri, resolve: (v) => (clearTimeout(timer), resolve(v)) });
    });
  }

  async open(uri, text) {
    const published = this.next(uri);
    await this.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: this.version, text } });
    return published;
  }

  /** Sends one incremental change and resolves with the ms until the file's next diagnostics. */
  async change(uri, range, text) {
    const published = this.next(uri);
    const t0 = performance.now();
    await this.rpc.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++this.version }, contentChanges: [{ range, text }] });
    const { at, diagnostics } = await published;
    return { ms: at - t0, diagnostics };
  }

  async stop() {
    this.died = undefined;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    try {
      await this.rpc.sendRequest('shutdown');
      await this.rpc.sendNotification('exit');
    } catch {
      // going away anyway
    }
    const timer = setTimeout(() => this.child.kill(), 3000);
    await exited;
    clearTimeout(timer);
    this.rpc.dispose();
  }
}

module.exports = { BenchLspClient };

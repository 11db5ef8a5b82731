import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** A diagnostic as the language server publishes it (LSP positions are 0-based). */
export interface LspDiagnostic {
  readonly range: { readonly start: { readonly line: number; readonly character: number }; readonly end: { readonly line: number; readonly character: number } };
  readonly message: string;
  readonly severity?: number;
  readonly source?: string;
}

type Message = { id?: number; method?: string; params?: unknown; result?: unknown; error?: unknown };

const SERVER = path.resolve(__dirname, '../../node_modules/yaml-language-server/bin/yaml-language-server');

/**
 * A minimal LSP client for yaml-language-server over stdio: JSON-RPC with
 * Content-Length framing, answers the server's configuration requests with
 * the given `yaml` settings, and collects published diagnostics per file.
 */
export class YamlLanguageServer {
  private readonly proc: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (m: Message) => void>();
  private readonly diagnostics = new Map<string, LspDiagnostic[][]>();
  private readonly waiters: (() => void)[] = [];
  private stderr = '';

  constructor(
    private readonly root: string,
    private readonly yamlSettings: Record<string, unknown> = {},
  ) {
    this.proc = spawn(process.execPath, [SERVER, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stdout.on('data', (d: Buffer) => this.onData(d));
    this.proc.stderr.on('data', (d: Buffer) => {
      this.stderr += d.toString();
    });
  }

  /** initialize + initialized + the settings. */
  async start(): Promise<void> {
    const rootUri = pathToFileURL(this.root).href;
    await this.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'project' }],
      capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } }, textDocument: { publishDiagnostics: {} } },
    });
    this.notify('initialized', {});
    this.notify('workspace/didChangeConfiguration', { settings: { yaml: this.settings() } });
  }

  private settings(): Record<string, unknown> {
    return { validate: true, hover: true, completion: true, schemaStore: { enable: false }, ...this.yamlSettings };
  }

  /** Opens a file (its text as given, not read from disk) and waits for its diagnostics. */
  async open(file: string, text: string, timeoutMs = 5000): Promise<LspDiagnostic[]> {
    const uri = pathToFileURL(path.join(this.root, file)).href;
    const before = this.diagnostics.get(uri)?.length ?? 0;
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const deadline = Date.now() + timeoutMs;
    while ((this.diagnostics.get(uri)?.length ?? 0) <= before) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no diagnostics for ${file} within ${timeoutMs} ms; server stderr: ${this.stderr.slice(-2000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    const all = this.diagnostics.get(uri) ?? [];
    return all[all.length - 1];
  }

  async stop(): Promise<void> {
    if (this.proc.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    try {
      await Promise.race([this.request('shutdown', null), new Promise((r) => setTimeout(r, 1000))]);
      this.notify('exit', null);
    } finally {
      const timer = setTimeout(() => this.proc.kill(), 1000);
      await exited;
      clearTimeout(timer);
    }
  }

  private request(method: string, params: unknown): Promise<Message> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send({ id, method, params });
    });
  }

  private notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  private send(m: Message): void {
    const body = JSON.stringify({ jsonrpc: '2.0', ...m });
    this.proc.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  private onData(d: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, d]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString())?.[1]);
      if (this.buffer.length < end + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString()) as Message;
      this.buffer = this.buffer.subarray(end + 4 + length);
      this.onMessage(message);
    }
  }

  private onMessage(m: Message): void {
    if (m.method === 'textDocument/publishDiagnostics') {
      const p = m.params as { uri: string; diagnostics: LspDiagnostic[] };
      this.diagnostics.set(p.uri, [...(this.diagnostics.get(p.uri) ?? []), p.diagnostics]);
      for (const w of this.waiters.splice(0)) w();
    } else if (m.method !== undefined && m.id !== undefined) {
      // A request from the server: configuration gets the settings, everything else an empty answer.
      const result = m.method === 'workspace/configuration' ? (m.params as { items: { section?: string }[] }).items.map((i) => (i.section === 'yaml' ? this.settings() : null)) : null;
      this.send({ id: m.id, result });
    } else if (m.id !== undefined) {
      this.pending.get(m.id)?.(m);
      this.pending.delete(m.id);
    }
  }
}

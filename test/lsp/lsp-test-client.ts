import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { CompletionItem, CompletionList, Diagnostic, Hover, Location, Position, Range, WorkspaceEdit } from 'vscode-languageserver';

/** The real binary, as editors start it (dist/ is built by `npm test`'s pretest). */
const BIN = path.resolve(__dirname, '../../bin/voxtra');

/** One publishDiagnostics notification. */
export interface Published {
  readonly uri: string;
  readonly diagnostics: Diagnostic[];
  /** performance.now() when it arrived. */
  readonly at: number;
}

/**
 * An LSP client for `voxtra lsp --stdio`: JSON-RPC (vscode-jsonrpc) over the
 * child's stdin and stdout, as an editor speaks it. Files are named relative
 * to the project root.
 */
export class LspTestClient {
  readonly published: Published[] = [];
  private readonly versions = new Map<string, number>();
  private readonly waiters: (() => void)[] = [];
  private stderr = '';

  private constructor(
    readonly root: string,
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly rpc: MessageConnection,
  ) {
    rpc.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
      this.published.push({ uri: p.uri, diagnostics: p.diagnostics, at: performance.now() });
      for (const w of this.waiters.splice(0)) w();
    });
    // The server may log through window/logMessage; keep it for failure messages.
    rpc.onNotification('window/logMessage', (p: { message: string }) => {
      this.stderr += `${p.message}\n`;
    });
    child.stderr.on('data', (d: Buffer) => {
      this.stderr += d.toString();
    });
  }

  /** Spawns `voxtra lsp --stdio` in `root` and initializes it with `root` as the workspace folder. */
  static async start(root: string, opts: { args?: readonly string[]; initializationOptions?: Record<string, unknown> } = {}): Promise<LspTestClient> {
    const child = spawn(process.execPath, [BIN, 'lsp', '--stdio', ...(opts.args ?? [])], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } });
    const rpc = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    rpc.listen();
    const client = new LspTestClient(root, child, rpc);
    const rootUri = pathToFileURL(root).href;
    await rpc.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'project' }],
      capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true }, rename: { prepareSupport: true } } },
      initializationOptions: opts.initializationOptions ?? { debounceMs: 0 },
    });
    await rpc.sendNotification('initialized', {});
    return client;
  }

  uri(file: string): string {
    return pathToFileURL(path.join(this.root, file)).href;
  }

  async open(file: string, text: string, languageId = 'yaml'): Promise<void> {
    this.versions.set(file, 1);
    await this.rpc.sendNotification('textDocument/didOpen', { textDocument: { uri: this.uri(file), languageId, version: 1, text } });
  }

  /** Replaces the whole text of an open file (a full-document change). */
  async change(file: string, text: string): Promise<void> {
    const version = (this.versions.get(file) ?? 1) + 1;
    this.versions.set(file, version);
    await this.rpc.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri(file), version }, contentChanges: [{ text }] });
  }

  /** Replaces a range of an open file (an incremental change, as an editor sends a keystroke). */
  async edit(file: string, range: Range, text: string): Promise<void> {
    const version = (this.versions.get(file) ?? 1) + 1;
    this.versions.set(file, version);
    await this.rpc.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri(file), version }, contentChanges: [{ range, text }] });
  }

  /** The first diagnostics for `file` published after notification number `after` that satisfy `accept`. */
  async diagnostics(file: string, accept: (d: Diagnostic[]) => boolean = () => true, after = 0, timeoutMs = 5000): Promise<Published> {
    const uri = this.uri(file);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.published.slice(after).find((p) => p.uri === uri && accept(p.diagnostics));
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) {
        const seen = this.published.filter((p) => p.uri === uri).map((p) => p.diagnostics.map((d) => d.code));
        throw new Error(`no matching diagnostics for ${file} within ${timeoutMs} ms (seen: ${JSON.stringify(seen)}); server stderr: ${this.stderr.slice(-2000)}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  definition(file: string, position: Position): Promise<Location[] | Location | null> {
    return this.rpc.sendRequest('textDocument/definition', { textDocument: { uri: this.uri(file) }, position });
  }

  references(file: string, position: Position, includeDeclaration = true): Promise<Location[] | null> {
    return this.rpc.sendRequest('textDocument/references', { textDocument: { uri: this.uri(file) }, position, context: { includeDeclaration } });
  }

  async completion(file: string, position: Position): Promise<CompletionItem[]> {
    const result = await this.rpc.sendRequest<CompletionItem[] | CompletionList | null>('textDocument/completion', { textDocument: { uri: this.uri(file) }, position });
    return Array.isArray(result) ? result : (result?.items ?? []);
  }

  hover(file: string, position: Position): Promise<Hover | null> {
    return this.rpc.sendRequest('textDocument/hover', { textDocument: { uri: this.uri(file) }, position });
  }

  prepareRename(file: string, position: Position): Promise<{ range: Range; placeholder: string } | Range | null> {
    return this.rpc.sendRequest('textDocument/prepareRename', { textDocument: { uri: this.uri(file) }, position });
  }

  rename(file: string, position: Position, newName: string): Promise<WorkspaceEdit | null> {
    return this.rpc.sendRequest('textDocument/rename', { textDocument: { uri: this.uri(file) }, position, newName });
  }

  /** shutdown + exit, then waits for the process to end; its exit code. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    const killer = setTimeout(() => this.child.kill(), 3000);
    try {
      await this.rpc.sendRequest('shutdown');
      await this.rpc.sendNotification('exit');
    } catch {
      // The process is going away anyway.
    }
    const code = await exited;
    clearTimeout(killer);
    this.rpc.dispose();
    return code;
  }
}

/** The LSP position of the `nth` occurrence of `needle` in `text`, `delta` characters in. */
export function positionOf(text: string, needle: string, delta = 0, nth = 0): Position {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`"${needle}" (occurrence ${nth}) is not in the text`);
  }
  const offset = index + delta;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

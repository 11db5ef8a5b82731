/**
 * The server's debounce on a fake clock: the server runs in-process on a
 * pair of in-memory streams, so the test drives time itself (the stdio
 * end-to-end test runs with the debounce off).
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic } from 'vscode-languageserver';
import { createConnection } from 'vscode-languageserver/node';
import { FakeClock } from '../../src/core/fake-clock';
import { startLanguageServer } from '../../src/lsp/server';
import { tempProject } from '../config/temp-project';

const FLOWS = 'default: menu\nflows:\n  menu: [answer, hangup]\n';

describe('voxtra lsp: diagnostics wait for typing to pause', () => {
  let root: string;
  let client: MessageConnection;
  const clock = new FakeClock();
  const published: { uri: string; diagnostics: Diagnostic[] }[] = [];
  let arrived: () => void = () => undefined;

  beforeAll(async () => {
    root = tempProject({ 'voxtra.config.yaml': 'app: demo\nflows: flows/\n', 'flows/main.yaml': FLOWS });
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    // Readers and writers, not raw streams: the library would exit the process when a raw stream ends.
    const connection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    void startLanguageServer(connection, { debounceMs: 150, clock, env: {}, cwd: root });
    client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    client.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
      published.push(p);
      arrived();
    });
    client.listen();
    await client.sendRequest('initialize', { processId: null, rootUri: pathToFileURL(root).href, capabilities: {} });
    await client.sendNotification('initialized', {});
  });

  afterAll(() => {
    client.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  /** Resolves once the server has handled every message sent so far: it answers in order, and an unknown method at once. */
  const settle = (): Promise<void> => client.sendRequest('voxtra/barrier').then(
    () => undefined,
    () => undefined,
  );
  const nextPublish = (): Promise<void> => new Promise((resolve) => (arrived = resolve));

  it('compiles once, 150 ms after the last keystroke, with the last text', async () => {
    const uri = pathToFileURL(path.join(root, 'flows/main.yaml')).href;
    await client.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: FLOWS } });
    await settle();
    clock.advance(100);
    await client.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: FLOWS.replace('default: menu', 'default: men') }] });
    await settle();
    clock.advance(100);
    await settle();
    expect(published).toEqual([]);
    const done = nextPublish();
    clock.advance(50);
    await done;
    expect(published).toHaveLength(1);
    expect(published[0].uri).toBe(uri);
    expect(published[0].diagnostics.map((d) => d.code)).toContain('UNKNOWN_FLOW');
    expect(clock.pending).toBe(0);
  });
});

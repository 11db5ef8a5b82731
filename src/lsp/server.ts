import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LSPErrorCodes, ResponseError, TextDocuments, TextDocumentSyncKind, type Connection, type InitializeResult } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Clock } from '../core/clock';
import { configSchema } from '../schema/config-schema';
import { flowSchema } from '../schema/flow-schema';
import { STEP_REGISTRY } from '../steps/registry';
import { completion } from './completion';
import { Debouncer } from './debouncer';
import { definition } from './definition';
import type { FeatureContext } from './feature-context';
import type { FileModel, Language } from './file-model';
import { hover } from './hover';
import { toLspDiagnostic } from './lsp-diagnostics';
import type { Project, ProjectState } from './project';
import { references } from './references';
import { isRefusal, prepareRename, rename, type Refusal } from './rename';
import { SchemaNavigator } from './schema-nav';
import { Workspace } from './workspace';

/** How `voxtra lsp` runs. */
export interface LanguageServerOptions {
  /** Quiet time after a keystroke before the app is compiled again (initializationOptions.debounceMs overrides it). */
  readonly debounceMs: number;
  /** Drives the debounce; tests inject a fake one. */
  readonly clock: Clock;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The folder to look in when the client names no workspace folder. */
  readonly cwd: string;
  /** `--config FILE`: one project for every file. */
  readonly configPath?: string;
}

/** Options a client may pass in `initialize`. */
interface InitializationOptions {
  debounceMs?: number;
  /** URL of docs/diagnostics.md; diagnostic codes link to their section there. */
  diagnosticsDocs?: string;
}

/** The diagnostics docs in this installation, when it has them (a checkout, not the npm package). */
function localDocsUrl(): string | undefined {
  const file = path.resolve(__dirname, '../../docs/diagnostics.md');
  return existsSync(file) ? pathToFileURL(file).href : undefined;
}

/** The schemas and steps the features read, built once. */
export function defaultLanguage(): Language {
  const steps = new Map(STEP_REGISTRY.map((d) => [d.type, d]));
  return { flow: new SchemaNavigator(flowSchema(STEP_REGISTRY, 'editor')), config: new SchemaNavigator(configSchema()), steps };
}

/**
 * Serves one client on a connection: diagnostics for every file of the app
 * an edited file belongs to (debounced), and the navigation, completion,
 * hover and rename features. The project loading and the compiler are the
 * ones `voxtra validate` uses. Resolves when the client says `exit`.
 */
export function startLanguageServer(connection: Connection, options: LanguageServerOptions): Promise<void> {
  const documents = new TextDocuments(TextDocument);
  const language = defaultLanguage();
  let workspace = new Workspace({ folders: [options.cwd], env: options.env, language, ...(options.configPath !== undefined ? { configPath: options.configPath } : {}) });
  let debouncer = new Debouncer(options.clock, options.debounceMs, report);
  let docsUrl = localDocsUrl();
  /** URIs that were last sent a non-empty list, so a fix sends the empty one. */
  const published = new Set<string>();

  function report(err: unknown): void {
    connection.console.error(`voxtra lsp: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }

  connection.onInitialize((params): InitializeResult => {
    const init = (params.initializationOptions ?? {}) as InitializationOptions;
    const folders = (params.workspaceFolders ?? []).map((f) => fileURLToPath(f.uri));
    if (folders.length === 0 && params.rootUri) folders.push(fileURLToPath(params.rootUri));
    workspace = new Workspace({ folders: folders.length > 0 ? folders : [options.cwd], env: options.env, language, ...(options.configPath !== undefined ? { configPath: options.configPath } : {}) });
    if (typeof init.debounceMs === 'number' && init.debounceMs >= 0) debouncer = new Debouncer(options.clock, init.debounceMs, report);
    if (typeof init.diagnosticsDocs === 'string') docsUrl = init.diagnosticsDocs;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ['.', ':', ' ', '"', '{'] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
      },
      serverInfo: { name: 'voxtra' },
    };
  });

  /** Loads and compiles a project again once typing pauses, then publishes its files' diagnostics. */
  const schedule = (project: Project): void => {
    debouncer.schedule(keyOf(project), async () => publish(project, await project.refresh(workspace.overlay)));
  };

  const publish = (project: Project, state: ProjectState): void => {
    const modelOf = (file: string): FileModel | undefined => state.files.get(file);
    for (const [file, diags] of state.diagnostics) {
      const uri = pathToFileURL(file).href;
      if (diags.length === 0 && !published.has(uri) && !documents.get(uri)) continue;
      const model = modelOf(file);
      const ctx = { cwd: project.cwd, model: modelOf, ...(docsUrl ? { docsUrl } : {}) };
      void connection.sendDiagnostics({ uri, diagnostics: diags.map((d) => toLspDiagnostic(d, model, ctx)) });
      if (diags.length > 0) published.add(uri);
      else published.delete(uri);
    }
  };

  const fileOf = (uri: string): string | undefined => (uri.startsWith('file:') ? fileURLToPath(uri) : undefined);

  documents.onDidChangeContent(({ document }) => {
    const file = fileOf(document.uri);
    if (!file) return;
    workspace.overlay.set(file, document.getText());
    for (const project of workspace.projectsReading(file)) schedule(project);
  });
  documents.onDidClose(({ document }) => {
    const file = fileOf(document.uri);
    if (!file) return;
    workspace.overlay.delete(file);
    for (const project of workspace.projectsReading(file)) schedule(project);
  });
  connection.onDidChangeWatchedFiles(({ changes }) => {
    workspace.forgetConfigs();
    const projects = new Set<Project>(workspace.all());
    for (const c of changes) {
      const file = fileOf(c.uri);
      if (file) projects.add(workspace.projectFor(file));
    }
    for (const p of projects) schedule(p);
  });

  /**
   * What a request works on: the file as the editor has it now, against the
   * last load (a project not loaded yet, or a new file waiting for its
   * load, is loaded first).
   */
  const contextFor = async (uri: string, position: { line: number; character: number }): Promise<FeatureContext | undefined> => {
    const file = fileOf(uri);
    if (!file) return undefined;
    const project = workspace.projectFor(file);
    await project.settled();
    let view = project.view(file, workspace.overlay.get(file));
    // A file that is not part of the project (a CI workflow, a scenario file) costs no load, once the project has one.
    if (!view && (!project.state || debouncer.has(keyOf(project)))) {
      if (debouncer.has(keyOf(project))) await debouncer.flush(keyOf(project));
      else publish(project, await project.refresh(workspace.overlay));
      view = project.view(file, workspace.overlay.get(file));
    }
    return view && { ...view, offset: view.model.offset(position) };
  };

  connection.onDefinition(async ({ textDocument, position }) => {
    const ctx = await contextFor(textDocument.uri, position);
    return ctx ? definition(ctx) : [];
  });
  connection.onReferences(async ({ textDocument, position, context }) => {
    const ctx = await contextFor(textDocument.uri, position);
    return ctx ? references(ctx, context.includeDeclaration) : [];
  });
  connection.onCompletion(async ({ textDocument, position }) => {
    const ctx = await contextFor(textDocument.uri, position);
    return ctx ? completion(ctx) : [];
  });
  connection.onHover(async ({ textDocument, position }) => {
    const ctx = await contextFor(textDocument.uri, position);
    return ctx ? hover(ctx) : null;
  });
  connection.onPrepareRename(async ({ textDocument, position }) => {
    const ctx = await contextFor(textDocument.uri, position);
    return ctx ? answer(prepareRename(ctx)) : null;
  });
  connection.onRenameRequest(async ({ textDocument, position, newName }) => {
    const ctx = await contextFor(textDocument.uri, position);
    return ctx ? answer(rename(ctx, newName)) : null;
  });
  connection.onShutdown(() => debouncer.cancelAll());
  const exited = new Promise<void>((resolve) => connection.onExit(resolve));

  documents.listen(connection);
  connection.listen();
  return exited;
}

function keyOf(project: Project): string {
  return `${project.cwd}\u0000${project.configFile ?? ''}`;
}

/** A refusal goes back as the request's error, which editors show as the reason. */
function answer<T>(result: T | Refusal): T {
  if (isRefusal(result)) throw new ResponseError(LSPErrorCodes.RequestFailed, result.refused);
  return result;
}

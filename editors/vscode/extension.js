// A minimal VS Code client for `voxtra lsp` (not built by CI; see docs/editor.md).
'use strict';

const { existsSync } = require('node:fs');
const path = require('node:path');
const { workspace } = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

/** The project's own voxtra when it has one (the same version as its CI), else npx. */
function serverCommand(config) {
  const configured = config.get('server.command');
  const args = config.get('server.args');
  if (configured) return { command: configured, args };
  const folder = workspace.workspaceFolders?.[0]?.uri.fsPath;
  const local = folder && path.join(folder, 'node_modules', '.bin', process.platform === 'win32' ? 'voxtra.cmd' : 'voxtra');
  if (local && existsSync(local)) return { command: local, args };
  return { command: process.platform === 'win32' ? 'npx.cmd' : 'npx', args: ['voxtra', ...args] };
}

function activate(context) {
  const config = workspace.getConfiguration('voxtra');
  const { command, args } = serverCommand(config);
  const folder = workspace.workspaceFolders?.[0]?.uri.fsPath;
  client = new LanguageClient(
    'voxtra',
    'Voxtra',
    { command, args, options: folder ? { cwd: folder } : {} },
    {
      // Flow files and the config; the server answers only for files of a Voxtra app.
      documentSelector: [
        { scheme: 'file', language: 'yaml' },
        { scheme: 'file', language: 'json' },
        { scheme: 'file', pattern: '**/*.toml' },
      ],
      // Files created, deleted or changed on disk (a new flow file, a branch switch) reach the server.
      synchronize: { fileEvents: workspace.createFileSystemWatcher('**/*.{yaml,yml,toml,json}') },
      initializationOptions: { debounceMs: config.get('debounceMs') },
    },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate };

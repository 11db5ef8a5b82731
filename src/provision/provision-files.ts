/** Names of the files `voxtra provision` writes into its output folder. */
export const PROVISION_FILES = {
  extensions: 'extensions.conf',
  ari: 'ari.conf',
  http: 'http.conf',
  websocketClient: 'websocket_client.conf',
  env: 'voxtra.env',
} as const;

/** One file as rendered, before it is written. */
export interface GeneratedFile {
  readonly name: string;
  readonly text: string;
  /** 0640 for .conf files with secrets (Asterisk reads them), 0600 for voxtra.env, 0644 otherwise. */
  readonly mode: number;
}

/** The Asterisk CLI command that loads a changed file, by file name. */
export const RELOAD_COMMAND: Readonly<Record<string, string>> = {
  [PROVISION_FILES.websocketClient]: 'module reload res_websocket_client.so',
  [PROVISION_FILES.ari]: 'module reload res_ari.so',
  [PROVISION_FILES.http]: 'module reload http',
  [PROVISION_FILES.extensions]: 'dialplan reload',
};

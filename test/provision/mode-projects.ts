import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../cli/run-cli';
import { tempProject } from '../config/temp-project';

export const SALES = [
  'routes:',
  '  - { name: main, extension: "+442071234567", flow: main }',
  '  - { name: desk, extension: "1000", flow: main }',
  'flows:',
  '  main: [answer, { transfer_to_queue: sales }]',
  '',
].join('\n');

export const SUPPORT = ['routes:', '  - { name: help, extension: "2000", flow: main }', 'flows:', '  main: [answer, { play: "sound:hello-world" }, hangup]', ''].join('\n');

export const APPS = ['apps:', '  - { name: sales, flows: sales/ }', '  - { name: support, flows: support/ }', ''].join('\n');

/** Passwords an earlier run "generated": provision keeps them, so the output is the same on every machine. */
export const KEPT = ['ARI_PASSWORD=golden-ari-password-0123456789abcdef', 'VOXTRA_WS_PASSWORD=golden-ws-password-0123456789abcdef', ''].join('\n');

/** The config's `ari` section for each mode (apps sales and support), the arguments, and the files provision writes. */
export const MODES: Record<string, { ari: string; apps?: string; args?: string[]; files: string[] }> = {
  inbound: {
    ari: 'ari: { url: "http://127.0.0.1:8088", username: voxtra, password: "${ARI_PASSWORD:-x}" }',
    files: ['extensions.conf', 'ari.conf', 'http.conf', 'voxtra.env'],
  },
  'per-call': {
    ari: 'ari: [{ name: edge, listen: "10.0.0.5:8765", path: /voxtra, username: asterisk, password: "${VOXTRA_WS_PASSWORD:-x}" }]',
    files: ['extensions.conf', 'ari.conf', 'websocket_client.conf', 'voxtra.env'],
  },
  persistent: {
    ari: 'ari: [{ name: edge, listen: "10.0.0.5:8765", path: /voxtra, username: asterisk, password: "${VOXTRA_WS_PASSWORD:-x}", connection: persistent, url: "http://10.0.0.9:8088" }]',
    files: ['extensions.conf', 'ari.conf', 'websocket_client.conf', 'http.conf', 'voxtra.env'],
  },
  'persistent-ari-user': {
    ari: [
      'ari:',
      '  - { name: pbx1, url: "http://10.0.0.9:8088", username: voxtra, password: "${ARI_PASSWORD:-x}" }',
      '  - { name: edge, listen: "[fd00::5]:8765", path: /voxtra/edge, username: pbx1, password: "${VOXTRA_WS_PASSWORD:-x}", connection: persistent, url: "http://10.0.0.9:8088", ari_username: voxtra-ws, ari_password: "${ARI_PASSWORD:-x}" }',
    ].join('\n'),
    args: ['--server', 'edge'],
    files: ['extensions.conf', 'ari.conf', 'websocket_client.conf', 'http.conf', 'voxtra.env'],
  },
  broadcast: {
    ari: 'ari: { url: "http://127.0.0.1:8088", username: voxtra, password: "${ARI_PASSWORD:-x}" }',
    apps: ['apps:', '  - { name: sales, flows: sales/, broadcast: { instance: a, timeout: 750ms } }', '  - { name: support, flows: support/ }', ''].join('\n'),
    files: ['extensions.conf', 'ari.conf', 'http.conf', 'voxtra.env'],
  },
  tls: {
    ari: [
      'ari:',
      '  - name: edge',
      '    listen: "0.0.0.0:8765"',
      '    path: /voxtra',
      '    username: asterisk',
      '    password: "${VOXTRA_WS_PASSWORD:-x}"',
      '    tls: { cert: tls/voxtra.crt, key: tls/voxtra.key }',
      '    public_url: "wss://voxtra.example.com:8765/voxtra?site=paris"',
    ].join('\n'),
    args: ['--ca-file', '/etc/asterisk/keys/voxtra-ca.pem'],
    files: ['extensions.conf', 'ari.conf', 'websocket_client.conf', 'voxtra.env'],
  },
};

/** A project for `mode`, provisioned into `asterisk/` under it; file texts with the temporary folder replaced by /srv/voxtra. */
export async function provisionMode(mode: string): Promise<{ dir: string; stdout: string; text: (name: string) => string }> {
  const m = MODES[mode];
  const dir = tempProject({ 'voxtra.config.yaml': `${m.ari}\n${m.apps ?? APPS}`, 'sales/main.yaml': SALES, 'support/main.yaml': SUPPORT, 'asterisk/voxtra.env': KEPT });
  const r = await runCli(['provision', '--asterisk-dir', dir, ...(m.args ?? [])], { cwd: dir });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const text = (name: string): string => readFileSync(path.join(dir, 'asterisk', name), 'utf8').split(dir).join('/srv/voxtra');
  return { dir, stdout: r.stdout, text };
}

import { isIP } from 'node:net';
import { commentLines } from './conf-text';

/** The ARI user Voxtra connects as. */
export interface AriUser {
  readonly username: string;
  readonly password: string;
}

/**
 * ari.conf: one user for every app (an ARI user may subscribe to any Stasis
 * app, so per-app users would not isolate tenants), then `more` sections
 * (the outbound WebSockets).
 */
export function renderAriConf(user: AriUser, header: readonly string[], more: readonly string[] = []): string {
  return [
    ...commentLines(header),
    '',
    `[${user.username}]`,
    'type = user',
    'read_only = no',
    `password = ${user.password}`,
    'password_format = plain',
    '',
    ...more,
  ].join('\n');
}

/** Where Asterisk's HTTP server must listen for Voxtra's ARI URL. */
export interface HttpBinding {
  readonly tls: boolean;
  readonly address: string;
  readonly port: number;
  /** Set when the URL names a host by name: Asterisk cannot bind to a name, so it listens on every address. */
  readonly hostName?: string;
}

/** The binding implied by the config's ARI URL (`http://127.0.0.1:8088`). */
export function httpBinding(url: string): HttpBinding {
  const u = new URL(url);
  const tls = u.protocol === 'https:';
  const port = u.port !== '' ? Number(u.port) : tls ? 8089 : 8088;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return { tls, address: '127.0.0.1', port };
  if (isIP(host)) return { tls, address: host, port };
  return { tls, address: '0.0.0.0', port, hostName: host };
}

/** http.conf settings, to include right under `[general]` (the file has no section of its own). */
export function renderHttpConf(binding: HttpBinding, header: readonly string[]): string {
  const addr = binding.address.includes(':') ? `[${binding.address}]` : binding.address;
  const lines = [...commentLines(header), ''];
  if (binding.hostName) {
    lines.push(...commentLines([`The ARI URL names the host "${binding.hostName}": Asterisk cannot bind to a name, so it`, 'listens on every address. Keep port ' + binding.port + ' behind a firewall, or bind to one address.']));
  }
  lines.push('enabled = yes');
  if (binding.tls) {
    lines.push(
      ...commentLines(['The ARI URL is https: Asterisk serves TLS on tlsbindaddr. Point these at your certificate:']),
      'tlsenable = yes',
      `tlsbindaddr = ${addr}:${binding.port}`,
      '; tlscertfile = /etc/asterisk/keys/asterisk.crt',
      '; tlsprivatekey = /etc/asterisk/keys/asterisk.key',
      ...commentLines(['Plain HTTP only on the loopback interface:']),
      'bindaddr = 127.0.0.1',
      'bindport = 8088',
    );
  } else {
    lines.push(`bindaddr = ${binding.address}`, `bindport = ${binding.port}`);
  }
  lines.push(
    ...commentLines([
      'sessionlimit caps HTTP sessions (default 100). Each Voxtra process holds one ARI',
      'WebSocket per Asterisk plus short HTTP requests while calls run: 100 serves a few',
      'processes. Raise it when many Voxtra processes or other ARI clients share this Asterisk.',
    ]),
    '; sessionlimit = 100',
    '',
  );
  return lines.join('\n');
}

/** The shell/systemd environment file with the credentials Voxtra reads (`NAME=value` lines, e.g. ARI_PASSWORD). */
export function renderEnvFile(vars: ReadonlyArray<readonly [string, string]>, header: readonly string[]): string {
  return [...header.map((l) => (l === '' ? '#' : `# ${l}`)), ...vars.map(([name, value]) => `${name}=${value}`), ''].join('\n');
}

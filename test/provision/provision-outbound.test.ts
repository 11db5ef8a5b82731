import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../cli/run-cli';
import { tempProject } from '../config/temp-project';
import { planOutbound } from '../../src/provision';
import type { AriServerConfig } from '../../src/config/config-types';
import { parseConf } from './asterisk-conf';
import { APPS, SALES, SUPPORT } from './mode-projects';

const LISTEN = 'ari: [{ name: edge, listen: "10.0.0.5:8765", path: /voxtra, username: asterisk, password: "${VOXTRA_WS_PASSWORD:-x}" }]';

function project(ari: string, apps = APPS): string {
  return tempProject({ 'voxtra.config.yaml': `${ari}\n${apps}`, 'sales/main.yaml': SALES, 'support/main.yaml': SUPPORT });
}

function read(dir: string, name: string): string {
  return readFileSync(path.join(dir, 'asterisk', name), 'utf8');
}

/** The `password` of every section of a generated .conf file. */
function passwords(dir: string, name: string): string[] {
  return parseConf(read(dir, name)).sections.flatMap((s) => s.entries.filter((e) => e.key === 'password').map((e) => e.value));
}

describe('voxtra provision with a listen server', () => {
  it('generates the credentials once, keeps them, and a second run changes nothing', async () => {
    const dir = project(LISTEN);
    const first = await runCli(['provision'], { cwd: dir });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('ARI user voxtra: generated a password (kept on later runs)\n');
    expect(first.stdout).toContain('Asterisk connects as asterisk to ws://10.0.0.5:8765/voxtra: generated a password (kept on later runs)\n');
    expect(first.stdout).toContain('note: the config\'s password for server edge (what Asterisk presents) is not the provisioned one; set VOXTRA_WS_PASSWORD from asterisk/voxtra.env\n');
    expect(first.stdout).toContain('app sales: context voxtra-in-sales, 2 DID extensions, fallback voxtra-fallback-sales, a WebSocket per call (ari.conf [sales], websocket_client.conf [sales-ws])\n');
    // The reloads, in the order that keeps every reference resolvable.
    expect(first.stdout).toContain(
      [
        'Asterisk: load the changed files (after including them, see their headers):',
        '  asterisk -rx "module reload res_websocket_client.so"',
        '  asterisk -rx "module reload res_ari.so"',
        '  asterisk -rx "dialplan reload"',
        '',
      ].join('\n'),
    );
    const files = ['extensions.conf', 'websocket_client.conf', 'ari.conf', 'voxtra.env'];
    expect(first.stdout.match(/^wrote {5}asterisk\/\S+$/gm)).toEqual(files.map((f) => `wrote     asterisk/${f}`));
    // No http.conf: without url, Voxtra never calls Asterisk's HTTP server.
    expect(existsSync(path.join(dir, 'asterisk/http.conf'))).toBe(false);
    const modes = Object.fromEntries(files.map((f) => [f, statSync(path.join(dir, 'asterisk', f)).mode & 0o777]));
    expect(modes).toEqual({ 'extensions.conf': 0o644, 'ari.conf': 0o640, 'websocket_client.conf': 0o640, 'voxtra.env': 0o600 });

    const [ws] = passwords(dir, 'websocket_client.conf');
    const [ari] = passwords(dir, 'ari.conf');
    expect(ws).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(ari).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(ws).not.toBe(ari);
    expect(passwords(dir, 'websocket_client.conf')).toEqual([ws, ws]);
    const before = Object.fromEntries(files.map((f) => [f, read(dir, f)]));
    const mtimes = files.map((f) => statSync(path.join(dir, 'asterisk', f)).mtimeMs);

    // Voxtra now reads the provisioned password: no note, nothing rewritten, nothing to reload.
    const second = await runCli(['provision'], { cwd: dir, env: { VOXTRA_WS_PASSWORD: ws } });
    expect(second.stdout).toContain('Asterisk connects as asterisk to ws://10.0.0.5:8765/voxtra: kept the existing password\n');
    expect(second.stdout).toContain('ARI user voxtra: kept the existing password\n');
    expect(second.stdout).not.toContain('note:');
    expect(second.stdout.match(/^unchanged /gm)).toHaveLength(4);
    expect(second.stdout).toContain('Asterisk: nothing changed, no reload needed\n');
    for (const f of files) expect(read(dir, f)).toBe(before[f]);
    expect(files.map((f) => statSync(path.join(dir, 'asterisk', f)).mtimeMs)).toEqual(mtimes);

    // The .conf files deleted: both passwords come back from voxtra.env.
    rmSync(path.join(dir, 'asterisk/websocket_client.conf'));
    rmSync(path.join(dir, 'asterisk/ari.conf'));
    const third = await runCli(['provision'], { cwd: dir });
    expect(third.stdout).toContain('kept the existing password');
    for (const f of files) expect(read(dir, f)).toBe(before[f]);
    expect(third.stdout).toContain('  asterisk -rx "module reload res_websocket_client.so"\n  asterisk -rx "module reload res_ari.so"\n');
    expect(third.stdout).not.toContain('dialplan reload');
  });

  it('keeps the credentials when the mode changes, and writes http.conf once the server has url', async () => {
    const dir = project(LISTEN);
    await runCli(['provision'], { cwd: dir });
    const ws = passwords(dir, 'websocket_client.conf')[0];
    const ari = passwords(dir, 'ari.conf')[0];
    writeFileSync(path.join(dir, 'voxtra.config.yaml'), `${LISTEN.replace(' }]', ', connection: persistent, url: "http://10.0.0.9:8088" }]')}\n${APPS}`);
    const r = await runCli(['provision'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote {5}asterisk\/http\.conf$/m);
    expect(passwords(dir, 'websocket_client.conf')).toEqual([ws, ws]);
    expect(passwords(dir, 'ari.conf')).toEqual([ari]);
    expect(read(dir, 'websocket_client.conf')).toContain('\nconnection_type = persistent\n');
    expect(read(dir, 'voxtra.env')).toMatch(/^ARI_URL=http:\/\/10\.0\.0\.9:8088\nARI_USERNAME=voxtra\nARI_PASSWORD=\S+\nVOXTRA_WS_PASSWORD=\S+\n$/m);
    expect(r.stdout).toContain('  asterisk -rx "module reload http"\n');
  });

  it('refuses to write a uri Asterisk cannot dial, and says what to set', async () => {
    for (const listen of ['0.0.0.0:8765', '[::]:8765']) {
      const dir = project(LISTEN.replace('10.0.0.5:8765', listen));
      const r = await runCli(['provision'], { cwd: dir });
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`voxtra provision: ARI server edge listens on ${listen}, every address of this host, which is not an address Asterisk can connect to: set public_url (or give --public-url)`);
      expect(r.stderr).toContain('voxtra provision: nothing was written\n');
      expect(existsSync(path.join(dir, 'asterisk'))).toBe(false);
      // The address of the load balancer (or this host) settles it.
      const ok = await runCli(['provision', '--public-url', 'ws://lb.example.com:8765/voxtra'], { cwd: dir });
      expect(ok.code).toBe(0);
      expect(read(dir, 'websocket_client.conf')).toContain('\nuri = ws://lb.example.com:8765/voxtra\n');
    }
    const port0 = await runCli(['provision'], { cwd: project(LISTEN.replace('10.0.0.5:8765', '127.0.0.1:0')) });
    expect(port0.code).toBe(1);
    expect(port0.stderr).toContain('listens on port 0, which the system picks at start');
    const semicolon = await runCli(['provision', '--public-url', 'ws://lb:8765/a;b'], { cwd: project(LISTEN) });
    expect(semicolon.code).toBe(1);
    expect(semicolon.stderr).toContain('public_url "ws://lb:8765/a;b" is not a ws:// or wss:// URI without spaces or ";"');
    const ca = await runCli(['provision', '--ca-file', '/etc/ca.pem'], { cwd: project(LISTEN) });
    expect(ca.code).toBe(1);
    expect(ca.stderr).toContain('--ca-file applies to a wss:// uri; ARI server edge\'s is ws://10.0.0.5:8765/voxtra');
    const inbound = await runCli(['provision', '--public-url', 'ws://lb:8765/'], { cwd: project('ari: { url: "http://127.0.0.1:8088", username: voxtra, password: x }') });
    expect(inbound.code).toBe(2);
    expect(inbound.stderr).toContain('--public-url and --ca-file apply to a server with listen; ARI server default has url');
  });

  it('refuses a listen server without the credentials Asterisk presents', async () => {
    // The config already says so...
    const r = await runCli(['provision'], { cwd: project(LISTEN.replace(', password: "${VOXTRA_WS_PASSWORD:-x}"', '')) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ARI server edge listens: give the "username" and "password" Asterisk presents');
    // ...and provision itself, for callers of the API.
    const server: AriServerConfig = { name: 'edge', username: '', password: '', listen: { address: '10.0.0.5:8765', path: '/', connection: 'per_call' } };
    expect(planOutbound(server, ['sales'])).toEqual({ errors: [expect.stringContaining('ARI server edge listens: give the "username" and "password" Asterisk presents')] });
    expect(planOutbound({ ...server, username: 'a;b', password: 'p' }, ['sales'])).toEqual({ errors: [expect.stringContaining('username "a;b" cannot be written on a websocket_client.conf line')] });
  });

  it('refuses broadcast pools on a listen server and timeouts StasisBroadcast does not take', async () => {
    const pools = ['apps:', '  - { name: sales, flows: sales/, broadcast: { instance: a } }', '  - { name: support, flows: support/ }', ''].join('\n');
    const r = await runCli(['provision'], { cwd: project(LISTEN, pools) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('voxtra provision: app sales takes part in StasisBroadcast pools, which Voxtra joins over the servers it connects to (url); ARI server edge listens instead');
    const inbound = 'ari: { url: "http://127.0.0.1:8088", username: voxtra, password: x }';
    const long = await runCli(['provision'], { cwd: project(inbound, pools.replace('instance: a', 'instance: a, timeout: 61s')) });
    expect(long.code).toBe(1);
    expect(long.stderr).toContain("app sales: broadcast.timeout 61000 ms is above StasisBroadcast's limit of 60000 ms");
  });

  it('notes broadcast filters that also take another pool, and writes [.] for a dot', async () => {
    const apps = ['apps:', '  - { name: sales, flows: sales/, broadcast: { instance: a } }', '  - { name: sales-eu.v2, flows: support/, broadcast: { instance: a } }', ''].join('\n');
    const dir = project('ari: { url: "http://127.0.0.1:8088", username: voxtra, password: x }', apps);
    const r = await runCli(['provision'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("note: the StasisBroadcast filter ^sales- of app sales also offers its calls to app sales-eu.v2's pool (sales-eu.v2-<instance>): rename one of them\n");
    expect(read(dir, 'extensions.conf')).toContain('exten => 2000,1,StasisBroadcast(500,^sales-eu[.]v2-,${EXTEN},yes)\n');
  });
});

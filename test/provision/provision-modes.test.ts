import { expectGolden } from './golden-files';
import { parseConf, readDialplan, walkDialplan, type ConfFile, type ConfSection, type Dialplan } from './asterisk-conf';
import { MODES, provisionMode } from './mode-projects';

/**
 * The options Asterisk 22.10.1 registers for each object type (sorcery
 * registrations in res/res_websocket_client.c and res/ari/config.c): a key
 * outside them is one Asterisk would reject or ignore.
 */
const OPTIONS: Record<string, readonly string[]> = {
  websocket_client: [
    'type', 'connection_type', 'uri', 'protocols', 'username', 'password', 'ca_list_file', 'ca_list_path', 'cert_file', 'priv_key_file',
    'tls_enabled', 'verify_server_cert', 'verify_server_hostname', 'connection_timeout', 'reconnect_attempts', 'reconnect_interval',
  ],
  user: ['type', 'password', 'read_only', 'password_format', 'permit', 'deny', 'acl'],
  outbound_websocket: ['type', 'websocket_client_id', 'apps', 'local_ari_user', 'subscribe_all'],
};

function settings(section: ConfSection): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of section.entries) {
    expect({ section: section.name, key: e.key, arrow: e.arrow }).toEqual({ section: section.name, key: e.key, arrow: false });
    expect({ section: section.name, duplicate: e.key in out }).toEqual({ section: section.name, duplicate: false });
    out[e.key] = e.value;
  }
  return out;
}

function read(text: string): ConfFile {
  const conf = parseConf(text);
  expect(conf.problems).toEqual([]);
  expect(conf.includes).toEqual([]);
  return conf;
}

/** Sections of a sorcery .conf file by type, each checked against the options Asterisk knows. */
function objects(conf: ConfFile): Record<string, Array<{ name: string; s: Record<string, string> }>> {
  expect(conf.preamble).toEqual([]);
  const byType: Record<string, Array<{ name: string; s: Record<string, string> }>> = {};
  for (const section of conf.sections) {
    const s = settings(section);
    const known = OPTIONS[s.type];
    expect({ section: section.name, type: s.type, known: known !== undefined }).toEqual({ section: section.name, type: s.type, known: true });
    expect(Object.keys(s).filter((k) => !known.includes(k))).toEqual([]);
    (byType[s.type] ??= []).push({ name: section.name, s });
  }
  return byType;
}

function dialplanOf(text: string): Dialplan {
  const { dialplan, problems } = readDialplan(read(text));
  expect(problems).toEqual([]);
  return dialplan;
}

describe('voxtra provision, golden files per mode', () => {
  it.each(Object.keys(MODES))('%s', async (mode) => {
    const { text } = await provisionMode(mode);
    for (const name of MODES[mode].files) expectGolden(mode, name, text(name));
  });
});

describe('the generated files read back as Asterisk reads them', () => {
  it.each(Object.keys(MODES).filter((m) => MODES[m].files.includes('websocket_client.conf')))('%s: websocket_client.conf and ari.conf name each other consistently', async (mode) => {
    const { text } = await provisionMode(mode);
    const clients = objects(read(text('websocket_client.conf')));
    const ari = objects(read(text('ari.conf')));
    expect(Object.keys(clients)).toEqual(['websocket_client']);
    expect(Object.keys(ari).sort()).toEqual(['outbound_websocket', 'user']);
    const [user] = ari.user;
    expect(ari.user).toHaveLength(1);
    expect(user.s).toMatchObject({ read_only: 'no', password_format: 'plain' });
    const owcs = ari.outbound_websocket;
    expect(owcs.map((o) => o.name)).toEqual(['sales', 'support']);
    for (const { name, s } of owcs) {
      // Each app is served by one section (Asterisk refuses an app named by two), through a client that exists, as a user that exists.
      expect(s.apps).toBe(name);
      expect(clients.websocket_client.map((c) => c.name)).toContain(s.websocket_client_id);
      expect(s.local_ari_user).toBe(user.name);
      expect(s.subscribe_all).toBe('no');
    }
    for (const { s } of clients.websocket_client) {
      expect(s.connection_type).toMatch(/^(per_call_config|persistent)$/);
      expect(s.protocols).toBe('ari');
      expect(s.uri).toMatch(/^wss?:\/\/[^\s;]+$/);
      expect(s.username).not.toBe('');
      for (const k of ['connection_timeout', 'reconnect_interval', 'reconnect_attempts']) expect(s[k]).toMatch(/^[1-9][0-9]*$/);
      expect(s.tls_enabled === 'yes').toBe(s.uri.startsWith('wss:'));
    }
    // One password for every client, and voxtra.env gives Voxtra the same ones.
    expect(new Set(clients.websocket_client.map((c) => c.s.password)).size).toBe(1);
    expect(text('voxtra.env')).toContain(`\nVOXTRA_WS_PASSWORD=${clients.websocket_client[0].s.password}\n`);
    expect(text('voxtra.env')).toContain(`\nARI_USERNAME=${user.name}\nARI_PASSWORD=${user.s.password}\n`);
    // The dialplan enters exactly the apps the outbound sections register.
    const stasisApps = new Set([...dialplanOf(text('extensions.conf')).values()].flatMap((ctx) => [...ctx.values()].flat()).filter((p) => p.app === 'Stasis').map((p) => p.data.split(',')[0]));
    expect([...stasisApps].sort()).toEqual(owcs.map((o) => o.name));
  });

  it('per call: a call no replica answers goes to the fallback; one that connects stays in Stasis', async () => {
    const { text } = await provisionMode('per-call');
    const dp = dialplanOf(text('extensions.conf'));
    expect(walkDialplan(dp, 'voxtra-in-sales', '1000', { stasis: true })).toEqual({ via: '1000', steps: ['Stasis(sales,1000)'], end: 'stasis' });
    expect(walkDialplan(dp, 'voxtra-in-sales', '1000', { stasis: false })).toEqual({
      via: '1000',
      steps: ['Stasis(sales,1000)', 'GotoIf($["FAILED" = "FAILED"]?voxtra-fallback-sales,s,1)', 'NoOp(Voxtra app sales is not connected: sound:vm-nobodyavail)', 'Answer()', 'Playback(vm-nobodyavail)', 'Hangup()'],
      end: 'hangup',
    });
  });

  it('broadcast: StasisBroadcast(timeout,^app-,${EXTEN},yes), and the fallback on TIMEOUT and on FAILED', async () => {
    const { text, stdout } = await provisionMode('broadcast');
    const dp = dialplanOf(text('extensions.conf'));
    expect(walkDialplan(dp, 'voxtra-in-sales', '+442071234567', { stasis: true })).toEqual({ via: '+442071234567', steps: ['StasisBroadcast(750,^sales-,+442071234567,yes)'], end: 'stasis' });
    for (const status of ['TIMEOUT', 'FAILED'] as const) {
      const walk = walkDialplan(dp, 'voxtra-in-sales', '1000', { stasis: false, status });
      expect(walk.end).toBe('hangup');
      expect(walk.steps.slice(-4)).toEqual(['NoOp(Voxtra app sales was not claimed: sound:vm-nobodyavail)', 'Answer()', 'Playback(vm-nobodyavail)', 'Hangup()']);
    }
    // An app without broadcast keeps Stasis() in the same file.
    expect(walkDialplan(dp, 'voxtra-in-support', '2000', { stasis: true }).steps).toEqual(['Stasis(support,2000)']);
    expect(stdout).toContain('app sales: context voxtra-in-sales, 2 DID extensions, fallback voxtra-fallback-sales, StasisBroadcast to ^sales- (timeout 750 ms)\n');
    expect(text('extensions.conf')).toContain(';   asterisk -rx "module load res_stasis_broadcast.so"\n;   asterisk -rx "module load app_stasis_broadcast.so"\n');
  });

  it('inbound and broadcast keep ari.conf and http.conf as they were, with no outbound sections', async () => {
    for (const mode of ['inbound', 'broadcast']) {
      const { text } = await provisionMode(mode);
      expect(Object.keys(objects(read(text('ari.conf'))))).toEqual(['user']);
      expect(read(text('http.conf')).sections).toEqual([]);
    }
  });
});

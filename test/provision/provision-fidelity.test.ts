import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../cli/run-cli';
import { tempProject } from '../config/temp-project';
import { SHARED_ARI } from '../simulator/helpers/trace-file';
import { parseConf, readDialplan, type ConfSection } from './asterisk-conf';

/**
 * The configuration a real Asterisk 22.10.1 ran the outbound traces with
 * (../shared/ari/README.md, "Configuration for the newer traces"): every
 * .conf section of the fenced blocks there, by name, and the dialplan lines.
 */
function recorded(): { sections: Map<string, ConfSection>; dialplan: string } {
  const readme = readFileSync(path.join(SHARED_ARI, 'README.md'), 'utf8');
  const start = readme.indexOf('### Configuration for the newer traces');
  const end = readme.indexOf('\n## ', start);
  if (start < 0 || end < 0) throw new Error('README.md has no "Configuration for the newer traces" section');
  const blocks = [...readme.slice(start, end).matchAll(/```[a-z]*\n([\s\S]*?)```/g)].map((m) => m[1]);
  const sections = new Map<string, ConfSection>();
  for (const block of blocks) {
    const conf = parseConf(block);
    expect(conf.problems).toEqual([]);
    for (const s of conf.sections) sections.set(s.name, s);
  }
  return { sections, dialplan: blocks.join('\n') };
}

/** What Asterisk uses when a key is left out (sorcery defaults in res_websocket_client.c and res/ari/config.c). */
const DEFAULTS: Record<string, string> = { subscribe_all: 'no', tls_enabled: 'no' };

/** A section as Asterisk sees it: key → value, defaults filled in; the README's redacted passwords only have to be there. */
function effective(section: ConfSection | undefined): Record<string, string> {
  if (!section) throw new Error('section missing');
  const out: Record<string, string> = { ...DEFAULTS };
  for (const e of section.entries) out[e.key] = e.key === 'password' ? '<password>' : e.value;
  return out;
}

async function provisioned(config: string, app: string): Promise<{ dir: string; sections: Map<string, ConfSection> }> {
  const dir = tempProject({ 'voxtra.config.yaml': config, 'flows/main.yaml': `routes:\n  - { name: trace, extension: "${app}-did", flow: main }\nflows:\n  main: [answer, hangup]\n` });
  const r = await runCli(['provision'], { cwd: dir });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const sections = new Map<string, ConfSection>();
  for (const f of ['websocket_client.conf', 'ari.conf']) {
    const conf = parseConf(readFileSync(path.join(dir, 'asterisk', f), 'utf8'));
    expect(conf.problems).toEqual([]);
    for (const s of conf.sections) sections.set(s.name, s);
  }
  return { dir, sections };
}

describe('provision writes what the recorded Asterisk ran with', () => {
  const rec = recorded();

  it('per call: [voxtra-pc-ws] and [voxtra-pc], for a config listening where the recorder did', async () => {
    const { sections } = await provisioned(
      [
        'ari:',
        '  - listen: "127.0.0.1:8766"',
        '    path: /voxtra/per-call',
        '    public_url: "ws://127.0.0.1:8766/voxtra/per-call?tenant=acme"',
        '    username: asterisk-pc',
        '    password: "${VOXTRA_WS_PASSWORD:-x}"',
        '    connection: per_call',
        'app: voxtra-pc',
        'flows: flows/',
        '',
      ].join('\n'),
      'voxtra-pc',
    );
    for (const name of ['voxtra-pc-ws', 'voxtra-pc']) expect({ name, ...effective(sections.get(name)) }).toEqual({ name, ...effective(rec.sections.get(name)) });
  });

  it('persistent: [voxtra-out-ws] and [voxtra-out]', async () => {
    const { sections } = await provisioned(
      [
        'ari:',
        '  - listen: "127.0.0.1:8765"',
        '    path: /voxtra/persistent',
        '    username: asterisk-out',
        '    password: "${VOXTRA_WS_PASSWORD:-x}"',
        '    connection: persistent',
        '    url: "http://127.0.0.1:8088"',
        '    ari_username: voxtra',
        '    ari_password: "${ARI_PASSWORD:-x}"',
        'app: voxtra-out',
        'flows: flows/',
        '',
      ].join('\n'),
      'voxtra-out',
    );
    for (const name of ['voxtra-out-ws', 'voxtra-out']) expect({ name, ...effective(sections.get(name)) }).toEqual({ name, ...effective(rec.sections.get(name)) });
  });

  it('broadcast: StasisBroadcast takes its arguments in the recorded order (timeout ms, filter, args, notify_claimed)', async () => {
    const recordedCall = /StasisBroadcast\((\d+),([^,]*),([^,]*),(yes|no)\)/.exec(rec.dialplan);
    if (!recordedCall) throw new Error('no StasisBroadcast with four arguments in the README');
    const dir = tempProject({
      'voxtra.config.yaml': `ari: { url: "http://127.0.0.1:8088", username: voxtra, password: x }\napps:\n  - { name: voxtra, flows: flows/, broadcast: { timeout: ${recordedCall[1]}ms } }\n`,
      'flows/main.yaml': 'routes:\n  - { name: trace, extension: "1000", flow: main }\nflows:\n  main: [answer, hangup]\n',
    });
    expect((await runCli(['provision'], { cwd: dir })).code).toBe(0);
    const { dialplan } = readDialplan(parseConf(readFileSync(path.join(dir, 'asterisk/extensions.conf'), 'utf8')));
    const [first] = dialplan.get('voxtra-in-voxtra')?.get('1000') ?? [];
    const args = first.data.split(',');
    expect(first.app).toBe('StasisBroadcast');
    expect(args).toHaveLength(4);
    expect(args[0]).toBe(recordedCall[1]);
    // The recorded filter offers the call to voxtra-a and voxtra-b; so does the generated one, to every voxtra-<instance>.
    for (const app of ['voxtra-a', 'voxtra-b']) {
      expect(new RegExp(recordedCall[2]).test(app)).toBe(true);
      expect(new RegExp(args[1]).test(app)).toBe(true);
    }
    expect(new RegExp(args[1]).test('voxtra-obs-x')).toBe(true);
    expect(new RegExp(args[1]).test('voxtra')).toBe(false);
    expect(args[3]).toBe(recordedCall[4]);
  });
});

import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from '../cli/run-cli';
import { tempProject } from '../config/temp-project';
import { parseConf, readDialplan, walkDialplan, type Dialplan } from './asterisk-conf';

const CONFIG = [
  'ari: { url: "http://127.0.0.1:8088", username: asterisk-user, password: "${ARI_PASSWORD:-x}" }',
  'apps:',
  '  - { name: acme, flows: acme/ }',
  '  - { name: globex, flows: globex/, queues: { context: globex-queues } }',
  '',
].join('\n');

const ACME = [
  'routes:',
  '  - { name: main-did, extension: "+442071234567", flow: menu }',
  '  - { name: desk, extension: "1000", flow: menu }',
  '  - { name: uk, extension: { prefix: "+4420" }, flow: menu }',
  '  - { name: short, extension: { pattern: "_2XXX" }, flow: menu }',
  '  - { name: vip, number: "+265888111111", flow: menu }',
  'flows:',
  '  menu:',
  '    - answer',
  '    - menu:',
  '        options:',
  '          "1": [{ transfer_to_queue: sales }]',
  '          "2": [{ transfer_to_queue: "{{ metadata.queue }}" }]',
  '          "3": [{ transfer_to_queue: acme-support }]',
  '',
].join('\n');

const GLOBEX = [
  'routes:',
  '  - { name: globex-did, extension: "+442071234568", flow: main }',
  'flows:',
  '  main: [answer, { transfer_to_queue: support }]',
  '',
].join('\n');

function project(): string {
  return tempProject({ 'voxtra.config.yaml': CONFIG, 'acme/main.yaml': ACME, 'globex/main.yaml': GLOBEX });
}

function read(dir: string, name: string): string {
  return readFileSync(path.join(dir, 'asterisk', name), 'utf8');
}

function dialplanOf(dir: string): Dialplan {
  const conf = parseConf(read(dir, 'extensions.conf'));
  expect(conf.problems).toEqual([]);
  const { dialplan, problems } = readDialplan(conf);
  expect(problems).toEqual([]);
  return dialplan;
}

describe('the test\'s .conf reader', () => {
  it('reads sections, settings, comments and includes, and reports what Asterisk would not accept', () => {
    const conf = parseConf(['; top', 'enabled = yes', '[a](!)', 'x => 1,1,NoOp(a\\;b) ; c', ';-- block', 'ignored --;', '#include "x.conf"', 'junk', '[b]', 'k=v'].join('\n'));
    expect(conf.preamble).toEqual([{ key: 'enabled', value: 'yes', line: 2, arrow: false }]);
    expect(conf.sections.map((s) => [s.name, s.entries.map((e) => `${e.key}${e.arrow ? '=>' : '='}${e.value}`)])).toEqual([['a', ['x=>1,1,NoOp(a;b)']], ['b', ['k=v']]]);
    expect(conf.includes).toEqual(['x.conf']);
    expect(conf.problems).toEqual(['line 8: not a setting: junk']);
    const dp = readDialplan(parseConf('[c]\nsame => n,NoOp()\nexten => 1,2,NoOp(\nexten => 2,1,Dial(x)\n same => 3,Hangup()'));
    expect(dp.problems).toEqual(['c line 2: "same" without an extension', 'c line 3: bad application NoOp(', 'c line 5: priority 3 (expected n)']);
  });
});

describe('voxtra provision', () => {
  it('writes one inbound context per app that sends its DIDs into Stasis(app,${EXTEN})', async () => {
    const dir = project();
    const r = await runCli(['provision'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const dp = dialplanOf(dir);
    expect([...dp.keys()]).toEqual(['voxtra-in-acme', 'voxtra-fallback-acme', 'voxtra-in-globex', 'voxtra-fallback-globex', 'globex-queues', 'voxtra-queues']);
    // Exact DIDs, a prefix (itself and longer numbers), an Asterisk pattern; the number route needs the catch-all.
    expect([...(dp.get('voxtra-in-acme')?.keys() ?? [])]).toEqual(['+4420', '+442071234567', '1000', '_+4420.', '_2XXX', '_X', '_X.', '_+X.']);
    for (const [exten, via] of [['+442071234567', '+442071234567'], ['1000', '1000'], ['+442079999999', '_+4420.'], ['+4420', '+4420'], ['2345', '_2XXX'], ['+15551234567', '_+X.'], ['7', '_X']]) {
      const walk = walkDialplan(dp, 'voxtra-in-acme', exten, { stasis: true });
      expect(walk).toEqual({ via, steps: [`Stasis(acme,${exten})`], end: 'stasis' });
    }
    // globex has only a DID route and no default: no catch-all, other numbers are not its business.
    expect([...(dp.get('voxtra-in-globex')?.keys() ?? [])]).toEqual(['+442071234568']);
    expect(walkDialplan(dp, 'voxtra-in-globex', '+442071234568', { stasis: true })).toEqual({ via: '+442071234568', steps: ['Stasis(globex,+442071234568)'], end: 'stasis' });
    expect(walkDialplan(dp, 'voxtra-in-globex', '1000', { stasis: true }).end).toBe('no-extension');
    // Asterisk's own h/i/s/t extensions never reach Stasis.
    for (const special of ['h', 'i', 's', 't']) expect(walkDialplan(dp, 'voxtra-in-acme', special, { stasis: true }).end).toBe('no-extension');
  });

  it('falls back (play a message and hang up) when the app is not connected', async () => {
    const dir = project();
    await runCli(['provision'], { cwd: dir });
    const walk = walkDialplan(dialplanOf(dir), 'voxtra-in-acme', '1000', { stasis: false });
    expect(walk).toEqual({
      via: '1000',
      steps: [
        'Stasis(acme,1000)',
        'GotoIf($["FAILED" = "FAILED"]?voxtra-fallback-acme,s,1)',
        'NoOp(Voxtra app acme is not connected: sound:vm-nobodyavail)',
        'Answer()',
        'Playback(vm-nobodyavail)',
        'Hangup()',
      ],
      end: 'hangup',
    });
  });

  it('takes the fallback from --fallback, for every app or one (APP=)', async () => {
    const dir = project();
    const r = await runCli(['provision', '--fallback', 'hangup', 'globex=queue:overflow'], { cwd: dir });
    expect(r.code).toBe(0);
    const dp = dialplanOf(dir);
    expect(walkDialplan(dp, 'voxtra-in-acme', '1000', { stasis: false }).steps.slice(2)).toEqual(['NoOp(Voxtra app acme is not connected: hangup)', 'Hangup()']);
    expect(walkDialplan(dp, 'voxtra-in-globex', '+442071234568', { stasis: false }).steps.slice(2)).toEqual([
      'NoOp(Voxtra app globex is not connected: queue:overflow)',
      'Goto(globex-queues,overflow,1)',
      'NoOp(Voxtra queue overflow for +15550100)',
      'Queue(overflow)',
      'Hangup()',
    ]);
    const bad = await runCli(['provision', '--fallback', 'sound:a;b'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--fallback: "a;b" is not a sound name');
    expect((await runCli(['provision', '--fallback', 'nope=hangup'], { cwd: dir })).stderr).toContain('--fallback names app "nope"');
  });

  it('writes the queues contexts: literal queue names, and a pattern for names templates produce', async () => {
    const dir = project();
    await runCli(['provision'], { cwd: dir });
    const dp = dialplanOf(dir);
    expect([...(dp.get('voxtra-queues')?.keys() ?? [])]).toEqual(['acme-support', 'sales', '_[0-9]', '_[A-Za-z0-9].']);
    for (const q of ['sales', 'acme-support', 'us-sales', 'x.y_z', '7']) {
      expect(walkDialplan(dp, 'voxtra-queues', q, { stasis: true })).toMatchObject({ steps: [`NoOp(Voxtra queue ${q} for +15550100)`, `Queue(${q})`, 'Hangup()'], end: 'hangup' });
    }
    for (const special of ['h', 'i', 's', 't']) expect(walkDialplan(dp, 'voxtra-queues', special, { stasis: true }).end).toBe('no-extension');
    // globex names its queues literally only, so its context takes only those.
    expect([...(dp.get('globex-queues')?.keys() ?? [])]).toEqual(['support']);
  });

  it('writes an ari.conf user with a generated password, the same on later runs, and identical files', async () => {
    const dir = project();
    const first = await runCli(['provision'], { cwd: dir });
    expect(first.stdout).toContain('ARI user asterisk-user: generated a password (kept on later runs)');
    const files = ['extensions.conf', 'ari.conf', 'http.conf', 'voxtra.env'];
    const before = Object.fromEntries(files.map((f) => [f, read(dir, f)]));
    const ari = parseConf(before['ari.conf']);
    expect(ari.problems).toEqual([]);
    expect(ari.sections.map((s) => s.name)).toEqual(['asterisk-user']);
    const settings = Object.fromEntries(ari.sections[0].entries.map((e) => [e.key, e.value]));
    expect(settings).toMatchObject({ type: 'user', read_only: 'no', password_format: 'plain' });
    expect(settings.password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(statSync(path.join(dir, 'asterisk/ari.conf')).mode & 0o777).toBe(0o640);
    expect(statSync(path.join(dir, 'asterisk/voxtra.env')).mode & 0o777).toBe(0o600);
    expect(before['voxtra.env']).toContain(`\nARI_USERNAME=asterisk-user\nARI_PASSWORD=${settings.password}\n`);

    const mtimes = files.map((f) => statSync(path.join(dir, 'asterisk', f)).mtimeMs);
    const second = await runCli(['provision'], { cwd: dir });
    expect(second.stdout).toContain('ARI user asterisk-user: kept the existing password');
    expect(second.stdout.match(/^unchanged /gm)).toHaveLength(4);
    for (const f of files) expect(read(dir, f)).toBe(before[f]);
    expect(files.map((f) => statSync(path.join(dir, 'asterisk', f)).mtimeMs)).toEqual(mtimes);

    // A changed flow rewrites the dialplan and keeps the password.
    writeFileSync(path.join(dir, 'globex/main.yaml'), GLOBEX.replace('+442071234568', '+442071234569'));
    const third = await runCli(['provision'], { cwd: dir });
    expect(third.stdout).toMatch(/^wrote {5}asterisk\/extensions\.conf$/m);
    expect(third.stdout).toMatch(/^unchanged asterisk\/ari\.conf$/m);
    expect(read(dir, 'extensions.conf')).toContain('exten => +442071234569,1,Stasis(globex,${EXTEN})');
  });

  it('writes http.conf settings for the [general] section from the ARI URL', async () => {
    const dir = project();
    await runCli(['provision'], { cwd: dir });
    const http = parseConf(read(dir, 'http.conf'));
    expect(http.problems).toEqual([]);
    expect(http.sections).toEqual([]);
    expect(Object.fromEntries(http.preamble.map((e) => [e.key, e.value]))).toEqual({ enabled: 'yes', bindaddr: '127.0.0.1', bindport: '8088' });
    expect(read(dir, 'http.conf')).toContain('; sessionlimit = 100');

    const remote = tempProject({ 'voxtra.config.yaml': CONFIG.replace('http://127.0.0.1:8088', 'https://pbx.example.com:8443'), 'acme/main.yaml': ACME, 'globex/main.yaml': GLOBEX });
    await runCli(['provision', '--out', 'out'], { cwd: remote });
    const tls = parseConf(readFileSync(path.join(remote, 'out/http.conf'), 'utf8'));
    expect(Object.fromEntries(tls.preamble.map((e) => [e.key, e.value]))).toEqual({ enabled: 'yes', tlsenable: 'yes', tlsbindaddr: '0.0.0.0:8443', bindaddr: '127.0.0.1', bindport: '8088' });
  });

  it('starts each file with a header that says how to include it', async () => {
    const dir = project();
    await runCli(['provision', '--out', 'asterisk', '--asterisk-dir', dir], { cwd: dir });
    expect(read(dir, 'extensions.conf')).toMatch(/^; Voxtra dialplan\. Generated by `voxtra provision` from voxtra\.config\.yaml\./);
    // Under Asterisk's config folder, the include is relative to it.
    expect(parseConf(read(dir, 'extensions.conf')).includes).toEqual([]);
    expect(read(dir, 'extensions.conf')).toContain(';   #include "asterisk/extensions.conf"');
    expect(read(dir, 'http.conf')).toContain(';   [general]\n;   #include "asterisk/http.conf"');
    const elsewhere = project();
    await runCli(['provision'], { cwd: elsewhere });
    expect(read(elsewhere, 'ari.conf')).toContain(`;   #include "${path.join(elsewhere, 'asterisk/ari.conf')}"`);
  });

  it('--no-catch-all leaves only the DIDs; --catch-all adds it where the routes need none', async () => {
    const dir = project();
    await runCli(['provision', '--no-catch-all'], { cwd: dir });
    expect([...(dialplanOf(dir).get('voxtra-in-acme')?.keys() ?? [])]).toEqual(['+4420', '+442071234567', '1000', '_+4420.', '_2XXX']);
    await runCli(['provision', '--catch-all'], { cwd: dir });
    expect([...(dialplanOf(dir).get('voxtra-in-globex')?.keys() ?? [])]).toEqual(['+442071234568', '_X', '_X.', '_+X.']);
  });

  it('refuses a project with errors, and an unknown --server', async () => {
    const broken = tempProject({ 'voxtra.config.yaml': 'app: x\nflows: f/\n', 'f/a.yaml': 'default: [sya]\n' });
    const r = await runCli(['provision'], { cwd: broken });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('UNKNOWN_STEP');
    const s = await runCli(['provision', '--server', 'other'], { cwd: project() });
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('no ARI server "other" in the config (servers: default)');
  });
});

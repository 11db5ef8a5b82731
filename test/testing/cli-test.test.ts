import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tempProject } from '../config/temp-project';
import { runCli } from '../cli/run-cli';

const ROOT = path.join(__dirname, '../..');

/** A copy of the shipped flows and config, to break. */
function copyOfExamples(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'voxtra-examples-'));
  cpSync(path.join(ROOT, 'flows'), path.join(dir, 'flows'), { recursive: true });
  cpSync(path.join(ROOT, 'voxtra.config.yaml'), path.join(dir, 'voxtra.config.yaml'));
  return dir;
}

/** The menu with options 1 and 2 swapped: sales and support trade places. */
function swapMenuOptions(dir: string): void {
  const file = path.join(dir, 'flows/menu.yaml');
  const text = readFileSync(file, 'utf8');
  const one = '"1": [{ transfer_to_queue: sales }]';
  const two = `"2": [{ transfer_to_queue: "{{ metadata.queue | default: 'support' }}" }]`;
  expect(text).toContain(one);
  expect(text).toContain(two);
  writeFileSync(file, text.replace(one, '"1": [{ transfer_to_queue: support }]').replace(two, '"2": [{ transfer_to_queue: sales }]'));
}

describe('voxtra test on the shipped examples', () => {
  it('ships a scenario file for every example flow file', () => {
    const flows = readdirSync(path.join(ROOT, 'flows')).filter((f) => /\.(ya?ml|toml|json)$/.test(f) && !/\.test\.ya?ml$/.test(f));
    expect(flows.length).toBeGreaterThan(0);
    for (const f of flows) expect([f, existsSync(path.join(ROOT, 'flows', f.replace(/\.(ya?ml|toml|json)$/, '.test.yaml')))]).toEqual([f, true]);
  });

  it('passes: every scenario of flows/ (exit 0), and the examples are fully covered but for one switch default', async () => {
    const r = await runCli(['test', 'flows/'], { cwd: ROOT });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = /(\d+) scenarios: (\d+) passed \(/.exec(r.stdout);
    expect(summary?.[1]).toBe(summary?.[2]);
    expect(Number(summary?.[1])).toBeGreaterThanOrEqual(19);
    expect(r.stdout).not.toContain('✗');
    expect(r.stdout).toMatch(/Coverage: \d+\/\d+ steps/);
    expect(r.stdout.match(/not reached: /g)?.length ?? 0).toBeLessThanOrEqual(1);
    expect(r.stdout).not.toContain('never chosen');
  });

  it('still validates: scenario files are not flow files', async () => {
    const r = await runCli(['validate', 'flows/'], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('app voxtra: 4 files, ok');
  });

  it('fails with a readable diff when the menu is broken (options 1 and 2 swapped)', async () => {
    const dir = copyOfExamples();
    swapMenuOptions(dir);
    const r = await runCli(['test', 'flows/', '--no-coverage'], { cwd: dir });
    expect(r.code).toBe(1);
    const out = r.stdout;
    expect(out).toContain('✗ a valid choice after the prompt transfers to that queue');
    expect(out).toMatch(
      new RegExp(
        [
          '  ✗ a valid choice after the prompt transfers to that queue \\(\\d+ ms\\)  flows/menu\\.test\\.yaml:12:5',
          '      flows/menu\\.test\\.yaml:20:14  queue: expected queue "sales", got "support"',
          '      flows/menu\\.test\\.yaml:21:42  channel_variables\\.VOXTRA_QUEUE: expected VOXTRA_QUEUE = "sales", got "support"',
          '      caller: pressed 1 at 4\\.00s',
        ].join('\\n'),
      ),
    );
    expect(out).toContain('✗ an invalid choice, then a valid one');
    // The expected event shown missing right after the last expected event that did happen, among all that happened.
    expect(out).toMatch(/ {10}\s*\d+\.\d+s {2}got digits "2"\n {8}- transfer to queue support\n {10}\s*\d+\.\d+s {2}step menu\.steps\[1\]\.menu\.options\["2"\]\[0\] transfer_to_queue\n {10}\s*\d+\.\d+s {2}transfer to queue sales\n/);
    // What the caller did and heard comes with the failure.
    expect(out).toContain('caller: pressed 1 at 4.00s');
    expect(out).toMatch(/transcript:\n\s+0\.00s {2}call to 5555 from <\+15550101> for app voxtra/);
    expect(out).toContain('✓ a digit pressed during the prompt interrupts it (barge-in)');
    expect(out).toMatch(/\d+ scenarios: \d+ passed, 2 failed/);
  });

  it('writes JUnit XML for CI, and JSON with the diff', async () => {
    const dir = copyOfExamples();
    swapMenuOptions(dir);
    const junit = await runCli(['test', 'flows/menu.test.yaml', '--format', 'junit', '--output', 'reports/voxtra.xml'], { cwd: dir });
    expect(junit.code).toBe(1);
    expect(junit.stdout).toContain('✗ a valid choice after the prompt transfers to that queue');
    const xml = readFileSync(path.join(dir, 'reports/voxtra.xml'), 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="voxtra test" tests="7" failures="2" skipped="0" errors="0" time="[\d.]+">/);
    expect(xml).toContain('<testsuite name="flows/menu.test.yaml" tests="7" failures="2"');
    expect(xml).toContain('<failure message="queue: expected queue &quot;sales&quot;, got &quot;support&quot;" type="queue">');
    expect(xml.match(/<testcase /g)).toHaveLength(7);
    expect(xml.match(/<\/testcase>/g)).toHaveLength(7);

    const json = await runCli(['test', 'flows/menu.test.yaml', '--format', 'json'], { cwd: dir });
    expect(json.code).toBe(1);
    const doc = JSON.parse(json.stdout) as { summary: { failed: number }; scenarios: { name: string; status: string; failures: { what: string; diff?: string[] }[] }[]; coverage: { flows: unknown[] } };
    expect(doc.summary.failed).toBe(2);
    const invalid = doc.scenarios.find((s) => s.name === 'an invalid choice, then a valid one');
    expect(invalid?.failures.find((f) => f.what === 'events')?.diff).toContain('- transfer to queue support');
    expect(doc.coverage.flows.length).toBeGreaterThan(0);
  });

  it('runs only the scenarios --grep names', async () => {
    const r = await runCli(['test', 'flows/', '--grep', 'LINE OF THE', '--no-coverage'], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 scenarios: 2 passed');
    const none = await runCli(['test', 'flows/', '--grep', 'no such scenario'], { cwd: ROOT });
    expect(none.code).toBe(2);
  });

  it('exits 2 for usage errors: no scenario file, a broken scenario file', async () => {
    const flows = 'default: main\nflows:\n  main: { steps: [answer] }\n';
    const none = await runCli(['test', 'flows/'], { cwd: tempProject({ 'flows/main.yaml': flows }) });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('NO_SCENARIO_FILES');
    const broken = await runCli(['test', 'flows/'], { cwd: tempProject({ 'flows/main.yaml': flows, 'flows/main.test.yaml': 'scenarios:\n  - name: x\n    expect: { route: nope }\n' }) });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('flows/main.test.yaml:3:22  error  SCENARIO_UNKNOWN_ROUTE');
  });

  it('exits 1 when the flows themselves do not compile', async () => {
    const r = await runCli(['test', 'flows/'], { cwd: tempProject({ 'flows/main.yaml': 'default: nowhere\n', 'flows/main.test.yaml': 'scenarios: []\n' }) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('UNKNOWN_FLOW');
  });
});

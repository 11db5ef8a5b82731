import { tempProject } from '../config/temp-project';
import { reportOf } from './helpers';

const QUESTIONS = 48;

/** answer, 48 questions that each wait 5 s for a digit, hangup: 50 steps. */
function bigFlow(): string {
  const steps = ['      - answer'];
  for (let i = 1; i <= QUESTIONS; i++) steps.push(`      - listen_dtmf: { prompt: { say: "Question ${i}." }, timeout: 5s, max_digits: 1, into: q${i} }`);
  steps.push('      - hangup');
  return `default: survey\nflows:\n  survey:\n    steps:\n${steps.join('\n')}\n`;
}

/** 20 scenarios: scenario k answers question k during its prompt and stays silent otherwise. */
function scenarios(): string {
  const out = ['scenarios:'];
  for (let k = 1; k <= 20; k++) {
    out.push(
      `  - name: answers question ${k} only`,
      '    call: { extension: "100" }',
      `    caller: [{ press: "${k % 10}", during: { prompt: ${k} } }]`,
      `    expect: { outcome: hung_up, variables: { q${k}: "${k % 10}", q${k}_status: ok, q${k + 1}_status: timeout } }`,
    );
  }
  return `${out.join('\n')}\n`;
}

describe('voxtra test performance', () => {
  it('runs 20 scenarios of a 50-step flow full of 5 s timeouts in under 2 s', async () => {
    const cwd = tempProject({ 'flows/survey.yaml': bigFlow(), 'flows/survey.test.yaml': scenarios() });
    // Once per process, not per scenario: schemas compile and speech renders on the first run.
    await reportOf(cwd, ['flows/survey.test.yaml']).then((r) => expect(r.summary.passed).toBe(20));
    // CPU time of this process, not wall time: the run never waits on real time (the clock is simulated), so CPU
    // time is what it costs, and it does not grow when other jobs share the machine (three suites at once took the
    // wall time from ~0.45 s to 2.6-3.5 s).
    const cpuBefore = process.cpuUsage();
    const report = await reportOf(cwd);
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    expect(report.summary).toMatchObject({ total: 20, passed: 20, failed: 0 });
    // Each call waits through 47 timeouts of 5 s: about four minutes of simulated time per call.
    const simulatedMs = report.files[0].results.reduce((n, r) => n + (r.call?.durationMs ?? 0), 0);
    expect(simulatedMs).toBeGreaterThan(20 * 47 * 5000);
    expect(report.coverage.steps).toEqual({ total: 50, reached: 50 });
    expect(cpuMs).toBeLessThan(2000);
  });
});

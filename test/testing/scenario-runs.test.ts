import { AriSimulator } from '../../src/simulator';
import { tempProject } from '../config/temp-project';
import { reportOf, resultsByName, scenarioProject } from './helpers';

const FLOWS = `
routes:
  - name: accounts
    extension: "3000"
    flow: account
default: main
flows:
  main:
    steps:
      - answer
      - say: "Hello."
      - wait: 2s
      - hangup
  account:
    steps:
      - answer
      - listen_dtmf:
          prompt: { say: "Enter your account number, then hash." }
          max_digits: 6
          timeout: 5s
          into: account
      - if:
          when: 'vars.account == "1234"'
          then:
            - set_channel_var: { ACCOUNT: "{{ vars.account }}" }
            - continue_in_dialplan: { context: accounts, extension: "{{ vars.account }}" }
          else:
            - say: "Unknown account."
            - hangup: busy
`;

describe('voxtra test: running scenarios', () => {
  it('plays digits, reads variables, channel variables and the dialplan target', async () => {
    const cwd = scenarioProject(
      FLOWS,
      `
scenarios:
  - name: known account
    call: { extension: "3000", from: "+15550101" }
    caller:
      - { press: "1234#", during: prompt, offset: 500ms }
    expect:
      route: accounts
      flow: account
      outcome: continued
      variables: { account: "1234", account_status: ok }
      channel_variables: { ACCOUNT: "1234" }
      continued: { context: accounts, extension: "1234", priority: 1 }
      queue: null
      transcript: ["0.70s pressed 1", "/pressed #/"]
      events: ['got digits "1234"', 'set account = "1234"', "continue to accounts,1234,1"]
  - name: unknown account after a slow caller
    call: { extension: "3000" }
    caller:
      - { press: "99", at: 6s, gap: 1s }
    expect:
      variables: { account: "99", account_status: ok }
      prompts: ["Enter your account number, then hash.", "Unknown account."]
      outcome: hung_up
      hangup: { by: app, cause: busy }
      continued: null
`,
    );
    const report = await reportOf(cwd);
    const results = resultsByName(report);
    expect(results.get('known account')?.failures).toEqual([]);
    expect(results.get('unknown account after a slow caller')?.failures).toEqual([]);
    expect(report.summary).toMatchObject({ total: 2, passed: 2, failed: 0 });
    // The slow caller's second digit came 1 s after the first: 6.2 s and 7.2 s.
    const slow = results.get('unknown account after a slow caller')?.call;
    expect(slow?.transcript.filter((l) => l.text.startsWith('pressed')).map((l) => l.atMs)).toEqual([6200, 7200]);
  });

  it('reports each mismatch with where the expectation is written', async () => {
    const cwd = scenarioProject(
      FLOWS,
      `
scenarios:
  - name: wrong on purpose
    call: { extension: "3000" }
    caller:
      - { press: "1234#", at: 3s }
    expect:
      route: default
      variables: { account: "4321", never: null, missing: x }
      hangup: { by: caller }
      prompts: ["Enter your account number, then hash.", "Goodbye."]
`,
    );
    const result = resultsByName(await reportOf(cwd)).get('wrong on purpose');
    expect(result?.status).toBe('failed');
    const byWhat = new Map(result?.failures.map((f) => [f.what, f]));
    expect(byWhat.get('route')?.message).toBe('expected route "default", got "accounts"');
    expect(byWhat.get('route')?.source).toMatchObject({ file: 'flows/main.test.yaml', line: 8, column: 14 });
    expect(byWhat.get('variables.account')?.message).toBe('expected account = "4321", got "1234"');
    expect(byWhat.get('variables.missing')?.message).toBe('expected missing = "x", but it was never set');
    expect(byWhat.has('variables.never')).toBe(false);
    expect(byWhat.get('hangup')?.message).toMatch(/^expected a hangup by caller, got by /);
    expect(byWhat.get('prompts')?.diff).toEqual([
      { sign: ' ', text: '"Enter your account number, then hash."' },
      { sign: '-', text: '"Goodbye."' },
    ]);
  });

  it('simulated time: a 2 s wait and a 5 s timeout cost no real time, and runs are repeatable', async () => {
    const cwd = scenarioProject(
      FLOWS,
      `
scenarios:
  - name: silence
    call: { extension: "3000" }
    expect: { variables: { account_status: timeout } }
  - name: hello
    call: { extension: "5555" }
    expect: { prompts: ["Hello."], outcome: hung_up }
`,
    );
    const first = await reportOf(cwd);
    const second = await reportOf(cwd);
    const lines = (r: typeof first): string[][] => r.files.flatMap((f) => f.results.map((x) => (x.call?.transcript ?? []).map((l) => `${l.atMs} ${l.text}`)));
    expect(first.summary.failed).toBe(0);
    expect(lines(second)).toEqual(lines(first));
    // "Hello." takes 0.42 s, the wait 2 s: the app hangs up at 2.42 s of simulated time.
    const hello = resultsByName(first).get('hello')?.call;
    expect(hello?.transcript.at(-2)).toEqual({ text: 'hung up by app (cause 16)', atMs: 2420 });
    expect(hello?.durationMs).toBe(2420);
  });

  it('fails a call that outlives its time limit, and caller actions that never happened', async () => {
    const cwd = scenarioProject(
      `
default: main
flows:
  main:
    steps:
      - answer
      - wait: 2h
`,
      `
scenarios:
  - name: on hold forever
    time_limit: 1m
    caller:
      - { press: "1", during: { prompt: 2 } }
    call: { extension: "100" }
    expect: { outcome: caller_hangup }
`,
    );
    const result = resultsByName(await reportOf(cwd)).get('on hold forever');
    expect(result?.status).toBe('failed');
    expect(result?.failures.map((f) => f.message)).toEqual([
      'the call was still going after the time limit (1m of simulated time); the caller hung up',
      'caller action 1 (press "1" during prompt 2, flows/main.test.yaml:6) never happened: the call ended at 1m after 0 prompt(s)',
    ]);
    expect(result?.call?.hangup).toEqual({ by: 'caller', cause: 16 });
  });

  it('passes Stasis arguments, channel variables and SIP headers to the routes', async () => {
    const cwd = scenarioProject(
      `
routes:
  - name: by-arg
    match: { args: { exact: "vip" } }
    flow: main
  - name: by-var
    match: { var: { TENANT: { exact: acme } } }
    flow: main
  - name: by-header
    match: { header: { X-Tier: { prefix: "gold" } } }
    flow: main
flows:
  main: { steps: [answer, hangup] }
`,
      `
defaults:
  call: { extension: "100", from: "+15550101", caller_name: Alice }
scenarios:
  - name: argument
    call: { args: [vip, second] }
    expect: { route: by-arg, events: [route by-arg, flow main] }
  - name: variable
    call: { variables: { TENANT: acme } }
    expect: { route: by-var }
  - name: header
    call: { headers: { X-Tier: gold-plus } }
    expect: { route: by-header, transcript: ['call to 100 from "Alice" <+15550101> for app voxtra'] }
  - name: nothing matches
    expect: { route: null, outcome: no_route, hangup: { by: app, cause: unallocated }, events: [no route, end no_route] }
`,
    );
    const report = await reportOf(cwd);
    for (const f of report.files.flatMap((x) => x.results)) expect([f.scenario.name, f.failures]).toEqual([f.scenario.name, []]);
    expect(report.summary.passed).toBe(4);
  });

  it('lets scenarios say how far ends answer dials and how long the caller talks into a recording', async () => {
    const cwd = scenarioProject(
      `
routes:
  - name: agent
    extension: "200"
    flow: agent
default: voicemail
flows:
  agent:
    steps:
      - dial: { endpoints: [PJSIP/1001], timeout: 10s, no_answer: [{ call: voicemail }] }
      - hangup
  voicemail:
    steps:
      - answer
      - record: { name: message, max_silence: 2s, beep: true, into: msg }
      - hangup
`,
      `
scenarios:
  - name: the agent answers after 2 s and talks for 30 s
    call: { extension: "200" }
    simulator:
      endpoints: { PJSIP/1001: { answer: answer, ring: 2s, hangup_after: 30s } }
    expect:
      variables: { dial: PJSIP/1001, dial_status: answered, dial_duration: 30 }
      events: ["step agent.steps[1] hangup"]
  - name: nobody answers, the caller leaves a message
    call: { extension: "200", talk: 5s }
    simulator:
      endpoints: { PJSIP/1001: { answer: no-answer } }
    expect:
      variables: { dial_status: no_answer, msg_status: done, msg_cause: silence }
      transcript:
        - /^recording message /
        - "17.44s recording message ended: 5.2s (silence)"
`,
    );
    const report = await reportOf(cwd);
    for (const r of report.files.flatMap((f) => f.results)) expect([r.scenario.name, r.failures]).toEqual([r.scenario.name, []]);
    // Rings 2 s, bridged 30 s.
    expect(resultsByName(report).get('the agent answers after 2 s and talks for 30 s')?.call?.durationMs).toBe(32000);
  });

  it('runs a scenario over loopback HTTP and WebSocket when it asks for the simulator', async () => {
    const start = jest.spyOn(AriSimulator, 'start');
    try {
      const cwd = scenarioProject(
        FLOWS,
        `
scenarios:
  - name: over the network
    simulator: { over_http: true, time_scale: 0.01 }
    call: { extension: "3000" }
    caller:
      - { press: "1234#", during: prompt, offset: 500ms }
    expect:
      route: accounts
      variables: { account: "1234" }
      continued: { context: accounts, extension: "1234" }
  - name: in-process
    call: { extension: "5555" }
    expect: { prompts: [Hello.] }
`,
      );
      const report = await reportOf(cwd);
      for (const r of report.files.flatMap((f) => f.results)) expect([r.scenario.name, r.failures]).toEqual([r.scenario.name, []]);
      expect(start).toHaveBeenCalledTimes(1);
      expect(start.mock.calls[0][0]).toMatchObject({ host: '127.0.0.1', port: 0, timeScale: 0.01 });
    } finally {
      start.mockRestore();
    }
  });

  it('sends each file\'s calls to the app whose flows hold it, in a multi-tenant config', async () => {
    const flows = (greeting: string): string => `default: main\nflows:\n  main: { steps: [answer, { say: "${greeting}" }, hangup] }\n`;
    const cwd = tempProject({
      'voxtra.config.yaml': 'apps:\n  - { name: acme, flows: tenants/acme }\n  - { name: globex, flows: tenants/globex }\n',
      'tenants/acme/main.yaml': flows('Acme.'),
      'tenants/acme/main.test.yaml': 'scenarios:\n  - { name: acme greets, call: { extension: "1" }, expect: { prompts: [Acme.] } }\n',
      'tenants/globex/main.yaml': flows('Globex.'),
      'tenants/globex/main.test.yaml': 'scenarios:\n  - { name: globex greets, call: { extension: "1" }, expect: { prompts: [Globex.] } }\n  - { name: acme from here, app: acme, call: { extension: "1" }, expect: { prompts: [Acme.] } }\n',
    });
    const report = await reportOf(cwd, []);
    expect(report.files.map((f) => [f.file, f.results.map((r) => `${r.scenario.app}: ${r.status}`)])).toEqual([
      ['tenants/acme/main.test.yaml', ['acme: passed']],
      ['tenants/globex/main.test.yaml', ['globex: passed', 'acme: passed']],
    ]);
    expect(report.files[0].results[0].call?.transcript[0].text).toBe('call to 1 from <unknown> for app acme');
  });
});

import type { RunEnd, RunResult } from '../../src/session/flow-runner';
import { drive, eventKinds, harness } from '../steps/support/harness';

/** A RunEnd that records every report, and a promise of the first (for drive). */
function recordingEnd(): RunEnd & { reports: Array<['ran', RunResult] | ['failed', unknown]>; settled: Promise<void> } {
  const reports: Array<['ran', RunResult] | ['failed', unknown]> = [];
  let settle!: () => void;
  const settled = new Promise<void>((resolve) => (settle = resolve));
  return {
    reports,
    settled,
    ran: (result) => {
      reports.push(['ran', result]);
      settle();
    },
    failed: (err) => {
      reports.push(['failed', err]);
      settle();
    },
  };
}

describe('FlowRunner.start: the run reports its end to an object', () => {
  it('reports the result once, as run() resolves it, with the ended event before it', async () => {
    const h = harness({ flows: { main: ['answer', { set: { a: 1 } }, 'hangup'] } });
    const end = recordingEnd();
    h.runner.start('main', end);
    await drive(h.clock, end.settled);
    expect(end.reports).toEqual([['ran', { outcome: 'hung_up', steps: 3, durationMs: 0 }]]);
    expect(eventKinds(h.events, ['flowEntered', 'ended'])).toEqual(['flowEntered', 'ended']);
    expect(h.call.vars).toEqual({ a: 1 });
  });

  it('a flow that fails reports the failure, not a result', async () => {
    const h = harness({ flows: { main: [{ goto: 'nowhere' }] } });
    const end = recordingEnd();
    h.runner.start('main', end);
    await drive(h.clock, end.settled);
    expect(end.reports).toHaveLength(1);
    expect(end.reports[0][0]).toBe('failed');
    expect(end.reports[0][1]).toMatchObject({ code: 'GOTO_UNKNOWN_LABEL' });
  });

  it('a caller who hangs up mid-flow is a result (caller_hangup), not a failure', async () => {
    const h = harness({ flows: { main: ['answer', { wait: '5s' }, { set: { after: true } }] } });
    const end = recordingEnd();
    h.runner.start('main', end);
    await drive(h.clock, Promise.resolve());
    h.port.callerHangup();
    await drive(h.clock, end.settled);
    expect(end.reports.map(([kind, value]) => [kind, (value as RunResult).outcome])).toEqual([['ran', 'caller_hangup']]);
    expect(h.call.vars).toEqual({});
  });

  it('an unknown flow is reported on a later microtask, never from within start()', async () => {
    const h = harness({ flows: { main: ['answer'] } });
    const end = recordingEnd();
    expect(() => h.runner.start('missing', end)).not.toThrow();
    expect(end.reports).toEqual([]);
    await end.settled;
    expect(end.reports).toHaveLength(1);
    expect(end.reports[0][0]).toBe('failed');
    expect(end.reports[0][1]).toMatchObject({ code: 'FLOW_NOT_FOUND' });
  });

  it('run() is start() with a promise: the same outcomes', async () => {
    const h = harness({ flows: { main: ['answer', 'hangup'] } });
    await expect(h.run()).resolves.toEqual({ outcome: 'hung_up', steps: 2, durationMs: 0 });
    const missing = harness({ flows: { main: ['answer'] } });
    await expect(missing.runner.run('missing')).rejects.toMatchObject({ code: 'FLOW_NOT_FOUND' });
  });
});

import { FakeClock } from '../../src/core/fake-clock';
import { memoryLogger } from '../../src/core/logger';
import { callFacts } from '../../src/routing/facts';
import type { RouteDecision } from '../../src/routing/decision';
import { VoxtraCall } from '../../src/session/call';
import { forwardCall } from '../../src/session/forward';
import { FakeCallControl, type FakeEndpoint } from '../helpers/fake-call-control';
import { channelInfo, drive } from '../steps/support/harness';

type Forward = Extract<RouteDecision, { kind: 'forward' }>;

function decision(over: Partial<Forward> = {}): Forward {
  return {
    kind: 'forward',
    name: 'router',
    metadata: {},
    facts: callFacts({ extension: '9001' }),
    rule: { kind: 'http', name: 'router', order: 0, url: 'http://router/decision', timeoutMs: 500, headers: {}, source: { file: 'f.yaml', path: [] } },
    targets: ['PJSIP/1001'],
    strategy: 'sequential',
    headers: {},
    ignored: [],
    ...over,
  };
}

function setup(endpoints: Record<string, FakeEndpoint>) {
  const clock = new FakeClock();
  const port = new FakeCallControl({ clock, endpoints });
  const call = new VoxtraCall({ control: port, clock, app: 'voxtra', channel: channelInfo(), snapshotVersion: 'v1', queuesContext: 'q' });
  const log = memoryLogger();
  return { clock, port, call, log };
}

describe('forwardCall (the HTTP router’s forward answer)', () => {
  it('dials the targets with the strategy, ring timeout and allowed headers, and completes when the bridged call ends', async () => {
    const { clock, port, call, log } = setup({ 'PJSIP/1001': { kind: 'no-answer' }, 'PJSIP/1002': { kind: 'answer', ringMs: 2000, hangupAfterMs: 1000 } });
    const outcome = await drive(
      clock,
      forwardCall(call, decision({ targets: ['PJSIP/1001', 'PJSIP/1002'], strategy: 'parallel', timeoutMs: 8000, headers: { 'X-Route': 'r1', Diversion: '<sip:a@b>' }, record: true }), log),
    );
    expect(outcome).toBe('completed');
    expect(port.legs.map((l) => [l.endpoint, l.options.timeoutSeconds, l.options.variables])).toEqual([
      ['PJSIP/1001', 8, { 'PJSIP_HEADER(add,X-Route)': 'r1' }],
      ['PJSIP/1002', 8, { 'PJSIP_HEADER(add,X-Route)': 'r1' }],
    ]);
    expect(port.legs[0].hangupReason).toBe('answered_elsewhere');
    const messages = log.records.map((r) => `${r.level} ${String(r.msg)}`);
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/^warn forward: header "Diversion" is neither an X- header/), 'warn forward: record is not supported for forwarded calls; the call is not recorded', 'info forward: answered (PJSIP/1002)']));
  });

  it.each([
    ['busy', { kind: 'busy', ringMs: 100 } as FakeEndpoint, 'busy'],
    ['no answer', { kind: 'no-answer' } as FakeEndpoint, 'no_answer'],
    ['unreachable', { kind: 'unavailable' } as FakeEndpoint, 'congestion'],
  ])('hangs the caller up with a matching cause when the target is %s', async (_what, endpoint, cause) => {
    const { clock, port, call, log } = setup({ 'PJSIP/1001': endpoint });
    const outcome = await drive(clock, forwardCall(call, decision({ timeoutMs: 3000 }), log));
    expect(outcome).toBe('hung_up');
    expect(port.calls.at(-1)).toMatchObject({ op: 'hangup', args: [cause] });
  });
});

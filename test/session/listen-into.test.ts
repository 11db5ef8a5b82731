import { FakeClock, flushAsync } from '../../src/core/fake-clock';
import type { Outcome } from '../../src/core/outcome';
import type { ListenResult } from '../../src/call/call-api';
import { VoxtraCall } from '../../src/session/call';
import { FakeCallControl } from '../helpers/fake-call-control';
import { channelInfo } from '../steps/support/harness';

function setup() {
  const clock = new FakeClock();
  const port = new FakeCallControl({ clock });
  const call = new VoxtraCall({ control: port, clock, app: 'voxtra', channel: channelInfo(), snapshotVersion: 'v1', queuesContext: 'q' });
  const seen: Array<{ ok: ListenResult } | { failed: unknown }> = [];
  const end: Outcome<ListenResult> = { resolved: (ok) => void seen.push({ ok }), rejected: (failed) => void seen.push({ failed }) };
  return { clock, port, call, seen, end };
}

describe('VoxtraCall.listenDtmfInto (what the listen_dtmf step waits in)', () => {
  it('reports the digits on a later microtask, even when the buffered digits complete the input at once', async () => {
    const { port, call, seen, end } = setup();
    port.press('12#');
    call.listenDtmfInto({ maxDigits: 4 }, end);
    expect(seen).toEqual([]);
    await flushAsync();
    expect(seen).toEqual([{ ok: { digits: '12', status: 'ok' } }]);
  });

  it('reports each digit collection once, with the timeout status after the timeout', async () => {
    const { clock, call, seen, end } = setup();
    call.listenDtmfInto({ timeoutMs: 1000 }, end);
    clock.advance(999);
    await flushAsync();
    expect(seen).toEqual([]);
    clock.advance(1);
    await flushAsync();
    clock.advance(10_000);
    await flushAsync();
    expect(seen).toEqual([{ ok: { digits: '', status: 'timeout' } }]);
  });

  it('a hangup while listening is a result (status hangup), not a failure', async () => {
    const { port, call, seen, end } = setup();
    call.listenDtmfInto({}, end);
    port.callerHangup();
    await flushAsync();
    expect(seen).toEqual([{ ok: { digits: '', status: 'hangup' } }]);
  });

  it('an option out of range is a failure reported later, not thrown', async () => {
    const { call, seen, end } = setup();
    expect(() => call.listenDtmfInto({ maxDigits: 0 }, end)).not.toThrow();
    expect(seen).toEqual([]);
    await flushAsync();
    expect(seen).toEqual([{ failed: expect.objectContaining({ code: 'STEP_FAILED' }) }]);
  });

  it('listenDtmf (the promise form) gives the same results', async () => {
    const { port, call } = setup();
    port.press('9#');
    await expect(call.listenDtmf()).resolves.toEqual({ digits: '9', status: 'ok' });
    await expect(call.listenDtmf({ minDigits: 2, maxDigits: 1 })).rejects.toMatchObject({ code: 'STEP_FAILED' });
  });
});

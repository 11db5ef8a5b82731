import { FakeClock } from '../../src/core/fake-clock';
import { DtmfBuffer } from '../../src/session/dtmf-buffer';
import { FakeCallControl } from '../helpers/fake-call-control';

describe('DtmfBuffer.attach (the buffer is the DTMF and abort listener itself)', () => {
  it('buffers the control DTMF until detached, then lets go of both listeners', () => {
    const port = new FakeCallControl({ clock: new FakeClock() });
    const buffer = new DtmfBuffer();
    buffer.attach(port);
    port.press('12');
    expect(buffer.contents).toBe('12');
    expect(port.dtmfListenerCount).toBe(1);
    buffer.detach();
    buffer.detach();
    port.press('3');
    expect(buffer.contents).toBe('12');
    expect(port.listenerCount).toBe(0);
  });

  it('lets go by itself when the call ends', () => {
    const port = new FakeCallControl({ clock: new FakeClock() });
    const buffer = new DtmfBuffer();
    buffer.attach(port);
    port.callerHangup();
    expect(port.listenerCount).toBe(0);
  });

  it('attached to a control whose call already ended, it keeps nothing', () => {
    const port = new FakeCallControl({ clock: new FakeClock() });
    port.callerHangup();
    const buffer = new DtmfBuffer();
    buffer.attach(port);
    expect(port.listenerCount).toBe(0);
  });
});

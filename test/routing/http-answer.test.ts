import { checkRouterAnswer } from '../../src/routing/http-answer';
import { hangupReasonForStatus } from '../../src/routing/hangup-cause';
import { headerNameProblem, isSafeDialTarget, logSafe } from '../../src/routing/dial-safety';

describe('hangupReasonForStatus', () => {
  it.each([
    [486, 'busy'],
    [600, 'busy'],
    [404, 'unallocated'],
    [480, 'no_answer'],
    [408, 'timeout'],
    [484, 'number_incomplete'],
    [503, 'congestion'],
    [488, 'codec_mismatch'],
    [403, 'rejected'],
    [499, 'rejected'],
    [599, 'failure'],
    ['busy', 'busy'],
    ['nonsense', 'rejected'],
    [undefined, 'rejected'],
  ])('%s → %s', (status, reason) => {
    expect(hangupReasonForStatus(status)).toBe(reason);
  });
});

describe('dial safety', () => {
  it('accepts TECH/resource dial strings', () => {
    for (const t of ['PJSIP/1001', 'PJSIP/+15551234@trunk', 'PJSIP/trunk/sip:1001@10.0.0.1:5060', 'Local/1000@from-internal', 'IAX2/peer/123#']) {
      expect(isSafeDialTarget(t)).toBe(true);
    }
  });
  it('refuses anything that could add targets, options, expressions or lines', () => {
    for (const t of ['PJSIP/1&PJSIP/2', 'PJSIP/1,30', 'PJSIP/${X}', 'PJSIP/a(b)', 'PJSIP/1\n', 'PJSIP/', '/1001', 'PJSIP/a b', 'PJSIP/"x"', '1001']) {
      expect(isSafeDialTarget(t)).toBe(false);
    }
  });
  it('checks header names', () => {
    expect(headerNameProblem('X-Call-Reason')).toBeUndefined();
    expect(headerNameProblem('Call-ID')).toContain('built by Asterisk');
    expect(headerNameProblem('X A')).toContain('not a plain token');
  });
  it('makes text log-safe', () => {
    expect(logSafe('a\nb\u0000c')).toBe('a b c');
    expect(logSafe('x'.repeat(10), 4)).toBe('xxxx…');
  });
});

describe('checkRouterAnswer', () => {
  it('defaults the strategy to sequential and keeps unknown fields as ignored', () => {
    const r = checkRouterAnswer({ action: 'forward', targets: ['PJSIP/1'], max_ring_time: 20 });
    expect(r).toEqual({ ok: true, answer: { action: 'forward', targets: ['PJSIP/1'], strategy: 'sequential', headers: {}, extensions: {}, ignored: ['max_ring_time'] } });
  });
  it('names every problem of a schema-invalid answer', () => {
    const r = checkRouterAnswer({ action: 'forward', targets: [], strategy: 'random', timeout: -1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual(expect.arrayContaining([expect.stringContaining('/targets'), expect.stringContaining('/strategy'), expect.stringContaining('/timeout')]));
  });
  it('refuses inline steps with a clear reason', () => {
    expect(checkRouterAnswer({ steps: ['answer'] })).toEqual({ ok: false, problems: [expect.stringContaining('inline "steps" are not accepted')] });
  });
  it('refuses control characters in metadata values', () => {
    expect(checkRouterAnswer({ action: 'not_handled', extensions: { note: 'a\r\nb' } }).ok).toBe(false);
  });
});

import { isSecretKey, redactDeep, redactError, redactText, redactUrl, REDACTED } from '../../src/core/redact';

describe('redactUrl', () => {
  it('removes api_key and userinfo from the ARI WebSocket URL but keeps where it points', () => {
    const url = 'ws://voxtra:s3cret@10.0.0.5:8088/ari/events?app=voxtra&subscribeAll=true&api_key=voxtra:s3cret';
    const out = redactUrl(url);
    expect(out).toBe(`ws://${REDACTED}@10.0.0.5:8088/ari/events?app=voxtra&subscribeAll=true&api_key=${REDACTED}`);
    expect(out).not.toContain('s3cret');
  });

  it('handles encoded keys, several parameters and URLs inside longer text', () => {
    const out = redactUrl('GET http://h/ari/channels?api_key=a%3Ab&password=x&app=v failed; retry https://u:p@h2/x');
    expect(out).toBe(`GET http://h/ari/channels?api_key=${REDACTED}&password=${REDACTED}&app=v failed; retry https://${REDACTED}@h2/x`);
  });

  it('leaves text without credentials alone', () => {
    for (const text of ['http://127.0.0.1:8088/ari', 'bypass=1', 'https://example.com/@user', 'mail me at a@b.c']) {
      expect(redactUrl(text)).toBe(text);
    }
  });
});

describe('redactDeep', () => {
  it('replaces secret-named fields at any depth, in any spelling', () => {
    const input = {
      ari: { url: 'http://h:8088', username: 'voxtra', password: 'pw' },
      request: { headers: { Authorization: 'Basic dm94dHJh', 'X-Api-Key': 'k' } },
      list: [{ deep: { deeper: { pass: 'p', apiKey: 'k2' } } }],
      keep: 'value',
    };
    const out = redactDeep(input);
    expect(out).toEqual({
      ari: { url: 'http://h:8088', username: 'voxtra', password: REDACTED },
      request: { headers: { Authorization: REDACTED, 'X-Api-Key': REDACTED } },
      list: [{ deep: { deeper: { pass: REDACTED, apiKey: REDACTED } } }],
      keep: 'value',
    });
    // The logged object itself is never modified.
    expect(input.ari.password).toBe('pw');
  });

  it('returns the same object when nothing needs redacting', () => {
    const input = { a: 1, b: { c: ['x', 'y'] } };
    expect(redactDeep(input)).toBe(input);
  });

  it('survives cycles and leaves class instances to their serializers', () => {
    const cyclic: Record<string, unknown> = { name: 'a', password: 'p' };
    cyclic.self = cyclic;
    const when = new Date(0);
    const out = redactDeep({ cyclic, when }) as { cyclic: Record<string, unknown>; when: Date };
    expect(out.cyclic.password).toBe(REDACTED);
    expect(out.cyclic.self).toBe('[Circular]');
    expect(out.when).toBe(when);
  });

  it('knows the secret key names', () => {
    expect(['password', 'PASS', 'api_key', 'Proxy-Authorization', 'secret'].every(isSecretKey)).toBe(true);
    expect(['passage', 'username', 'key', 'token_count'].some(isSecretKey)).toBe(false);
  });
});

describe('redaction', () => {
  it('removes userinfo, api_key values, Basic credentials and configured secrets', () => {
    expect(redactUrl('ws://127.0.0.1:8088/ari/events?app=voxtra&api_key=voxtra:hunter22')).toBe('ws://127.0.0.1:8088/ari/events?app=voxtra&api_key=[REDACTED]');
    expect(redactUrl('http://voxtra:hunter22@pbx:8088/ari')).toBe('http://[REDACTED]@pbx:8088/ari');
    expect(redactText('Authorization: Basic dm94dHJhOmh1bnRlcjIy failed')).toBe('Authorization: Basic [REDACTED] failed');
    expect(redactText('bad password hunter22 / hunter%2F22', ['hunter22', 'hunter/22'])).toBe('bad password [REDACTED] / [REDACTED]');
    const err = Object.assign(new Error('connect to ws://u:p4ss@h/ari?api_key=u:p4ss failed'), { code: 'ECONNREFUSED' });
    const clean = redactError(err, ['p4ss']);
    expect(clean.message).not.toContain('p4ss');
    expect(clean.stack).not.toContain('p4ss');
    expect((clean as Error & { code?: string }).code).toBe('ECONNREFUSED');
  });
});

describe('one marker', () => {
  it('writes one URL the same way whether it is logged as a field or inside an error text', () => {
    const url = 'ws://voxtra:s3cret@pbx:8088/ari/events?app=voxtra&api_key=voxtra:s3cret';
    expect(redactText(`connect ${url} failed`)).toBe(`connect ${redactUrl(url)} failed`);
    expect(redactDeep({ url }).url).toBe(redactUrl(url));
    expect(redactError(new Error(url)).message).toBe(redactUrl(url));
    expect(redactUrl(url)).toBe(`ws://${REDACTED}@pbx:8088/ari/events?app=voxtra&api_key=${REDACTED}`);
  });
});

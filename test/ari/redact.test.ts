import { redactError, redactText, redactUrl } from '../../src/ari/redact';

describe('redaction', () => {
  it('removes userinfo, api_key values, Basic credentials and configured secrets', () => {
    expect(redactUrl('ws://127.0.0.1:8088/ari/events?app=voxtra&api_key=voxtra:hunter22')).toBe('ws://127.0.0.1:8088/ari/events?app=voxtra&api_key=<redacted>');
    expect(redactUrl('http://voxtra:hunter22@pbx:8088/ari')).toBe('http://<redacted>@pbx:8088/ari');
    expect(redactText('Authorization: Basic dm94dHJhOmh1bnRlcjIy failed')).toBe('Authorization: Basic <redacted> failed');
    expect(redactText('bad password hunter22 / hunter%2F22', ['hunter22', 'hunter/22'])).toBe('bad password <redacted> / <redacted>');
    const err = Object.assign(new Error('connect to ws://u:p4ss@h/ari?api_key=u:p4ss failed'), { code: 'ECONNREFUSED' });
    const clean = redactError(err, ['p4ss']);
    expect(clean.message).not.toContain('p4ss');
    expect(clean.stack).not.toContain('p4ss');
    expect((clean as Error & { code?: string }).code).toBe('ECONNREFUSED');
  });
});

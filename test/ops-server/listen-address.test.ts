import { isVoxtraError } from '../../src/core/errors';
import { formatListen, parseListen } from '../../src/ops-server/listen-address';

describe('parseListen', () => {
  it('accepts IPv4 and bracketed IPv6 with a port, including 0', () => {
    expect(parseListen('127.0.0.1:9464')).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(parseListen('0.0.0.0:0')).toEqual({ host: '0.0.0.0', port: 0 });
    expect(parseListen('[::1]:9464')).toEqual({ host: '::1', port: 9464 });
    expect(parseListen('[::]:65535')).toEqual({ host: '::', port: 65535 });
  });

  it.each(['localhost:9464', '9464', ':9464', '127.0.0.1', '127.0.0.1:', '256.0.0.1:80', '01.2.3.4:80', '::1:9464', '[::1]', '[127.0.0.1]:80', '[zz::1]:80', '127.0.0.1:65536', '127.0.0.1:+80', ' 127.0.0.1:80', 'http://127.0.0.1:80'])(
    'refuses %j with CONFIG_INVALID',
    (text) => {
      let caught: unknown;
      try {
        parseListen(text);
      } catch (err) {
        caught = err;
      }
      expect(isVoxtraError(caught, 'CONFIG_INVALID')).toBe(true);
      expect((caught as Error).message).toContain(JSON.stringify(text));
    },
  );

  it('formats addresses back, bracketing IPv6', () => {
    expect(formatListen({ host: '127.0.0.1', port: 80 })).toBe('127.0.0.1:80');
    expect(formatListen({ host: '::1', port: 80 })).toBe('[::1]:80');
  });
});

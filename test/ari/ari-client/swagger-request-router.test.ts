import type { SwaggerHttpObject, SwaggerModule } from '../../../src/ari/ari-client/ari-client-types';
import { SwaggerRequestRouter } from '../../../src/ari/ari-client/swagger-request-router';

function module(): SwaggerModule {
  return { authorizations: { add: () => undefined, remove: () => true, apply: () => null } };
}

const request = (url: string): SwaggerHttpObject => ({ url, method: 'get', headers: {}, on: {} });

describe('SwaggerRequestRouter', () => {
  it('installs once per swagger module', () => {
    const m = module();
    const router = SwaggerRequestRouter.install(m);
    expect(m.authorizations).toBe(router);
    expect(SwaggerRequestRouter.install(m)).toBe(router);
  });

  it('captures the request composed inside capture() and cancels swagger-client’s own send', () => {
    const router = SwaggerRequestRouter.install(module());
    const obj = { ...request('http://pbx:8088/ari/channels/1/answer'), method: 'post', headers: { Accept: 'application/json' }, body: '{"a":1}' };
    const { result, request: captured } = router.capture(() => router.apply(obj));
    expect(result).toBe(false);
    expect(captured).toEqual({ method: 'POST', url: 'http://pbx:8088/ari/channels/1/answer', headers: { Accept: 'application/json' }, body: '{"a":1}' });
    expect(() => router.capture(() => router.capture(() => 1))).toThrow(/nested/);
  });

  it('gives API-description loads their server’s credentials and contains throwing handlers', () => {
    const router = SwaggerRequestRouter.install(module());
    const errors: unknown[] = [];
    const settings = { authorization: 'Basic AAA', timeoutMs: 1234, onLoadError: (e: unknown) => errors.push(e) };
    router.setOrigin('http://pbx:8088', settings);
    const obj = request('http://pbx:8088/ari/api-docs/resources.json');
    obj.on = {
      error: () => {
        throw '401 : Unauthorized';
      },
    };
    expect(router.apply(obj)).toBe(true);
    expect(obj.headers.Authorization).toBe('Basic AAA');
    expect(obj.timeout).toBe(1234);
    expect(() => obj.on?.error({})).not.toThrow();
    expect(errors).toEqual(['401 : Unauthorized']);
    router.removeOrigin('http://pbx:8088', settings);
    expect(router.apply(request('http://pbx:8088/ari/api-docs/resources.json'))).toBeNull();
  });

  it('keeps ari-client’s own basic-auth for origins it does not own', () => {
    const router = SwaggerRequestRouter.install(module());
    router.add('basic-auth', {
      apply(obj: SwaggerHttpObject) {
        obj.headers.Authorization = 'Basic OTHER';
        return true;
      },
    });
    router.setOrigin('http://ours:1', { authorization: 'Basic OURS', timeoutMs: 1, onLoadError: () => undefined });
    const foreign = request('http://foreign:2/ari/api-docs/resources.json');
    expect(router.apply(foreign)).toBe(true);
    expect(foreign.headers.Authorization).toBe('Basic OTHER');
    const ours = request('http://ours:1/ari/api-docs/channels.json');
    router.apply(ours);
    expect(ours.headers.Authorization).toBe('Basic OURS');
  });
});

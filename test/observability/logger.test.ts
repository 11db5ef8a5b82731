import { isLogLevel } from '../../src/core/log-options';
import { callLine, createLogger, flushLogger, lazyCallLogger } from '../../src/observability/logger';
import { REDACTED } from '../../src/core/redact';

function capture(isTTY?: boolean): { lines: string[]; write(line: string): void; isTTY?: boolean } {
  const lines: string[] = [];
  return { lines, write: (line: string) => void lines.push(line), ...(isTTY !== undefined ? { isTTY } : {}) };
}

function records(lines: string[]): Array<Record<string, unknown>> {
  return lines.map((l) => {
    expect(l.endsWith('\n')).toBe(true);
    expect(l.trimEnd()).not.toContain('\n');
    return JSON.parse(l) as Record<string, unknown>;
  });
}

describe('createLogger', () => {
  it('writes one JSON object per line with the level name, ISO time and message', () => {
    const out = capture();
    const log = createLogger({ level: 'debug', format: 'json', destination: out });
    log.debug({ step: 'answer' }, 'step started');
    log.trace('not at this level');
    const [rec] = records(out.lines);
    expect(out.lines).toHaveLength(1);
    expect(rec).toMatchObject({ level: 'debug', msg: 'step started', step: 'answer', pid: process.pid });
    expect(new Date(rec?.time as string).toISOString()).toBe(rec?.time);
  });

  it('redacts credentials in fields, the message, bindings and errors', () => {
    const out = capture();
    const log = createLogger({ format: 'json', destination: out }).child({ ari: { password: 'bind-pw' } });
    log.info(
      { url: 'ws://h:8088/ari/events?app=v&api_key=voxtra:pw1', headers: { authorization: 'Basic abc' }, cfg: { nested: { deeper: { pass: 'pw2' } } } },
      'connecting to http://voxtra:pw3@h:8088/ari',
    );
    const err = Object.assign(new Error('connect ECONNREFUSED ws://h/ari/events?api_key=voxtra:pw4'), { options: { password: 'pw5' } });
    log.error({ err }, 'connect failed');
    log.warn({ error: new Error('api_key=voxtra:pw6') }, 'also under error');
    log.child({ layer: 2 }).child({ headers: { Authorization: 'Bearer pw7' } }).info('grandchild');
    const text = out.lines.join('');
    for (const secret of ['bind-pw', 'pw1', 'Basic abc', 'pw2', 'pw3', 'pw4', 'pw5', 'pw6', 'pw7']) expect(text).not.toContain(secret);
    const [info, error, warn, grandchild] = records(out.lines);
    expect(grandchild).toMatchObject({ layer: 2, headers: { Authorization: REDACTED }, msg: 'grandchild' });
    expect(info).toMatchObject({
      ari: { password: REDACTED },
      url: `ws://h:8088/ari/events?app=v&api_key=${REDACTED}`,
      headers: { authorization: REDACTED },
      cfg: { nested: { deeper: { pass: REDACTED } } },
      msg: `connecting to http://${REDACTED}@h:8088/ari`,
    });
    expect(error?.err).toMatchObject({ type: 'Error', message: `connect ECONNREFUSED ws://h/ari/events?api_key=${REDACTED}`, options: { password: REDACTED } });
    expect((error?.err as { stack: string }).stack).toContain('connect ECONNREFUSED');
    expect(warn?.error).toMatchObject({ type: 'Error', message: `api_key=${REDACTED}` });
  });

  it('prints pretty lines when asked, synchronously', () => {
    const out = capture();
    const log = createLogger({ format: 'pretty', destination: out, colorize: false });
    log.info({ callId: 'c-1', password: 'pw' }, 'hello');
    expect(out.lines).toHaveLength(1);
    expect(out.lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: hello /);
    expect(out.lines[0]).toContain('"callId":"c-1"');
    expect(out.lines[0]).not.toContain('"pw"');
  });

  it('auto picks pretty for a terminal and JSON otherwise', () => {
    const tty = capture(true);
    createLogger({ destination: tty, colorize: false }).info('x');
    expect(tty.lines[0]).toMatch(/INFO: x/);
    const pipe = capture(false);
    createLogger({ destination: pipe }).info('x');
    expect(JSON.parse(pipe.lines[0] ?? '')).toMatchObject({ level: 'info', msg: 'x' });
  });

  it('refuses an unknown level', () => {
    expect(isLogLevel('warn')).toBe(true);
    expect(isLogLevel('verbose')).toBe(false);
    expect(() => createLogger({ level: 'verbose' as never })).toThrow(/unknown log level "verbose"/);
  });
});

describe('a call\'s log lines (lazyCallLogger, callLine)', () => {
  it('binds the call fields to every line and omits missing ones', () => {
    const out = capture();
    const base = createLogger({ format: 'json', destination: out });
    const log = lazyCallLogger(base, { callId: '1712.3', app: 'voxtra', route: 'support', flow: 'main', version: 'ab12', caller: '+265888111111', extension: '1000' });
    log.info('answered');
    base.warn(callLine({ callId: '1712.4', app: 'voxtra', route: undefined }, {}), 'no route');
    const [first, second] = records(out.lines);
    expect(first).toMatchObject({ callId: '1712.3', app: 'voxtra', route: 'support', flow: 'main', version: 'ab12', caller: '+265888111111', extension: '1000', msg: 'answered' });
    expect(second).toMatchObject({ callId: '1712.4', app: 'voxtra', msg: 'no route', level: 'warn' });
    expect(second).not.toHaveProperty('route');
  });
});

describe('flushLogger', () => {
  it('resolves once the destination has everything', async () => {
    const out = capture();
    const log = createLogger({ format: 'json', destination: out });
    log.info('last words');
    await expect(flushLogger(log)).resolves.toBeUndefined();
    expect(out.lines).toHaveLength(1);
  });
});

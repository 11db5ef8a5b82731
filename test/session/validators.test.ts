import { checkMediaUri } from '../../src/session/media-uri';
import { queueVariableName, queueVariables } from '../../src/session/queue-variables';
import { checkDialplanTarget, checkDtmf, checkQueueName, checkSettableChannelVar, stripControlChars } from '../../src/call/safe-input';

describe('media URIs', () => {
  it.each(['sound:hello-world', 'sound:/var/lib/voxtra/tts/ab12', 'digits:12ab', 'number:42', 'characters:abc', 'tone:ring', 'recording:vm/msg-0001', 'http://127.0.0.1:8080/a.wav', 'https://x.example/a?b=c'])('allows %s', (uri) => {
    expect(checkMediaUri(uri)).toBe(uri);
  });

  it.each(['', 'hello-world', 'file:/etc/passwd', 'sound:', 'sound:a b', 'sound:a,b', 'sound:../secret', 'recording:x/../../y', 'number:1.5', 'https://a b', 'https://a,b', 'http://', 'sound:a\u0000'])('refuses %j', (uri) => {
    expect(() => checkMediaUri(uri)).toThrow(expect.objectContaining({ code: 'UNSAFE_INPUT' }));
  });
});

describe('names and targets', () => {
  it('queue names', () => {
    expect(checkQueueName('acme-support.eu_1')).toBe('acme-support.eu_1');
    for (const bad of ['', '-x', 'a b', 'a,b', 'x'.repeat(65), 'ä']) expect(() => checkQueueName(bad)).toThrow(/refused queue name/);
  });

  it('channel variables', () => {
    expect(checkSettableChannelVar('PJSIP_HEADER(add,X-Voxtra-Tier)')).toBe('PJSIP_HEADER(add,X-Voxtra-Tier)');
    for (const bad of ['1A', 'A-B', 'PJSIP_HEADER(add,X:Y)', 'PJSIP_HEADER(read,X)', 'SHELL(id)', 'A)']) expect(() => checkSettableChannelVar(bad)).toThrow(/refused/);
  });

  it('dialplan targets and DTMF', () => {
    expect(checkDialplanTarget({ context: 'voxtra-queues', extension: '+4930123', priority: 1 })).toBeTruthy();
    expect(() => checkDialplanTarget({ context: 'x', extension: '1', priority: 0 })).toThrow(/priority/);
    expect(() => checkDialplanTarget({ context: 'x', extension: '1', label: 'a b' })).toThrow(/label/);
    expect(checkDtmf('0123456789abcd*#')).toBe('0123456789ABCD*#');
    expect(() => checkDtmf('')).toThrow();
    expect(stripControlChars('a\r\nb\tc')).toBe('a  b c');
  });
});

describe('queue variables', () => {
  it('maps keys to VOXTRA_<KEY> and values to single-line strings, the queue first', () => {
    expect(queueVariableName('caller-type.v2')).toBe('VOXTRA_CALLER_TYPE_V2');
    expect(queueVariables('sales', { tier: 'gold', n: 3, ok: false, nil: null, skip: undefined, obj: { a: [1] }, '': 'x', queue: 'other', text: 'a\nb' })).toEqual([
      ['VOXTRA_QUEUE', 'sales'],
      ['VOXTRA_TIER', 'gold'],
      ['VOXTRA_N', '3'],
      ['VOXTRA_OK', 'false'],
      ['VOXTRA_NIL', 'null'],
      ['VOXTRA_OBJ', '{"a":[1]}'],
      ['VOXTRA_TEXT', 'a b'],
    ]);
  });

  it('two keys that map to one name keep the first', () => {
    expect(queueVariables('q', { 'a-b': 1, a_b: 2 })).toEqual([
      ['VOXTRA_QUEUE', 'q'],
      ['VOXTRA_A_B', '1'],
    ]);
  });
});

import { parseRestFrame } from '../../../src/simulator/rest-ws/rest-request';
import { restResponseFrame } from '../../../src/simulator/rest-ws/rest-response';

const refusal = (text: string): unknown => {
  const p = parseRestFrame(text);
  return 'refusal' in p ? p.refusal : undefined;
};
const request = (frame: unknown): unknown => {
  const p = parseRestFrame(JSON.stringify(frame));
  return 'request' in p ? p.request : p.refusal;
};
const base = { type: 'RESTRequest', transaction_id: 'tx', request_id: 'rq', method: 'GET', uri: 'asterisk/ping' };

describe('RESTRequest parsing (ari_websocket_requests.c, in its order of checks)', () => {
  it('refuses a frame that is not JSON with no body, empty ids and uri', () => {
    expect(refusal('this is not json')).toEqual({ transactionId: '', requestId: '', uri: '', status: 400, reason: 'Failed to parse request message JSON' });
    // jansson loads only objects and arrays at the top level
    expect(refusal('42')).toMatchObject({ reason: 'Failed to parse request message JSON' });
    expect(refusal('null')).toMatchObject({ reason: 'Failed to parse request message JSON' });
  });

  it('wants a type, and only RESTRequest; the uri is not echoed for those', () => {
    expect(refusal('[1,2,3]')).toEqual({ transactionId: '', requestId: '', uri: '', status: 400, reason: 'Bad request', message: "No 'type' property." });
    expect(refusal(JSON.stringify({ ...base, type: undefined }))).toEqual({ transactionId: 'tx', requestId: 'rq', uri: '', status: 400, reason: 'Bad request', message: "No 'type' property." });
    expect(refusal(JSON.stringify({ ...base, type: 'RESTRequestX' }))).toMatchObject({ uri: '', message: 'Unknown request type.' });
  });

  it('wants a uri, then a method Asterisk knows (case-sensitive); the uri comes back without its query', () => {
    expect(refusal(JSON.stringify({ ...base, uri: undefined }))).toMatchObject({ uri: '', message: "Empty or missing 'uri' property." });
    expect(refusal(JSON.stringify({ ...base, uri: '' }))).toMatchObject({ message: "Empty or missing 'uri' property." });
    for (const method of ['FETCH', 'get', undefined, 7]) {
      expect(refusal(JSON.stringify({ ...base, method, uri: 'asterisk/info?only=build' }))).toMatchObject({ uri: 'asterisk/info', message: "Unknown or missing 'method' property." });
    }
  });

  it('copies ids that are strings and answers "" for missing or non-string ones', () => {
    expect(request({ ...base, transaction_id: 42, request_id: true })).toMatchObject({ transactionId: '', requestId: '' });
    expect(request({ type: 'RESTRequest', method: 'GET', uri: 'x', request_id: 'only' })).toMatchObject({ transactionId: '', requestId: 'only' });
  });

  it('takes the query from the uri, then query_strings (so they win), then a form body; an object query_strings is ignored', () => {
    expect(request({ ...base, uri: 'asterisk/info?only=build', query_strings: [{ name: 'only', value: 'config' }] })).toMatchObject({
      uri: 'asterisk/info',
      query: [
        ['only', 'build'],
        ['only', 'config'],
      ],
    });
    expect(request({ ...base, uri: 'c/1/variable?variable=A&value=from%20uri+x' })).toMatchObject({
      query: [
        ['variable', 'A'],
        ['value', 'from uri x'],
      ],
    });
    expect(request({ ...base, query_strings: { name: 'x', value: 'y' } })).toMatchObject({ query: [] });
    expect(refusal(JSON.stringify({ ...base, query_strings: [{ name: 'x', value: 1 }] }))).toMatchObject({ message: "Unable to parse 'query_strings' array." });
    expect(request({ ...base, method: 'POST', content_type: 'application/x-www-form-urlencoded', message_body: 'variable=F&value=from+form+body' })).toMatchObject({
      query: [
        ['variable', 'F'],
        ['value', 'from form body'],
      ],
      body: null,
    });
  });

  it('reads message_body only as a string, with a content type it knows', () => {
    expect(request({ ...base, method: 'POST', content_type: 'application/json', message_body: '{"variable":"J"}' })).toMatchObject({ body: { variable: 'J' } });
    // An object message_body counts as none: the handler then sees no variable.
    expect(request({ ...base, method: 'POST', content_type: 'application/json', message_body: { variable: 'O' } })).toMatchObject({ body: null, query: [] });
    expect(refusal(JSON.stringify({ ...base, message_body: '{"a":1}' }))).toMatchObject({ uri: 'asterisk/ping', message: "No 'content_type' for 'message_body'." });
    expect(refusal(JSON.stringify({ ...base, content_type: 'text/plain', message_body: 'a=1' }))).toMatchObject({ message: 'Unknown content type.' });
    expect(refusal(JSON.stringify({ ...base, content_type: 'application/json', message_body: '{"variable":' }))).toMatchObject({ message: "Unable to parse 'message_body' as 'application/json'." });
    expect(refusal(JSON.stringify({ ...base, content_type: 'application/json', message_body: '"text"' }))).toMatchObject({ message: "Unable to parse 'message_body' as 'application/json'." });
  });
});

describe('RESTResponse frames', () => {
  it('have Asterisk key order, a string message_body, and no body keys for a 204', () => {
    const withBody = restResponseFrame({ transactionId: 't', requestId: 'r', uri: 'asterisk/ping', status: 200, reason: 'OK', body: { ping: 'pong' } }, 'voxtra', 'TS', 'ID');
    expect(Object.keys(withBody)).toEqual(['type', 'transaction_id', 'request_id', 'status_code', 'reason_phrase', 'uri', 'content_type', 'message_body', 'application', 'timestamp', 'asterisk_id']);
    expect(withBody.message_body).toBe('{"ping":"pong"}');
    const noContent = restResponseFrame({ transactionId: '', requestId: '', uri: 'channels/1/answer', status: 204, reason: 'No Content' }, 'voxtra', 'TS', 'ID');
    expect(Object.keys(noContent)).toEqual(['type', 'transaction_id', 'request_id', 'status_code', 'reason_phrase', 'uri', 'application', 'timestamp', 'asterisk_id']);
  });
});

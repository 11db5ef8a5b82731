import { CATALOGUE_COMPOSER } from '../../../src/ari/catalogue-api';
import { ARI_OPERATIONS } from '../../../src/ari/operations';
import type { ComposedRequest } from '../../../src/ari/operation-composer';
import { decodeRestResponse, encodeRestRequest } from '../../../src/ari/ws-rest/rest-frames';
import { requestOfFrame } from '../helpers/rest-frames-peer';
import { traceEvents } from '../helpers/traces';

const compose = (op: string, params: Record<string, unknown>): ComposedRequest => CATALOGUE_COMPOSER.compose(op, params as never) as ComposedRequest;

describe('RESTRequest frames', () => {
  it('puts the uri relative to /ari/ with the query in it, and string ids (trace rest-over-websocket)', () => {
    const frame = JSON.parse(encodeRestRequest(compose('channels.answer', { channelId: '1796551397.100642' }), 'tx-call', 'rq-answer')) as Record<string, unknown>;
    expect(frame).toEqual({ type: 'RESTRequest', transaction_id: 'tx-call', request_id: 'rq-answer', method: 'POST', uri: 'channels/1796551397.100642/answer' });
    const set = JSON.parse(encodeRestRequest(compose('channels.setChannelVar', { channelId: 'c1', variable: 'VOXTRA_URI', value: 'from uri' }), 't', '7')) as Record<string, unknown>;
    expect(set.uri).toBe('channels/c1/variable?variable=VOXTRA_URI&value=from%20uri');
    // What Asterisk parses out of it (the query in the uri decoded like a form).
    expect(Object.fromEntries(requestOfFrame(set).query)).toEqual({ variable: 'VOXTRA_URI', value: 'from uri' });
  });

  it('sends a JSON body as the string message_body with content_type application/json', () => {
    const request = compose('channels.originate', { endpoint: 'PJSIP/1001', app: 'voxtra', variables: { A: '1', 'B C': 'x"y' }, channelId: 'leg-1' });
    const frame = JSON.parse(encodeRestRequest(request, 't', '1')) as Record<string, unknown>;
    expect(frame).toMatchObject({ method: 'POST', uri: 'channels?endpoint=PJSIP%2F1001&app=voxtra&channelId=leg-1', content_type: 'application/json' });
    expect(typeof frame.message_body).toBe('string');
    expect(JSON.parse(frame.message_body as string)).toEqual({ variables: { A: '1', 'B C': 'x"y' } });
    // Without the body parameter there is no body at all.
    expect(JSON.parse(encodeRestRequest(compose('bridges.create', { type: 'mixing', bridgeId: 'b1' }), 't', '2'))).not.toHaveProperty('message_body');
  });
});

describe('composition without ari-client', () => {
  it('covers every operation of the catalogue, the JSON-body ones included', () => {
    const rest = ARI_OPERATIONS.map((o) => o.op);
    expect(CATALOGUE_COMPOSER.operations.sort()).toEqual([...rest].sort());
    expect(rest).toEqual(expect.arrayContaining(['channels.originate', 'channels.create', 'bridges.create', 'events.claimChannel']));
  });
});

describe('RESTResponse frames, as recorded', () => {
  const frames = traceEvents('rest-over-websocket', 'voxtra').filter((e) => e.type === 'RESTResponse');

  it('reads status and the message_body string (200 with a JSON body)', () => {
    const info = frames.find((f) => f.request_id === 'rq-1');
    expect(decodeRestResponse(info ?? { type: 'x' })).toMatchObject({ transactionId: 'tx-1', requestId: 'rq-1', answer: { status: 200 } });
    expect(JSON.parse(decodeRestResponse(info ?? { type: 'x' })?.answer.body ?? '')).toHaveProperty('system.version', '22.10.1');
  });

  it('reads a 204 without content_type or message_body as an empty body, like HTTP', () => {
    const answer = frames.find((f) => f.request_id === 'rq-answer');
    expect(decodeRestResponse(answer ?? { type: 'x' })?.answer).toEqual({ status: 204, body: '' });
  });

  it('reads error answers, including a parse error with empty ids and no body', () => {
    expect(decodeRestResponse(frames.find((f) => f.request_id === 'rq-nochan') ?? { type: 'x' })?.answer).toEqual({ status: 404, body: '{"message":"Channel not found"}' });
    const notJson = frames.find((f) => f.reason_phrase === 'Failed to parse request message JSON');
    expect(decodeRestResponse(notJson ?? { type: 'x' })).toEqual({ transactionId: '', requestId: '', answer: { status: 400, body: '' } });
  });

  it('is not fooled by other frames', () => {
    expect(decodeRestResponse({ type: 'StasisStart' })).toBeUndefined();
    expect(decodeRestResponse({ type: 'RESTResponse', status_code: '200' })).toBeUndefined();
  });
});

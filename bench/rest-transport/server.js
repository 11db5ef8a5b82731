// A minimal loopback ARI peer for bench/rest-transport/run.js, in its own
// process so that the client's CPU is measured alone. It answers HTTP
// requests and RESTRequest frames on /ari/events: 204 for POST/DELETE, 200
// with a small JSON body for GET; a POST .../variable on a channel whose id
// starts with "held" waits HOLD_MS first (a setChannelVar behind a playback,
// trace rest-over-websocket: 1.40 s). Frames of one socket are answered one
// at a time, in order, as Asterisk does.
'use strict';

const { Buffer } = require('node:buffer');
const http = require('node:http');
const { setTimeout } = require('node:timers');
const { WebSocketServer } = require('ws');

const HOLD_MS = Number(process.env.HOLD_MS ?? 1400);
const BODY = JSON.stringify({ id: '1712345678.42', name: 'PJSIP/bench-00000001', state: 'Up' });

function held(path, method) {
  return method === 'POST' && /^\/?(ari\/)?channels\/held[^/]*\/variable/.test(path);
}

const server = http.createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  const reply = () => {
    if (req.method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(BODY) });
      res.end(BODY);
    } else {
      res.writeHead(204, { 'Content-Length': '0' });
      res.end();
    }
  };
  req.resume();
  req.on('end', () => (held(path, req.method) ? setTimeout(reply, HOLD_MS) : reply()));
});
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
server.on('upgrade', (req, socket, head) =>
  wss.handleUpgrade(req, socket, head, (ws) => {
    let chain = Promise.resolve();
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      chain = chain.then(async () => {
        const uri = String(frame.uri).split('?')[0];
        if (held(uri, frame.method)) await new Promise((r) => setTimeout(r, HOLD_MS));
        const get = frame.method === 'GET';
        ws.send(
          JSON.stringify({
            type: 'RESTResponse',
            transaction_id: frame.transaction_id,
            request_id: frame.request_id,
            status_code: get ? 200 : 204,
            reason_phrase: get ? 'OK' : 'No Content',
            uri,
            ...(get ? { content_type: 'application/json', message_body: BODY } : {}),
            application: 'bench',
            timestamp: '2026-12-06T10:03:15.949+0000',
            asterisk_id: '02:fc:00:00:00:01',
          }),
        );
      });
    });
  }),
);
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('disconnect', () => process.exit(0));

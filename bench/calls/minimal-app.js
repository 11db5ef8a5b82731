// The minimal hand-written contender of bench/calls: the bench flow with
// nothing but node:http and `ws`, written the way a careful hand-written ARI
// app would be: one events WebSocket, a plain keep-alive `http.Agent` bounded
// to 64 sockets (LIFO, idle sockets closed after 10 s, below Asterisk's
// session_keep_alive), the application event filter so that only the events
// it reads reach it, and one small record per call. It does what the bench
// flow does: answer; play sound:beep to its end; collect four digits (digits
// pressed during the sound count), 5 s for the first and 3 s between digits;
// hang up.
//
// Usage: node minimal-app.js <url> <user> <password> <app> [--rest http|websocket] [--filter on|off] [--duties on|off]
//
// --rest websocket sends the requests as RESTRequest frames on the events
// socket (Asterisk 20.14 / 21.9 / 22.4+), except `answer`, which waits for
// the channel's own thread on Asterisk and so would hold up every other call's
// requests on the one socket: it goes over HTTP, as Voxtra sends it
// (docs/ari-adapter.md, "The head-of-line rule"). The filter then allows
// RESTResponse too, or Asterisk would drop the answers (PERF-NOTES).
//
// --duties on (the `minimal-duties` contender) adds the duties a production app
// has and the bare app skips, each the plain way, so that the part of Voxtra's
// gap to the bare app that is those duties can be told from the part that is
// Voxtra's own code: a JSON line per call at its start and one at its end on
// standard output (pino, written at once, as Voxtra writes a turn's lines at
// that turn's end: one write per line at these rates), a deadline per request
// (a 5 s timer, cleared on the answer), and each request's latency in a
// prom-client histogram by operation. Nothing else changes.
'use strict';

const http = require('node:http');
const { Buffer } = require('node:buffer');
const { URL } = require('node:url');
const { performance } = require('node:perf_hooks');
const { setTimeout, clearTimeout } = require('node:timers');
const WebSocket = require('ws');
const { BenchCall, BenchCalls } = require('../lib/bench-call');

const argv = process.argv.slice(2);
const [url, username, password, app] = argv;
const option = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : dflt;
};
const rest = option('--rest', 'http');
const filter = option('--filter', 'on') === 'on';
const duties = option('--duties', 'off') === 'on';
if (!['http', 'websocket'].includes(rest)) throw new Error(`--rest must be http or websocket, not ${rest}`);

const base = new URL(url);
const authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
const agent = new http.Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 64, scheduling: 'lifo', timeout: 10_000 });
const EVENTS = ['StasisStart', 'PlaybackFinished', 'ChannelDtmfReceived', 'StasisEnd'];

// Exit normally on SIGTERM (lets --cpu-prof write its profile).
process.on('SIGTERM', () => process.exit(0));

const REQUEST_DEADLINE_MS = 5000;
// Lines as Voxtra writes them: the level by name and an ISO time.
const logger = duties
  ? require('pino')(
      { base: { pid: process.pid }, timestamp: require('pino').stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } },
      require('pino').destination({ fd: 1, sync: true }),
    )
  : undefined;
const latency = duties
  ? new (require('prom-client').Histogram)({ name: 'ari_request_seconds', help: 'ARI request latency', labelNames: ['operation'], buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5], registers: [] })
  : undefined;

/** With --duties: `done` wrapped in the request's deadline and latency record. */
function withDuties(operation, done) {
  if (!duties) return done;
  const started = performance.now();
  let settled = false;
  const timer = setTimeout(() => {
    settled = true;
    console.error(`${operation}: no answer within ${REQUEST_DEADLINE_MS} ms`);
    done(0);
  }, REQUEST_DEADLINE_MS);
  return (status) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    latency.observe({ operation }, (performance.now() - started) / 1000);
    done(status);
  };
}

/** One HTTP request; `done(status)` once its answer was read (the body is discarded). */
function httpRequest(method, path, body, whenDone, operation = method) {
  const done = withDuties(operation, whenDone);
  const headers = { Authorization: authorization };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = Buffer.byteLength(body);
  }
  const req = http.request({ host: base.hostname, port: base.port, method, path: `/ari/${path}`, headers, agent }, (res) => {
    res.resume();
    res.on('end', () => done(res.statusCode));
  });
  req.on('error', (err) => {
    console.error(`${method} ${path}: ${err.message}`);
    done(0);
  });
  req.end(body);
}

const ws = new WebSocket(`ws://${base.host}/ari/events?app=${encodeURIComponent(app)}`, { headers: { Authorization: authorization }, perMessageDeflate: false });

// REST over the socket: answers matched by request_id.
const pending = new Map();
let seq = 0;
function socketRequest(method, path, body, done, operation = method) {
  const id = String(++seq);
  pending.set(id, withDuties(operation, done));
  const frame = { type: 'RESTRequest', transaction_id: 'minimal', request_id: id, method, uri: path };
  if (body !== undefined) Object.assign(frame, { content_type: 'application/json', message_body: body });
  ws.send(JSON.stringify(frame));
}
const request = rest === 'websocket' ? socketRequest : httpRequest;

/** The bench flow's call, with when it started (for its end line, with --duties). */
class Call extends BenchCall {
  constructor(id, started) {
    super(id, hangupChannel);
    this.started = started;
  }

  end() {
    super.end();
    if (logger) logger.info({ callId: this.id, digits: this.digits, durationMs: Date.now() - this.started }, 'call ended');
  }
}

const hangupChannel = (id) => request('DELETE', `channels/${id}`, undefined, failed, 'hangup');
const calls = new BenchCalls();
const failed = (status) => {
  if (status >= 300 || status === 0) console.error(`request failed: ${status}`);
};

function onEvent(event) {
  switch (event.type) {
    case 'RESTResponse': {
      const done = pending.get(event.request_id);
      if (done === undefined) return;
      pending.delete(event.request_id);
      done(event.status_code);
      return;
    }
    case 'StasisStart': {
      const channel = event.channel;
      const id = channel.id;
      calls.add(new Call(id, logger ? Date.now() : 0));
      if (logger) logger.info({ callId: id, app, caller: channel.caller.number, extension: channel.dialplan.exten, channel: channel.name, args: event.args }, 'call started');
      httpRequest('POST', `channels/${id}/answer`, undefined, (status) => {
        if (status !== 204) return void console.error(`answer ${id}: ${status}`);
        request('POST', `channels/${id}/play?media=sound%3Abeep`, undefined, failed, 'play');
      }, 'answer');
      return;
    }
    default:
      calls.onEvent(event);
  }
}

ws.on('message', (data, isBinary) => {
  if (!isBinary) onEvent(JSON.parse(data.toString()));
});
ws.on('error', (err) => {
  console.error(err);
  process.exit(1);
});
ws.on('close', () => process.exit(0));
ws.on('open', () => {
  const ready = () => {
    console.log(`connected to ARI (REST over ${rest}, event filter ${filter ? EVENTS.join(', ') : 'off'}); handling calls`);
    if (process.send) process.send({ type: 'ready' });
  };
  if (!filter) return ready();
  const allowed = [...EVENTS, ...(rest === 'websocket' ? ['RESTResponse'] : [])].map((type) => ({ type }));
  request('PUT', `applications/${encodeURIComponent(app)}/eventFilter`, JSON.stringify({ allowed }), (status) => {
    if (status !== 200) console.error(`eventFilter: ${status} (every event reaches the app)`);
    ready();
  });
});

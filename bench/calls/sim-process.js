// The PBX side of bench/calls, in its own process: Voxtra's ARI simulator in
// real time (sessionlimit 100, like Asterisk's http.conf default) plus the
// callers. Driven by run.js over IPC:
//   { type: 'load', rate, durationMs, app, patienceMs } → { type: 'load-result', result }
//   { type: 'concurrent' } → { type: 'concurrent', calls }
//   { type: 'registered', app } → { type: 'registered', registered } (an events socket holds the app)
//   { type: 'outbound', id, config } → { type: 'outbound', status } (the simulator connects out per call, as
//     Asterisk's websocket_client.conf does; config undefined removes it)
//   { type: 'stop' }
'use strict';

const path = require('node:path');
const { Buffer } = require('node:buffer');
const { performance } = require('node:perf_hooks');
const { setInterval, clearInterval, setTimeout } = require('node:timers');

const { AriSimulator } = require(path.resolve(__dirname, '../../dist/simulator'));
const { placeCalls, tally } = require('../lib/sim-callers');

// Requests the simulator serves (ARI and control), counted per run by transport, method and path: what each
// contender asks of the PBX. HTTP requests are seen on the server, RESTRequest frames where a socket's session
// receives them.
const http = require('node:http');
const WebSocket = require('ws');
const { RestSession } = require(path.resolve(__dirname, '../../dist/simulator/rest-ws/rest-session'));
const requestsByRoute = new Map();
const countRequest = (transport, method, url) => {
  const route = `${transport} ${method} /${url.split('?')[0].replace(/^\/+/, '').replace(/^ari\//, '').replace(/channels\/[^/]+/, 'channels/{id}').replace(/playbacks\/[^/]+/, 'playbacks/{id}').replace(/applications\/[^/]+/, 'applications/{app}')}`;
  requestsByRoute.set(route, (requestsByRoute.get(route) || 0) + 1);
};
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, req, ...rest) {
  if (event === 'request') countRequest('http', req.method, req.url);
  return emit.call(this, event, req, ...rest);
};
const receive = RestSession.prototype.receive;
RestSession.prototype.receive = function (text) {
  const frame = JSON.parse(text);
  countRequest('ws', frame.method, String(frame.uri));
  return receive.call(this, text);
};
// Frames written to every socket (events and RESTResponses): what each contender reads.
const frames = { count: 0, bytes: 0 };
const send = WebSocket.prototype.send;
WebSocket.prototype.send = function (data, ...rest) {
  frames.count++;
  frames.bytes += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  return send.call(this, data, ...rest);
};

/** What every caller does once in Stasis: wait 1 s, press 4 digits (the last ends 1.4 s later), then hang up if the app has not. */
const FIRST_DIGIT_AFTER_MS = 1000;

async function main() {
  const apps = (process.argv[2] || 'bench').split(',');
  const responseDelayMs = Number(process.argv[3] || 0);
  const sim = await AriSimulator.start({ port: 0, apps, sessionLimit: 100, maxEndedCalls: 1000, responseDelayMs });
  process.on('message', (msg) => {
    if (msg.type === 'load') runLoad(sim, msg).then((result) => process.send({ type: 'load-result', result }));
    else if (msg.type === 'concurrent') process.send({ type: 'concurrent', calls: sim.stats().activeChannels });
    else if (msg.type === 'registered') process.send({ type: 'registered', registered: sim.model.apps.isRegistered(msg.app) });
    else if (msg.type === 'outbound') {
      if (msg.config) process.send({ type: 'outbound', status: sim.setOutbound(msg.id, msg.config) });
      else process.send({ type: 'outbound', status: sim.removeOutbound(msg.id) });
    }
    else if (msg.type === 'stop') sim.stop().then(() => process.exit(0));
  });
  // Never outlive the orchestrator.
  process.on('disconnect', () => process.exit(0));
  process.send({ type: 'ready', url: sim.url });
}

/**
 * Places `rate` calls per second for `durationMs`, each through the bench flow,
 * and returns what happened to them. A call is ok when the caller was
 * answered, heard the whole sound, pressed its four digits and was then hung
 * up by the app (cause 16); anything else is a failure, by first reason.
 */
async function runLoad(sim, { rate, durationMs, app, patienceMs }) {
  sim.model.firstRequests.reset();
  requestsByRoute.clear();
  frames.count = 0;
  frames.bytes = 0;
  const before = sim.stats().sessions;
  const elu0 = performance.eventLoopUtilization();
  let peakSessions = 0;
  let peakCalls = 0;
  const { total, outcomes, placingMs, ended } = await placeCalls(sim, { rate, durationMs, app, firstDigitAfterMs: FIRST_DIGIT_AFTER_MS, patienceMs });
  const sampler = setInterval(() => {
    const s = sim.stats();
    peakSessions = Math.max(peakSessions, s.sessions.current);
    peakCalls = Math.max(peakCalls, s.activeChannels);
  }, 50);
  // Every call ends by itself: the app hangs up, or the caller gives up after patienceMs.
  await Promise.race([ended, new Promise((r) => setTimeout(r, patienceMs + 30_000))]);
  clearInterval(sampler);
  const elu = performance.eventLoopUtilization(elu0);
  const stats = sim.stats();
  const lags = outcomes.filter((o) => o.ok).map((o) => o.lagMs).sort((a, b) => a - b);
  return {
    rate,
    placed: total,
    placingMs,
    ...tally(outcomes, total),
    firstRequest: stats.firstRequest,
    hangupLagMs: { p50: pct(lags, 0.5), p99: pct(lags, 0.99) },
    sessions: { peak: Math.max(peakSessions, 0), refused: stats.sessions.refused - before.refused, opened: stats.sessions.total - before.total },
    peakCalls,
    /** ARI requests served during the run, by transport (http, ws), method and path. */
    requests: Object.fromEntries([...requestsByRoute.entries()].sort((x, y) => y[1] - x[1])),
    /** WebSocket frames (events and RESTResponses) written to the contender during the run. */
    frames: { ...frames },
    /** Share of the run the simulator's event loop was busy (1 = saturated: the PBX side is the bottleneck). */
    simulatorElu: Math.round(elu.utilization * 1000) / 1000,
  };
}

function pct(sorted, q) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : 0;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

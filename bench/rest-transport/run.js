#!/usr/bin/env node
// REST transport bench: the client side of one ARI request over HTTP (the
// bounded keep-alive pool) and over REST over WebSocket (RESTRequest frames
// on one socket), through the same request pipeline, against a loopback peer
// in another process (server.js). Build first (`npm run build`), then:
//
//   node bench/rest-transport/run.js [--requests 20000] [--concurrency 32] [--rounds 3]
//
// Prints, per transport: client CPU per request (user + system µs, this
// process only), requests/s, latency p50/p99, against a raw node:http client
// (what bench/calls' minimal app does per request) in the same run, as a ratio. Then the head-of-line case:
// one call's setChannelVar held 1.4 s by the peer (as Asterisk holds it
// behind a playback) while other calls send requests, on one shared socket
// with every request on the socket, with the head-of-line route (the held
// kind over HTTP), and over HTTP only: the others' latency p50/max.
'use strict';

const { fork } = require('node:child_process');
const nodeHttp = require('node:http');
const path = require('node:path');
const { setTimeout } = require('node:timers');
const { URL } = require('node:url');
const WebSocket = require('ws');
const { systemClock } = require('../../dist/core/clock');
const { silentLogger } = require('../../dist/core/logger');
const { CATALOGUE_API, CATALOGUE_COMPOSER } = require('../../dist/ari/catalogue-api');
const { RequestPipeline } = require('../../dist/ari/request-pipeline');
const { HttpRequestExecutor } = require('../../dist/ari/http-request-executor');
const { SocketRequestExecutor } = require('../../dist/ari/ws-rest/socket-request-executor');
const { RestRouteExecutor } = require('../../dist/ari/ws-rest/rest-route');

function parseArgs(argv) {
  const opts = { requests: 20_000, concurrency: 32, rounds: 3 };
  for (let i = 0; i < argv.length; i++) {
    const [key, inline] = argv[i].split('=');
    const value = () => Number(inline !== undefined ? inline : argv[++i]);
    if (key === '--requests') opts.requests = value();
    else if (key === '--concurrency') opts.concurrency = value();
    else if (key === '--rounds') opts.rounds = value();
  }
  return opts;
}

function pipelineOver(executor, maxInFlight) {
  const p = new RequestPipeline(executor, { clock: systemClock, logger: silentLogger, requestTimeoutMs: 10_000, maxInFlight, secrets: [] });
  p.use(CATALOGUE_API, CATALOGUE_COMPOSER);
  return p;
}

async function openSocket(port) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ari/events?app=bench`, { perMessageDeflate: false });
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  return ws;
}

async function transports(port, maxInFlight) {
  const http = new HttpRequestExecutor({ base: new URL(`http://127.0.0.1:${port}`), authorization: 'Basic eDp4', maxSockets: maxInFlight, idleSocketMs: 10_000 });
  const ws = await openSocket(port);
  const socket = new SocketRequestExecutor({ logger: silentLogger, whileDown: 'fail', name: 'bench' });
  socket.attach(ws);
  ws.on('message', (data) => socket.accept(JSON.parse(data.toString())));
  return { http, socket, ws, close: () => (ws.close(), http.close()) };
}

// The requests of one call, as the bench flow sends them (the GET stands in for the playback check).
const CALL = [
  ['channels.answer', { channelId: 'c' }],
  ['channels.play', { channelId: 'c', media: 'sound:beep', playbackId: 'pb-1' }],
  ['playbacks.get', { playbackId: 'pb-1' }],
  ['channels.hangup', { channelId: 'c' }],
];

// The baseline: the same requests with nothing but node:http on the same kind of pool (as bench/calls/minimal-app.js
// sends them: no deadline, no bound beyond the pool, the body read and dropped), so the pipeline's own cost is a ratio.
const RAW = [
  ['POST', '/ari/channels/c/answer'],
  ['POST', '/ari/channels/c/play?media=sound%3Abeep&playbackId=pb-1'],
  ['GET', '/ari/playbacks/pb-1'],
  ['DELETE', '/ari/channels/c'],
];

function rawHttp(port, maxSockets) {
  const agent = new nodeHttp.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, scheduling: 'lifo', timeout: 10_000 });
  const headers = { Authorization: 'Basic eDp4' };
  let i = 0;
  return {
    request: () =>
      new Promise((resolve, reject) => {
        const [method, p] = RAW[i++ % RAW.length];
        const req = nodeHttp.request({ host: '127.0.0.1', port, method, path: p, headers, agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode));
        });
        req.on('error', reject);
        req.end();
      }),
    close: () => agent.destroy(),
  };
}

async function load(pipeline, requests, concurrency) {
  const latencies = new Float64Array(requests);
  let next = 0;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  async function worker() {
    for (;;) {
      const i = next++;
      if (i >= requests) return;
      const [op, params] = CALL[i % CALL.length];
      const s = process.hrtime.bigint();
      await pipeline.request(op, params, {});
      latencies[i] = Number(process.hrtime.bigint() - s) / 1e6;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  latencies.sort();
  return { cpuUsPerRequest: (cpu.user + cpu.system) / requests, perSecond: Math.round(requests / (wallMs / 1000)), p50: latencies[Math.floor(requests * 0.5)], p99: latencies[Math.floor(requests * 0.99)] };
}

async function headOfLine(pipeline, others) {
  const held = pipeline.request('channels.setChannelVar', { channelId: 'held-A', variable: 'X', value: '1' }, {});
  await new Promise((r) => setTimeout(r, 20));
  const lat = [];
  for (let i = 0; i < others; i++) {
    const s = process.hrtime.bigint();
    await pipeline.request(CALL[i % CALL.length][0], CALL[i % CALL.length][1], {});
    lat.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  await held;
  lat.sort((a, b) => a - b);
  return { p50: lat[Math.floor(lat.length / 2)], max: lat[lat.length - 1] };
}

const fmt = (n) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const peer = fork(path.join(__dirname, 'server.js'), [], { stdio: 'inherit' });
  const { port } = await new Promise((resolve) => peer.once('message', resolve));
  const t = await transports(port, 64);
  const http = pipelineOver(t.http, 64);
  const ws = pipelineOver(t.socket, 64);
  const raw = rawHttp(port, 64);
  // Warm every path up (JIT, keep-alive sockets).
  await load(raw, 4000, opts.concurrency);
  await load(http, 4000, opts.concurrency);
  await load(ws, 4000, opts.concurrency);
  console.log(`client side of one request, ${opts.requests} requests at concurrency ${opts.concurrency}, loopback peer in another process`);
  console.log('round transport  cpu µs/req  req/s   p50 ms  p99 ms');
  const cpu = { raw: [], http: [], websocket: [] };
  for (let round = 1; round <= opts.rounds; round++) {
    const order = [['raw', raw], ['http', http], ['websocket', ws]];
    for (const [name, p] of round % 2 === 1 ? order : order.reverse()) {
      const r = await load(p, opts.requests, opts.concurrency);
      cpu[name].push(r.cpuUsPerRequest);
      console.log(`${String(round).padEnd(5)} ${name.padEnd(10)} ${fmt(r.cpuUsPerRequest).padStart(10)} ${String(r.perSecond).padStart(6)} ${fmt(r.p50).padStart(8)} ${fmt(r.p99).padStart(7)}`);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const base = median(cpu.raw);
  console.log(`\nCPU per request, medians of rounds: raw node:http ${fmt(base)} µs; the pipeline over HTTP ${fmt(median(cpu.http))} µs (${(median(cpu.http) / base).toFixed(2)}x), over the socket ${fmt(median(cpu.websocket))} µs (${(median(cpu.websocket) / base).toFixed(2)}x)`);
  raw.close();
  console.log('\nhead-of-line: another call\'s 40 requests while one call\'s setChannelVar is held 1.4 s by the peer');
  const naive = await headOfLine(ws, 40);
  const routed = await headOfLine(pipelineOver(new RestRouteExecutor({ socket: t.socket, http: t.http, shared: true }), 64), 40);
  const overHttp = await headOfLine(http, 40);
  for (const [name, r] of [['all on the shared socket', naive], ['head-of-line route (held kind over HTTP)', routed], ['HTTP only', overHttp]]) console.log(`${name.padEnd(42)} p50 ${fmt(r.p50)} ms, max ${fmt(r.max)} ms`);
  t.close();
  peer.disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

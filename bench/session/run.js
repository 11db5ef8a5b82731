#!/usr/bin/env node
// What Voxtra's own layers cost per call, without sockets: the runtime built
// by the composition root (gateway, call control, admission, session, steps,
// metrics, logging at info) over a scripted ARI transport in this process,
// against a hand-written handler doing the same steps on the same transport,
// in the same run. Build first (`npm run build`), then:
//
//   node --expose-gc bench/session/run.js [--calls 20000] [--concurrency 300] [--parked 1000] [--rounds 3]
//
// VOXTRA_DIST=<dir> measures another build (default dist/); VOXTRA_BASE_DIST=<dir>
// adds that build as a third contender (e.g. the build before a change; it needs
// src/host, so a build from before the composition root cannot be one).
// BENCH_SNAPSHOT_DIR=<dir> writes a heap snapshot before and after parking the
// calls (<prefix>-idle and <prefix>.heapsnapshot): what a call in progress keeps.
// BENCH_LOG_FILE / BENCH_LOG_LEVEL: where and at what level Voxtra logs (default
// /dev/null at info, as `voxtra run` writes: JSON, through the build's own
// standard-output destination).
//
// The scripted transport answers every request on a microtask and sends the
// events Asterisk sends for the bench flow of bench/calls (answer, play
// sound:beep, four digits, hangup), each parsed from JSON text as the events
// socket would. It costs the same for every contender, so the differences are
// the contenders' own. What it cannot show: the HTTP client, the events socket
// and the request pipeline (bench/calls measures those, with a real simulator).
//
// Contenders: `voxtra` (the bench flow in a flow file), `voxtra-handler` (the
// same steps as a TypeScript-API handler on the same runtime: no flow runner,
// no step definitions), `handwritten` (callbacks straight on the transport).
//
// Reported per contender (medians of rounds): CPU per call (µs, process CPU
// over `--calls` calls with `--concurrency` in progress), and retained heap per
// call in progress (`--parked` calls waiting for their digits, after a full GC).
'use strict';

/* global gc */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { setImmediate, setTimeout } = require('node:timers');
const { queueMicrotask } = globalThis;

const ROOT = path.resolve(__dirname, '../..');
const { BENCH_APP: APP, BENCH_FLOW: FLOW } = require('../lib/bench-flow');

function parseArgs(argv) {
  const opts = { calls: 20000, concurrency: 300, parked: 1000, rounds: 3 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in opts)) throw new Error(`unknown option ${argv[i]} (expected --calls, --concurrency, --parked, --rounds)`);
    const value = Number(argv[i + 1]);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`--${key} needs a positive whole number`);
    opts[key] = value;
  }
  return opts;
}

/**
 * An ARI transport that plays Asterisk for the bench flow. `driver` decides
 * when a call's digits are pressed (at once, or when released).
 */
class ScriptedTransport {
  constructor(name) {
    this.name = name;
    this.state = 'disconnected';
    this.listeners = new Set();
    this.stateListeners = new Set();
    this.seq = 0;
    this.onPlayed = (id) => this.press(id);
  }

  async connect() {
    this.state = 'connected';
    for (const l of this.stateListeners) l('connected');
  }

  async close() {
    this.state = 'closed';
  }

  onEvent(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onState(listener) {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** Sends one event as the events socket delivers it: JSON text parsed on its own turn. */
  emit(text) {
    setImmediate(() => {
      const event = JSON.parse(text);
      for (const l of this.listeners) l(event);
    });
  }

  request(op, params = {}) {
    return new Promise((resolve) => {
      queueMicrotask(() => resolve(this.answer(op, params)));
    });
  }

  answer(op, params) {
    const id = params.channelId;
    switch (op) {
      case 'channels.list':
      case 'applications.list':
      case 'bridges.list':
        return [];
      case 'channels.play': {
        const playbackId = params.playbackId ?? `pb-${++this.seq}`;
        const pb = (state) => `{"type":"Playback${state}","timestamp":"${stamp()}","playback":{"id":"${playbackId}","media_uri":"sound:beep","target_uri":"channel:${id}","language":"en","state":"${state === 'Started' ? 'playing' : 'done'}"},"asterisk_id":"00:00:00:00:00:01","application":"${APP}"}`;
        this.emit(pb('Started'));
        setImmediate(() => {
          this.emit(pb('Finished'));
          setImmediate(() => this.onPlayed(id));
        });
        return JSON.parse(`{"id":"${playbackId}","media_uri":"sound:beep","target_uri":"channel:${id}","language":"en","state":"queued"}`);
      }
      case 'channels.hangup':
        this.emit(`{"type":"ChannelHangupRequest","timestamp":"${stamp()}","soft":false,"cause":16,"channel":${channelJson(id, 'Up')},"asterisk_id":"00:00:00:00:00:01","application":"${APP}"}`);
        this.emit(`{"type":"StasisEnd","timestamp":"${stamp()}","channel":${channelJson(id, 'Up')},"asterisk_id":"00:00:00:00:00:01","application":"${APP}"}`);
        this.emit(`{"type":"ChannelDestroyed","timestamp":"${stamp()}","cause":16,"cause_txt":"Normal Clearing","channel":${channelJson(id, 'Up')},"asterisk_id":"00:00:00:00:00:01","application":"${APP}"}`);
        return undefined;
      default:
        return undefined;
    }
  }

  /** A new call: StasisStart. */
  place(id) {
    this.emit(`{"type":"StasisStart","timestamp":"${stamp()}","args":[],"channel":${channelJson(id, 'Ring')},"asterisk_id":"00:00:00:00:00:01","application":"${APP}"}`);
  }

  /** Presses the four digits, one per turn. */
  press(id) {
    let n = 0;
    const next = () => {
      this.emit(`{"type":"ChannelDtmfReceived","timestamp":"${stamp()}","digit":"${(n % 10) + 1}","duration_ms":100,"channel":${channelJson(id, 'Up')},"asterisk_id":"00:00:00:00:00:01","application":"${APP}"}`);
      if (++n < 4) setImmediate(next);
    };
    next();
  }
}

function stamp() {
  return '2026-12-06T17:00:00.000+0000';
}

function channelJson(id, state) {
  return `{"id":"${id}","name":"PJSIP/caller-${id.slice(-8)}","state":"${state}","protocol_id":"${id}@127.0.0.1","caller":{"name":"Bench","number":"5551234"},"connected":{"name":"","number":""},"accountcode":"","dialplan":{"context":"from-external","exten":"1000","priority":2,"app_name":"Stasis","app_data":"${APP}"},"creationtime":"2026-12-06T17:00:00.000+0000","language":"en"}`;
}

/** The hand-written handler: the same steps, straight on the transport, callbacks only. */
function handwritten(transport) {
  const calls = new Map();
  const ended = new Set();
  transport.onEvent((event) => {
    const id = event.channel?.id ?? event.playback?.target_uri?.slice(8);
    switch (event.type) {
      case 'StasisStart': {
        const call = { id, digits: '' };
        calls.set(id, call);
        transport
          .request('channels.answer', { channelId: id })
          .then(() => transport.request('channels.play', { channelId: id, media: 'sound:beep', playbackId: `${id}-pb` }))
          .catch(() => undefined);
        return;
      }
      case 'ChannelDtmfReceived': {
        const call = calls.get(id);
        if (!call) return;
        call.digits += event.digit;
        if (call.digits.length === 4) transport.request('channels.hangup', { channelId: id }).catch(() => undefined);
        return;
      }
      case 'StasisEnd':
        calls.delete(id);
        for (const l of ended) l(id);
        return;
      default:
    }
  });
  return { onEnded: (l) => ended.add(l), stop: async () => undefined };
}

/** The build's standard-output destination on BENCH_LOG_FILE; builds from before it wrote through pino's asynchronous one. */
function logDestination(dist, pino) {
  const fd = fs.openSync(process.env.BENCH_LOG_FILE ?? '/dev/null', 'a');
  try {
    const { TurnEndDestination } = require(path.join(dist, 'observability/turn-end-destination'));
    return new TurnEndDestination(fd);
  } catch (err) {
    if (err.code !== 'MODULE_NOT_FOUND') throw err;
    return pino.destination({ dest: fd, sync: false });
  }
}

/**
 * The bench flow's steps written as a TypeScript-API handler (a code route
 * that takes every call): the same runtime, gateway, admission and `call` object as the
 * `voxtra` contender, without the flow runner and the step definitions.
 * Voxtra's own cost then splits into the flow engine's share and the rest.
 */
async function benchHandler(call) {
  await call.answer();
  await call.play('sound:beep');
  await call.listenDtmf({ maxDigits: 4, timeoutMs: 5000, interDigitTimeoutMs: 3000 });
  await call.hangup();
}

/** The `voxtra` contender with the flow (`handler` false) or the handler above as the default route. */
async function voxtra(dist, transport, handler = false) {
  const { compileProject } = require(path.join(dist, 'compiler/compile-project'));
  const { loadProject } = require(path.join(dist, 'config/load-project'));
  const { createHost } = require(path.join(dist, 'host/create-host'));
  const { createLogger } = require(path.join(dist, 'observability/logger'));
  const pino = require(require.resolve('pino', { paths: [ROOT] }));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'voxtra-bench-session-'));
  // The servers are given to the host below; the config's `ari` is never dialled.
  fs.writeFileSync(path.join(dir, 'voxtra.config.yaml'), `ari: { url: "http://127.0.0.1:9", username: bench, password: bench }\napp: ${APP}\nflows: flows/\n`);
  fs.mkdirSync(path.join(dir, 'flows'));
  fs.writeFileSync(path.join(dir, 'flows', 'bench.yaml'), FLOW);
  const project = await loadProject({ cwd: dir, configPath: path.join(dir, 'voxtra.config.yaml'), env: {} });
  const compiled = compileProject(project);
  const snapshots = compiled.apps.map((a) => a.snapshot).filter(Boolean);
  if (snapshots.length !== 1) throw new Error(`the bench project did not compile: ${JSON.stringify(compiled.diagnostics)}`);
  // Lines are written as `voxtra run` of that build writes them (JSON, its stdout destination), to /dev/null.
  const logger = createLogger({ level: process.env.BENCH_LOG_LEVEL ?? 'info', format: 'json', destination: logDestination(dist, pino) });
  let code;
  if (handler) {
    const { AppRouter } = require(path.join(dist, 'api/app-router'));
    // A code route with no match fields takes every call before the files' default does.
    code = new AppRouter(APP, () => snapshots[0]);
    code.addRoute({ name: 'bench-handler' }, benchHandler);
  }
  const created = await createHost({ config: project.config, snapshots, logger, servers: [{ name: 'bench', transport }], code });
  if (created.refused) throw created.refused.error;
  const host = created.host;
  await host.start();
  await host.waitUntilConnected(5000);
  const ended = new Set();
  const unsubscribe = transport.onEvent((event) => {
    if (event.type === 'StasisEnd') setImmediate(() => ended.forEach((l) => l(event.channel.id)));
  });
  return {
    onEnded: (l) => ended.add(l),
    stop: async () => {
      unsubscribe();
      await host.stop?.();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `total` calls keeping `concurrency` in progress; resolves with CPU µs per call. */
function runCalls(transport, app, total, concurrency, prefix) {
  return new Promise((resolve) => {
    let placed = 0;
    let done = 0;
    const cpu0 = process.cpuUsage();
    const place = () => transport.place(`${prefix}.${++placed}`);
    app.onEnded(() => {
      done++;
      if (placed < total) place();
      if (done === total) {
        const cpu = process.cpuUsage(cpu0);
        resolve((cpu.user + cpu.system) / total);
      }
    });
    for (let i = 0; i < Math.min(concurrency, total); i++) place();
  });
}

/** Retained heap per call waiting for digits, bytes. */
async function heapPerCall(transport, parked, prefix) {
  const held = [];
  transport.onPlayed = (id) => held.push(id);
  await settle(50);
  gc();
  const before = process.memoryUsage().heapUsed;
  if (process.env.BENCH_SNAPSHOT_DIR) require('node:v8').writeHeapSnapshot(path.join(process.env.BENCH_SNAPSHOT_DIR, `${prefix}-idle.heapsnapshot`));
  for (let i = 0; i < parked; i++) transport.place(`${prefix}.${i}`);
  while (held.length < parked) await settle(5);
  await settle(20);
  gc();
  const after = process.memoryUsage().heapUsed;
  // BENCH_SNAPSHOT_DIR=<dir>: a heap snapshot with the calls parked (what a call in progress keeps).
  if (process.env.BENCH_SNAPSHOT_DIR) require('node:v8').writeHeapSnapshot(path.join(process.env.BENCH_SNAPSHOT_DIR, `${prefix}.heapsnapshot`));
  transport.onPlayed = (id) => transport.press(id);
  for (const id of held) transport.press(id);
  await settle(200);
  return (after - before) / parked;
}

function settle(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function main() {
  if (typeof gc !== 'function') throw new Error('run with node --expose-gc');
  const opts = parseArgs(process.argv.slice(2));
  const dist = path.resolve(process.env.VOXTRA_DIST ?? path.join(ROOT, 'dist'));
  const contenders = [
    ['voxtra', (t) => voxtra(dist, t)],
    ['voxtra-handler', (t) => voxtra(dist, t, true)],
    ['handwritten', (t) => Promise.resolve(handwritten(t))],
  ];
  if (process.env.VOXTRA_BASE_DIST) contenders.push(['voxtra-base', (t) => voxtra(path.resolve(process.env.VOXTRA_BASE_DIST), t)]);
  console.log(`bench/session: node ${process.version}, ${os.cpus().length} CPUs; ${opts.calls} calls, ${opts.concurrency} in progress, ${opts.parked} parked, ${opts.rounds} rounds; ${dist}`);
  // Each contender in its own transport; all live in this process, so they share its heap and JIT: rounds alternate the order.
  const apps = [];
  for (const [name, make] of contenders) {
    const transport = new ScriptedTransport(name);
    apps.push({ name, transport, app: await make(transport), cpu: [], heap: [] });
  }
  for (const a of apps) await runCalls(a.transport, a.app, 2000, opts.concurrency, `warm-${a.name}`);
  for (let round = 0; round < opts.rounds; round++) {
    const order = round % 2 === 0 ? apps : [...apps].reverse();
    for (const a of order) {
      gc();
      a.cpu.push(await runCalls(a.transport, a.app, opts.calls, opts.concurrency, `r${round}-${a.name}`));
      a.heap.push(await heapPerCall(a.transport, opts.parked, `h${round}-${a.name}`));
    }
  }
  const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const base = apps.find((a) => a.name === 'handwritten');
  console.log('| contender | CPU µs/call | heap KiB per call in progress | CPU vs hand-written | rounds (CPU µs) |');
  console.log('|---|---|---|---|---|');
  for (const a of apps) {
    console.log(`| ${a.name} | ${median(a.cpu).toFixed(1)} | ${(median(a.heap) / 1024).toFixed(2)} | ${(median(a.cpu) / median(base.cpu)).toFixed(2)}x | ${a.cpu.map((c) => c.toFixed(0)).join(', ')} |`);
  }
  for (const a of apps) await a.app.stop();
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

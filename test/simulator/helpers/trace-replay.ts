import { request as httpRequest } from 'node:http';
import { WebSocket } from 'ws';
import { AriSimulator, type SimulatorOptions } from '../../../src/simulator';
import { canonical } from './canonical';
import { IdMap, replaceIds, type Side } from './id-map';
import { sippHooks, type NoteHook } from './scenario-hooks';
import { loadTrace, type TraceLine } from './trace-file';

export interface SimResponse {
  status?: number;
  headers: Record<string, string>;
  body: string;
  error?: string;
}

export interface SimSocket {
  outcome?: { kind: 'upgrade'; headers: Record<string, string> } | { kind: 'unexpected'; status: number; headers: Record<string, string>; body: string } | { kind: 'error'; message: string };
  closeCode?: number;
  events: Array<Record<string, unknown>>;
  /** Real ms (performance.now) when each event arrived. */
  eventTimes?: number[];
  ws?: WebSocket;
  /** Sends a frame the way the recorder did on this socket (client or server side). */
  send?: (text: string, binary: boolean) => void;
}

export interface ReplayResult {
  readonly name: string;
  readonly trace: TraceLine[];
  readonly responses: Map<number, SimResponse>;
  readonly sentPaths: Map<number, string>;
  readonly sockets: Map<string, SimSocket>;
  readonly ids: IdMap;
  /** Problems found while driving (waits that timed out, ids that never appeared). */
  readonly driveProblems: string[];
}

export interface ReplayOptions {
  /** Real ms per trace ms (and the simulator's timeScale). */
  readonly timeScale?: number;
  readonly hooks?: NoteHook;
  /** Real ms to wait for an expected event or id before giving up. */
  readonly waitMs?: number;
  /** Plays the parts of a scenario the generic replay has no rules for (the recorder's own WebSocket servers). */
  readonly extension?: ReplayExtension;
}

/** What a {@link ReplayExtension} may use while the replay runs. */
export interface ReplayContext {
  readonly sim: AriSimulator;
  readonly result: ReplayResult;
  readonly scale: number;
  /** Sleeps until trace time `t` (scaled). */
  until(t: number): Promise<void>;
  waitFor(what: string, ok: () => boolean): Promise<boolean>;
  /** Waits until the simulator has answered and sent everything the recording had seen by now. */
  caughtUp(what: string): Promise<void>;
  /** A frame the simulator sent on `socket` (named as in the trace). */
  received(socket: string, frame: Record<string, unknown>): void;
}

/** Scenario-specific parts of a replay. */
export interface ReplayExtension {
  /** Called before the simulator starts; returns options for it. */
  prepare?(): Promise<SimulatorOptions>;
  /** A line the generic replay does not handle; true when this took care of it. */
  line?(line: TraceLine, ctx: ReplayContext): Promise<boolean>;
  /** After the last line, before the simulator stops. */
  finish?(ctx: ReplayContext): Promise<void>;
  /** Releases what prepare() opened (after the simulator stopped). */
  close?(): Promise<void>;
}

const CREDS = { good: 'voxtra:voxtra', wrong: 'voxtra:wrong-password' };
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)));

function withCredentials(text: string): string {
  return text
    .replace(/<redacted-wrong>/g, CREDS.wrong)
    .replace(/<redacted>/g, CREDS.good);
}

function authHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() === 'authorization') {
      const wrong = v.includes('<redacted-wrong>');
      out[k] = `Basic ${Buffer.from(wrong ? CREDS.wrong : CREDS.good).toString('base64')}`;
    } else out[k] = v;
  }
  return out;
}

/** Subject of an event for per-object sequences: its channel, a Dial's peer, a playback's channel, a bridge. */
export function eventSubject(ev: Record<string, unknown>, side: Side, ids: IdMap): string {
  const chan = (ev.channel ?? ev.peer) as { id?: string; name?: string } | undefined;
  if (chan?.id && chan.name) return ids.channel(side, chan.id, chan.name);
  const pb = ev.playback as { target_uri?: string } | undefined;
  if (pb?.target_uri?.startsWith('channel:')) return ids.keyOf(side, pb.target_uri.slice(8)) ?? pb.target_uri;
  const bridge = ev.bridge as { id?: string } | undefined;
  if (bridge?.id) return `bridge:${String(canonical(bridge.id, side, ids))}`;
  return 'app';
}

/**
 * Replays a recorded scenario against a fresh simulator over real HTTP and
 * WebSocket: the same sockets and requests (ids translated), at the trace's
 * pace scaled by `timeScale`, each request waiting for the events and
 * responses the recording had seen before it was sent.
 */
export async function replayTrace(name: string, opts: ReplayOptions = {}): Promise<ReplayResult> {
  // Channels outside Stasis (a queue's agent moving through its dialplan) send
  // no events to wait for, so the simulator's chain of timers must keep ahead of
  // the replay's request times: 0.025 left ~8 ms of real time for a 300 ms
  // trace gap and failed in full CI runs on a loaded machine; 0.1 gives 4x that.
  const scale = opts.timeScale ?? 0.1;
  const waitMs = opts.waitMs ?? 3000;
  const hooks = opts.hooks ?? sippHooks;
  const trace = loadTrace(name);
  const ext = opts.extension;
  const extra = (await ext?.prepare?.()) ?? {};
  const sim = await AriSimulator.start({ ...extra, timeScale: scale });
  const base = new URL(sim.url);
  const ids = new IdMap();
  const result: ReplayResult = { name, trace, responses: new Map(), sentPaths: new Map(), sockets: new Map(), ids, driveProblems: [] };
  const pending = new Map<number, Promise<void>>();
  const answeredInTrace = new Set<number>();
  const traceCounts = new Map<string, number>();
  const simCounts = new Map<string, number>();
  const start = Date.now();
  const until = (t: number): Promise<void> => sleep(start + t * scale - Date.now());

  const countSim = (socket: string, ev: Record<string, unknown>): void => {
    const key = `${socket}|${String(ev.type)}|${eventSubject(ev, 'sim', ids)}`;
    simCounts.set(key, (simCounts.get(key) ?? 0) + 1);
  };

  const waitFor = async (what: string, ok: () => boolean): Promise<boolean> => {
    const deadline = Date.now() + waitMs;
    while (!ok()) {
      if (Date.now() > deadline) {
        result.driveProblems.push(`timed out waiting for ${what}`);
        return false;
      }
      await sleep(2);
    }
    return true;
  };

  const eventsCaughtUp = (): string | undefined => {
    for (const [key, n] of traceCounts) {
      if (key.includes('|ChannelVarset|')) continue;
      if ((simCounts.get(key) ?? 0) < n) return key;
    }
    return undefined;
  };

  const translate = async (text: string): Promise<string> => {
    for (const id of ids.knownIds('trace')) {
      if (!text.includes(id)) continue;
      await waitFor(`the simulator's counterpart of ${id}`, () => ids.simIdFor(id) !== undefined);
    }
    return replaceIds(text, ids.knownIds('trace'), (id) => ids.simIdFor(id));
  };

  const caughtUp = async (what: string): Promise<void> => {
    await Promise.all([...answeredInTrace].map((id) => pending.get(id)));
    await waitFor(`events before ${what}`, () => eventsCaughtUp() === undefined);
  };
  const ctx: ReplayContext = {
    sim,
    result,
    scale,
    until,
    waitFor,
    caughtUp,
    received: (socket, frame) => {
      observeFrame(ids, 'sim', frame);
      countSim(socket, frame);
    },
  };

  for (const line of trace) {
    if (ext?.line && line.dir !== 'request' && line.dir !== 'response' && line.dir !== 'event' && (await ext.line(line, ctx))) continue;
    switch (line.dir) {
      case 'note':
        await until(line.t);
        await Promise.all([...answeredInTrace].map((id) => pending.get(id)));
        await hooks(line.text, sim);
        break;
      case 'ws':
        if (line.what === 'connect' || line.what === 'client-close') {
          await Promise.all([...answeredInTrace].map((id) => pending.get(id)));
          await waitFor(`events before ${line.socket} ${line.what}`, () => eventsCaughtUp() === undefined);
        }
        if (line.what === 'connect') {
          await until(line.t);
          openSocket(result, line.socket, withCredentials(line.url ?? '').replace('127.0.0.1:8088', base.host), authHeaders(line.headers), countSim);
        } else if (line.what === 'client-close') {
          await until(line.t);
          result.sockets.get(line.socket)?.ws?.close(1000);
        } else if (line.what === 'open' || line.what === 'upgrade' || line.what === 'unexpected-response' || line.what === 'error') {
          const sock = result.sockets.get(line.socket);
          await waitFor(`socket ${line.socket} to ${line.what}`, () => sock?.outcome !== undefined && (line.what !== 'open' || sock.ws?.readyState !== WebSocket.CONNECTING));
        } else if (line.what === 'close') {
          const sock = result.sockets.get(line.socket);
          await waitFor(`socket ${line.socket} to close`, () => sock?.closeCode !== undefined);
        }
        break;
      case 'ws-send': {
        await caughtUp(`frame on ${line.socket}`);
        await until(line.t);
        const sock = result.sockets.get(line.socket);
        await waitFor(`socket ${line.socket} to send on`, () => sock?.send !== undefined);
        sock?.send?.(await translate(withCredentials(line.raw)), line.opcode === 'binary');
        break;
      }
      case 'event': {
        const ev = JSON.parse(line.raw) as Record<string, unknown>;
        observeFrame(ids, 'trace', ev);
        const key = `${line.socket}|${line.type}|${eventSubject(ev, 'trace', ids)}`;
        traceCounts.set(key, (traceCounts.get(key) ?? 0) + 1);
        break;
      }
      case 'response':
        answeredInTrace.add(line.id);
        if (line.body && line.headers?.['content-type'] === 'application/json' && !line.body_truncated) ids.observe('trace', JSON.parse(line.body));
        if (line.headers?.location) ids.observePlayback('trace', line.headers.location.split('/').pop() ?? '');
        break;
      case 'request': {
        await until(line.t);
        await Promise.all([...answeredInTrace].map((id) => pending.get(id)));
        await waitFor(`events before request ${line.id}`, () => eventsCaughtUp() === undefined);
        const path = await translate(withCredentials(line.path));
        result.sentPaths.set(line.id, path);
        pending.set(
          line.id,
          send(base, line.method, path, authHeaders(line.headers), line.body).then((res) => {
            result.responses.set(line.id, res);
            if (res.headers['content-type'] === 'application/json' && res.body) ids.observe('sim', JSON.parse(res.body));
            if (res.headers.location) ids.observePlayback('sim', res.headers.location.split('/').pop() ?? '');
          }),
        );
        break;
      }
    }
  }
  await Promise.all(pending.values());
  await waitFor('the remaining events', () => eventsCaughtUp() === undefined);
  await ext?.finish?.(ctx);
  await sleep(100 * scale + 30);
  for (const s of result.sockets.values()) if (s.ws && s.ws.readyState === WebSocket.OPEN) s.ws.close(1000);
  await sim.stop();
  await ext?.close?.();
  return result;
}

/** Learns the ids in a frame, the JSON body of a RESTResponse included. */
export function observeFrame(ids: IdMap, side: Side, frame: Record<string, unknown>): void {
  ids.observe(side, frame);
  if (frame.type === 'RESTResponse' && typeof frame.message_body === 'string') {
    try {
      ids.observe(side, JSON.parse(frame.message_body) as unknown);
    } catch {
      // not JSON: nothing to learn
    }
  }
}

function openSocket(
  result: ReplayResult,
  name: string,
  url: string,
  headers: Record<string, string>,
  count: (socket: string, ev: Record<string, unknown>) => void,
): void {
  const sock: SimSocket = { events: [], eventTimes: [] };
  result.sockets.set(name, sock);
  const ws = new WebSocket(url, { headers, perMessageDeflate: false });
  sock.ws = ws;
  sock.send = (text, binary) => ws.send(text, { binary });
  ws.on('upgrade', (res) => (sock.outcome = { kind: 'upgrade', headers: flatHeaders(res.headers) }));
  ws.on('unexpected-response', (_req, res) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => (sock.outcome = { kind: 'unexpected', status: res.statusCode ?? 0, headers: flatHeaders(res.headers), body: Buffer.concat(chunks).toString('utf8') }));
  });
  ws.on('message', (data) => {
    const ev = JSON.parse(String(data)) as Record<string, unknown>;
    observeFrame(result.ids, 'sim', ev);
    sock.events.push(ev);
    sock.eventTimes?.push(performance.now());
    count(name, ev);
  });
  ws.on('error', (err) => {
    if (!sock.outcome) sock.outcome = { kind: 'error', message: err.message };
  });
  ws.on('close', (code) => (sock.closeCode = code));
}

function flatHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function send(base: URL, method: string, path: string, headers: Record<string, string>, body: string | null): Promise<SimResponse> {
  return new Promise((resolve) => {
    const req = httpRequest({ host: base.hostname, port: base.port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: flatHeaders(res.headers), body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', (err) => resolve({ headers: {}, body: '', error: err.message }));
    if (body !== null) req.write(body);
    req.end();
  });
}

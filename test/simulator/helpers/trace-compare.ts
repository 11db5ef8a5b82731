import { canonical, shape, stable } from './canonical';
import type { Side } from './id-map';
import { eventSubject, type ReplayResult } from './trace-replay';

/** A difference between the recording and the simulator, with where it was found. */
export interface Mismatch {
  readonly where: string;
  readonly detail: string;
}

/** Differences the simulator makes on purpose, each documented in docs/simulator.md: `where` prefix → reason. */
export type Allowances = Readonly<Record<string, string>>;

const COMPARED_HEADERS = ['content-type', 'allow', 'www-authenticate', 'cache-control', 'server'];

/**
 * Compares a replay with its recording: status codes, error bodies, headers,
 * JSON bodies (values with ids/timestamps made canonical, else at least their
 * key structure), WebSocket outcomes, and for every socket and object (channel,
 * bridge, app) the sequence of event types and each event's canonical content.
 * Runs of ChannelVarset are compared as sets of variable=value.
 */
export function compareReplay(r: ReplayResult, allow: Allowances = {}): Mismatch[] {
  const out: Mismatch[] = [];
  const add = (where: string, detail: string): void => {
    if (!Object.keys(allow).some((prefix) => where.startsWith(prefix))) out.push({ where, detail });
  };
  for (const p of r.driveProblems) add('drive', p);
  compareResponses(r, add);
  compareSockets(r, add);
  compareEvents(r, add);
  return out;
}

function compareResponses(r: ReplayResult, add: (where: string, detail: string) => void): void {
  const requests = new Map(r.trace.filter((l) => l.dir === 'request').map((l) => [l.id, l] as const));
  for (const line of r.trace) {
    if (line.dir !== 'response') continue;
    const req = requests.get(line.id);
    const where = `response ${line.id} ${req?.method ?? ''} ${req?.path ?? ''}`;
    const sim = r.responses.get(line.id);
    if (!sim) {
      add(where, 'no response from the simulator');
      continue;
    }
    if (line.error !== undefined || sim.error !== undefined) {
      if ((line.error === undefined) !== (sim.error === undefined)) add(where, `trace error ${line.error ?? '-'} vs simulator ${sim.error ?? `status ${sim.status}`}`);
      continue;
    }
    if (line.status !== sim.status) add(where, `status ${line.status} vs ${sim.status} (${sim.body.slice(0, 120)})`);
    for (const h of COMPARED_HEADERS) {
      if ((line.headers?.[h] ?? null) !== (sim.headers[h] ?? null)) add(`${where} header ${h}`, `${line.headers?.[h]} vs ${sim.headers[h]}`);
    }
    if (Number(sim.headers['content-length']) !== Buffer.byteLength(sim.body)) add(`${where} header content-length`, 'does not match the body');
    if ((line.headers?.location === undefined) !== (sim.headers.location === undefined)) add(`${where} header location`, `${line.headers?.location} vs ${sim.headers.location}`);
    else if (line.headers?.location && sim.headers.location) {
      const [a, b] = [canonical(line.headers.location.replace(/^\/ari\/playbacks\//, ''), 'trace', r.ids), canonical(sim.headers.location.replace(/^\/ari\/playbacks\//, ''), 'sim', r.ids)];
      if (stable(a) !== stable(b) || !sim.headers.location.startsWith('/ari/')) add(`${where} header location`, `${line.headers.location} vs ${sim.headers.location}`);
    }
    if (line.body_truncated) continue;
    if (line.headers?.['content-type'] !== 'application/json') {
      if ((line.body ?? '') !== sim.body) add(`${where} body`, `${JSON.stringify(line.body)} vs ${JSON.stringify(sim.body)}`);
      continue;
    }
    const a = JSON.parse(line.body ?? 'null') as Record<string, unknown>;
    // A 201 play answer snapshots the playback as "queued", or "playing" when the channel thread won the race (1 in 18 in the recordings).
    if (line.status === 201 && a.state === 'playing') a.state = 'queued';
    let b: unknown;
    try {
      b = JSON.parse(sim.body);
    } catch {
      add(`${where} body`, `not JSON: ${sim.body.slice(0, 100)}`);
      continue;
    }
    if (stable(shape(a)) !== stable(shape(b))) add(`${where} body keys`, `${stable(shape(a))} vs ${stable(shape(b))}`);
    else if (!sameValue(canonical(a, 'trace', r.ids), canonical(b, 'sim', r.ids))) add(`${where} body`, `${stable(canonical(a, 'trace', r.ids))}\n   vs ${stable(canonical(b, 'sim', r.ids))}`);
  }
}

/** Equal canonical values; arrays of objects compare as multisets (Asterisk lists are hash-ordered). */
function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    const sa = a.map(stable).sort();
    const sb = b.map(stable).sort();
    return sa.length === sb.length && sa.every((x, i) => x === sb[i]);
  }
  return stable(a) === stable(b);
}

function compareSockets(r: ReplayResult, add: (where: string, detail: string) => void): void {
  for (const line of r.trace) {
    if (line.dir !== 'ws') continue;
    const sock = r.sockets.get(line.socket);
    const where = `socket ${line.socket} ${line.what}`;
    if (line.what === 'upgrade') {
      if (sock?.outcome?.kind !== 'upgrade') add(where, `expected 101, got ${JSON.stringify(sock?.outcome)}`);
      else if (stable(Object.keys(line.headers ?? {}).sort()) !== stable(Object.keys(sock.outcome.headers).sort())) add(where, `headers ${Object.keys(line.headers ?? {})} vs ${Object.keys(sock.outcome.headers)}`);
    } else if (line.what === 'unexpected-response') {
      const o = sock?.outcome;
      if (o?.kind !== 'unexpected') add(where, `expected ${line.status}, got ${JSON.stringify(o)}`);
      else {
        if (o.status !== line.status) add(where, `status ${line.status} vs ${o.status}`);
        if (o.body !== line.body) add(where, `body ${JSON.stringify(line.body)} vs ${JSON.stringify(o.body)}`);
        const noDate = (h: Record<string, string> | undefined): string => stable({ ...h, date: h?.date === undefined ? undefined : '<date>' });
        if (noDate(line.headers) !== noDate(o.headers)) add(where, `headers ${noDate(line.headers)} vs ${noDate(o.headers)}`);
      }
    } else if (line.what === 'close') {
      if (sock?.closeCode !== line.code) add(where, `close code ${line.code} vs ${sock?.closeCode}`);
    } else if (line.what === 'error') {
      if (sock?.outcome?.kind !== 'error') add(where, `expected a connection error, got ${JSON.stringify(sock?.outcome)}`);
    }
  }
}

interface Step {
  token: string;
  content: string;
}

/** Per-object event sequences; a run of ChannelVarset becomes one step holding its variable=value set. */
function sequences(events: Array<Record<string, unknown>>, side: Side, r: ReplayResult): Map<string, Step[]> {
  const bySubject = new Map<string, Step[]>();
  for (const raw of events) {
    const ev = playingAsQueued(raw);
    const subject = eventSubject(ev, side, r.ids);
    const steps = bySubject.get(subject) ?? [];
    bySubject.set(subject, steps);
    const { timestamp: _ts, ...rest } = canonical(ev, side, r.ids) as Record<string, unknown>;
    if (ev.type === 'ChannelVarset') {
      const item = `${String(rest.variable)}=${JSON.stringify(rest.value)}`;
      const last = steps[steps.length - 1];
      const set = last?.token.startsWith('ChannelVarset') ? new Set(last.content.split('\n')) : undefined;
      if (set && last) {
        set.add(item);
        last.content = [...set].sort().join('\n');
        last.token = `ChannelVarset{${[...new Set([...set].map((s) => s.split('=')[0]))].sort().join(',')}}`;
      } else steps.push({ token: `ChannelVarset{${String(rest.variable)}}`, content: item });
      continue;
    }
    steps.push({ token: String(ev.type), content: stable(rest) });
  }
  return bySubject;
}

/** A play's 201 over the WebSocket snapshots the playback as "queued", or "playing" when the channel thread won the race (as for HTTP answers). */
function playingAsQueued(ev: Record<string, unknown>): Record<string, unknown> {
  if (ev.type !== 'RESTResponse' || ev.status_code !== 201 || typeof ev.message_body !== 'string') return ev;
  const body = JSON.parse(ev.message_body) as Record<string, unknown>;
  return body.state === 'playing' ? { ...ev, message_body: JSON.stringify({ ...body, state: 'queued' }) } : ev;
}

function compareEvents(r: ReplayResult, add: (where: string, detail: string) => void): void {
  const traceBySocket = new Map<string, Array<Record<string, unknown>>>();
  for (const line of r.trace) {
    if (line.dir !== 'event') continue;
    const list = traceBySocket.get(line.socket) ?? [];
    list.push(JSON.parse(line.raw) as Record<string, unknown>);
    traceBySocket.set(line.socket, list);
  }
  const sockets = new Set([...traceBySocket.keys(), ...[...r.sockets.entries()].filter(([, s]) => s.events.length > 0).map(([k]) => k)]);
  for (const socket of sockets) {
    const a = sequences(traceBySocket.get(socket) ?? [], 'trace', r);
    const b = sequences(r.sockets.get(socket)?.events ?? [], 'sim', r);
    for (const subject of new Set([...a.keys(), ...b.keys()])) {
      const ta = a.get(subject) ?? [];
      const tb = b.get(subject) ?? [];
      const where = `events ${socket} ${subject}`;
      const seqA = ta.map((s) => s.token);
      const seqB = tb.map((s) => s.token);
      if (stable(seqA) !== stable(seqB)) {
        add(where, `sequence\n   trace: ${seqA.join(' ')}\n   sim:   ${seqB.join(' ')}`);
        continue;
      }
      ta.forEach((step, i) => {
        if (step.content !== tb[i].content) add(`${where} #${i} ${step.token}`, `\n   trace: ${step.content}\n   sim:   ${tb[i].content}`);
      });
    }
  }
}

import type { ReplayResult } from './trace-replay';

type Frame = Record<string, unknown>;
export type FramePick = (f: Frame) => boolean;

/** Frames of one socket on each side, with their arrival in trace ms (the simulator's scaled back by the replay's scale). */
export function timedFrames(r: ReplayResult, socket: string, scale: number): { trace: Array<[number, Frame]>; sim: Array<[number, Frame]> } {
  const trace: Array<[number, Frame]> = [];
  for (const l of r.trace) if (l.dir === 'event' && l.socket === socket) trace.push([l.t, JSON.parse(l.raw) as Frame]);
  const s = r.sockets.get(socket);
  const sim: Array<[number, Frame]> = (s?.events ?? []).map((f, i) => [(s?.eventTimes?.[i] ?? 0) / scale, f]);
  return { trace, sim };
}

/** Simulated (trace) ms from the first frame `from` picks to the first later frame `to` picks, on each side. */
export function gap(r: ReplayResult, socket: string, scale: number, from: FramePick, to: FramePick): { trace?: number; sim?: number } {
  const sides = timedFrames(r, socket, scale);
  const one = (frames: Array<[number, Frame]>): number | undefined => {
    const i = frames.findIndex(([, f]) => from(f));
    if (i < 0) return undefined;
    const j = frames.findIndex(([, f], k) => k > i && to(f));
    return j < 0 ? undefined : frames[j][0] - frames[i][0];
  };
  return { trace: one(sides.trace), sim: one(sides.sim) };
}

/** RESTResponse frames whose keys come in another order than the recording's answer to the same request_id. */
export function responseKeyOrder(r: ReplayResult, socket: string): string[] {
  const { trace, sim } = timedFrames(r, socket, 1);
  // Several answers share a request_id ("" when the request had none): match them in order.
  const order = new Map<string, string[]>();
  for (const [, f] of trace) {
    if (f.type !== 'RESTResponse') continue;
    const list = order.get(String(f.request_id)) ?? [];
    list.push(Object.keys(f).join(','));
    order.set(String(f.request_id), list);
  }
  const out: string[] = [];
  for (const [, f] of sim) {
    if (f.type !== 'RESTResponse') continue;
    const want = order.get(String(f.request_id))?.shift();
    const got = Object.keys(f).join(',');
    if (want !== undefined && want !== got) out.push(`${String(f.request_id)}: ${got} (recorded: ${want})`);
  }
  return out;
}

export const isType =
  (type: string, extra: (f: Frame) => boolean = () => true): FramePick =>
  (f) =>
    f.type === type && extra(f);
export const isReply = (requestId: string): FramePick => isType('RESTResponse', (f) => f.request_id === requestId);

/**
 * Maps ids seen in a recorded trace to the ids the simulator produced for
 * the same objects, so requests can be replayed and answers compared:
 * channels pair up by normalised name (`Local/1000@voxtra-in;2`,
 * `PJSIP/sipp`) and order of first appearance; playbacks and bridges by
 * order of first appearance.
 */
export type Side = 'trace' | 'sim';

type Json = unknown;

interface SideIds {
  readonly channelKey: Map<string, string>;
  readonly keyToChannel: Map<string, string>;
  readonly perName: Map<string, number>;
  readonly playbacks: string[];
  readonly bridges: string[];
}

const newSide = (): SideIds => ({ channelKey: new Map(), keyToChannel: new Map(), perName: new Map(), playbacks: [], bridges: [] });

/** `PJSIP/sipp-00000001` → `PJSIP/sipp`; `Local/1000@voxtra-in-00000006;2` → `Local/1000@voxtra-in;2`. */
export function normalizeChannelName(name: string): string {
  return name.replace(/-[0-9a-f]{8}(;[12])?$/, '$1');
}

const isObj = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class IdMap {
  private readonly sides: Record<Side, SideIds> = { trace: newSide(), sim: newSide() };

  /** Registers every channel/playback/bridge object found in `json`. */
  observe(side: Side, json: Json): void {
    if (Array.isArray(json)) {
      for (const v of json) this.observe(side, v);
      return;
    }
    if (!isObj(json)) return;
    if (typeof json.id === 'string' && typeof json.name === 'string' && isObj(json.dialplan)) this.channel(side, json.id, json.name);
    else if (typeof json.id === 'string' && typeof json.media_uri === 'string') this.addOnce(this.sides[side].playbacks, json.id);
    else if (typeof json.id === 'string' && typeof json.bridge_type === 'string') this.addOnce(this.sides[side].bridges, json.id);
    for (const v of Object.values(json)) this.observe(side, v);
  }

  /** Registers a playback id taken from a Location header. */
  observePlayback(side: Side, id: string): void {
    this.addOnce(this.sides[side].playbacks, id);
  }

  channel(side: Side, id: string, name: string): string {
    const s = this.sides[side];
    const known = s.channelKey.get(id);
    if (known) return known;
    const norm = normalizeChannelName(name);
    const k = s.perName.get(norm) ?? 0;
    s.perName.set(norm, k + 1);
    const key = `${norm}#${k}`;
    s.channelKey.set(id, key);
    s.keyToChannel.set(key, id);
    return key;
  }

  private addOnce(list: string[], id: string): void {
    if (!list.includes(id)) list.push(id);
  }

  /** Canonical key of an id on one side, if known. */
  keyOf(side: Side, id: string): string | undefined {
    const s = this.sides[side];
    const ch = s.channelKey.get(id);
    if (ch) return ch;
    const p = s.playbacks.indexOf(id);
    if (p >= 0) return `playback#${p}`;
    const b = s.bridges.indexOf(id);
    if (b >= 0) return `bridge#${b}`;
    return undefined;
  }

  /** The simulator's id for a trace id (undefined until the sim has produced it). */
  simIdFor(traceId: string): string | undefined {
    const key = this.keyOf('trace', traceId);
    if (!key) return undefined;
    const sim = this.sides.sim;
    const ch = sim.keyToChannel.get(key);
    if (ch) return ch;
    const m = /^(playback|bridge)#(\d+)$/.exec(key);
    if (!m) return undefined;
    return (m[1] === 'playback' ? sim.playbacks : sim.bridges)[Number(m[2])];
  }

  /** Every id known on a side, longest first (for substring replacement). */
  knownIds(side: Side): string[] {
    const s = this.sides[side];
    return [...s.channelKey.keys(), ...s.playbacks, ...s.bridges].sort((a, b) => b.length - a.length);
  }
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces every known id inside `text` through `map` (ids bounded so `1.1` does not hit `1.10`). */
export function replaceIds(text: string, ids: readonly string[], map: (id: string) => string | undefined): string {
  let out = text;
  for (const id of ids) {
    const to = map(id);
    if (to === undefined || to === id) continue;
    out = out.replace(new RegExp(`(?<![0-9.])${escape(id)}(?![0-9])`, 'g'), to);
  }
  return out;
}

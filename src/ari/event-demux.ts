import type { AriEvent } from './transport';

/** What an event can be routed by. */
export type DemuxKind = 'channel' | 'playback' | 'recording' | 'bridge';

export type DemuxListener = (event: AriEvent) => void;

/**
 * Routes raw ARI events to the listeners registered for the ids they carry:
 * the channel (`channel.id`, plus `peer.id` and `caller.id` of Dial events, so
 * an originated leg sees its Dial progress), the playback id, the recording
 * name and the bridge id. Lookup is one map access per id; each listener gets
 * an event at most once even when it matches several ids.
 */
export class EventDemux {
  private readonly routes: Record<DemuxKind, Map<string, Set<DemuxListener>>> = {
    channel: new Map(),
    playback: new Map(),
    recording: new Map(),
    bridge: new Map(),
  };
  private live = 0;
  /** Entries unsubscribed while a dispatch was already under way must not be called. */
  private readonly dead = new WeakSet<DemuxListener>();
  private readonly onError: (err: unknown, event: AriEvent) => void;

  constructor(opts: { onError?: (err: unknown, event: AriEvent) => void } = {}) {
    this.onError = opts.onError ?? (() => undefined);
  }

  /** Registers `listener` for events about `id`; returns its unsubscribe function (idempotent). */
  on(kind: DemuxKind, id: string, listener: DemuxListener): () => void {
    const table = this.routes[kind];
    let set = table.get(id);
    if (!set) {
      set = new Set();
      table.set(id, set);
    }
    // The same function registered twice must still need two unsubscribes.
    const entry: DemuxListener = (event) => listener(event);
    set.add(entry);
    this.live++;
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      const current = table.get(id);
      this.dead.add(entry);
      if (!current?.delete(entry)) return;
      this.live--;
      if (current.size === 0) table.delete(id);
    };
  }

  /** Listeners currently registered (leak tests expect it back at zero). */
  get listenerCount(): number {
    return this.live;
  }

  /** Ids with at least one listener, per kind. */
  idCount(kind: DemuxKind): number {
    return this.routes[kind].size;
  }

  /** True when something listens for `id`. */
  has(kind: DemuxKind, id: string): boolean {
    return this.routes[kind].has(id);
  }

  /** Delivers one event to every listener of every id it carries. */
  dispatch(event: AriEvent): void {
    const targets: DemuxListener[] = [];
    const seen = new Set<DemuxListener>();
    const collect = (kind: DemuxKind, id: string | undefined): void => {
      if (id === undefined) return;
      const set = this.routes[kind].get(id);
      if (!set) return;
      for (const l of set) {
        if (seen.has(l)) continue;
        seen.add(l);
        targets.push(l);
      }
    };
    collect('channel', idOf(event.channel));
    collect('channel', idOf(event.peer));
    collect('channel', idOf(event.caller));
    collect('playback', idOf(event.playback));
    collect('recording', nameOf(event.recording));
    collect('bridge', idOf(event.bridge));
    for (const listener of targets) {
      if (this.dead.has(listener)) continue;
      try {
        listener(event);
      } catch (err) {
        this.onError(err, event);
      }
    }
  }
}

function idOf(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

function nameOf(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const name = (value as { name?: unknown }).name;
  return typeof name === 'string' ? name : undefined;
}

import type { AriEvent } from './transport';

/** What an event can be routed by. */
export type DemuxKind = 'channel' | 'playback' | 'recording' | 'bridge';

export type DemuxListener = (event: AriEvent) => void;

/** What {@link EventDemux.subscribe} returns: give it back to {@link EventDemux.unsubscribe}. */
export interface DemuxSubscription {
  readonly active: boolean;
}

type Table = Map<string, Subscription | Set<Subscription>>;

/**
 * One subscription: its listener (called on `receiver`, so an owner can pass
 * a method of its prototype instead of a closure per instance), where it is
 * filed, and the dispatch it last got (so that one event reaches it once).
 */
class Subscription implements DemuxSubscription {
  active = true;

  constructor(
    readonly listener: DemuxListener,
    readonly receiver: unknown,
    readonly table: Table,
    readonly id: string,
    /** Sequence number of the last dispatch that reached it (or the one under way when it subscribed). */
    public stamp: number,
  ) {}
}

/**
 * Routes raw ARI events to the listeners registered for the ids they carry:
 * the channel (`channel.id`, plus `peer.id` and `caller.id` of Dial events, so
 * an originated leg sees its Dial progress), the playback id, the recording
 * name and the bridge id. Lookup is one map access per id; each listener gets
 * an event at most once even when it matches several ids. A dispatch
 * allocates nothing: each subscription carries the number of the last
 * dispatch that reached it, and one made during a dispatch carries that
 * dispatch's number, so it does not get the event under way.
 */
export class EventDemux {
  // An id with one listener (the usual case: a call's channel, a playback) maps to it directly; a Set only when
  // more listen: a Set and its table per call in progress were ~150 bytes (bench/session heap snapshots).
  private readonly routes: Record<DemuxKind, Table> = {
    channel: new Map(),
    playback: new Map(),
    recording: new Map(),
    bridge: new Map(),
  };
  private live = 0;
  private seq = 0;
  private readonly onError: (err: unknown, event: AriEvent) => void;

  constructor(opts: { onError?: (err: unknown, event: AriEvent) => void } = {}) {
    this.onError = opts.onError ?? (() => undefined);
  }

  /** Registers `listener` for events about `id`; returns its unsubscribe function (idempotent). */
  on(kind: DemuxKind, id: string, listener: DemuxListener): () => void {
    const sub = this.subscribe(kind, id, listener);
    return () => this.unsubscribe(sub);
  }

  /**
   * Registers `listener`, called with `receiver` as `this`, for events about
   * `id`. What a call keeps while it waits is the handle alone: no closure
   * for the listener nor for the unsubscribe (bench/session heap snapshots).
   * The same function registered twice is two subscriptions, and needs two unsubscribes.
   */
  subscribe<R>(kind: DemuxKind, id: string, listener: (this: R, event: AriEvent) => void, receiver?: R): DemuxSubscription {
    const table = this.routes[kind];
    const sub = new Subscription(listener as DemuxListener, receiver, table, id, this.seq);
    const current = table.get(id);
    if (current === undefined) table.set(id, sub);
    else if (current instanceof Subscription) table.set(id, new Set([current, sub]));
    else current.add(sub);
    this.live++;
    return sub;
  }

  /** Ends a subscription (idempotent). */
  unsubscribe(handle: DemuxSubscription): void {
    const sub = handle as Subscription;
    const { table, id } = sub;
    const r = this.routes;
    // Only this demux's own handles (another's would unbalance the count).
    if (!sub.active || (table !== r.channel && table !== r.playback && table !== r.recording && table !== r.bridge)) return;
    sub.active = false;
    const current = table.get(id);
    if (current === sub) table.delete(id);
    else if (current instanceof Set && current.delete(sub)) {
      if (current.size === 0) table.delete(id);
    } else return;
    this.live--;
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
    const seq = ++this.seq;
    const routes = this.routes;
    this.deliver(routes.channel, idOf(event.channel), event, seq);
    this.deliver(routes.channel, idOf(event.peer), event, seq);
    this.deliver(routes.channel, idOf(event.caller), event, seq);
    this.deliver(routes.playback, idOf(event.playback), event, seq);
    this.deliver(routes.recording, nameOf(event.recording), event, seq);
    this.deliver(routes.bridge, idOf(event.bridge), event, seq);
  }

  private deliver(table: Table, id: string | undefined, event: AriEvent, seq: number): void {
    if (id === undefined) return;
    const entry = table.get(id);
    if (entry === undefined) return;
    if (entry instanceof Subscription) this.reach(entry, event, seq);
    else for (const sub of entry) this.reach(sub, event, seq);
  }

  private reach(sub: Subscription, event: AriEvent, seq: number): void {
    // Unsubscribed meanwhile, already reached by this event, or subscribed during this dispatch.
    if (!sub.active || sub.stamp === seq) return;
    sub.stamp = seq;
    try {
      sub.listener.call(sub.receiver, event);
    } catch (err) {
      this.onError(err, event);
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

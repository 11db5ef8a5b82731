import type { Json, JsonObject } from './json';

/** Where an app's events go: one events WebSocket or an in-process transport. */
export interface EventSink {
  send(event: JsonObject): void;
  /**
   * False once the socket has read the client's close frame: Asterisk
   * unregisters a socket's apps as soon as it reads the close, before the
   * TCP connection is gone. Absent: always open (in-process sinks).
   */
  isOpen?(): boolean;
}

/** A Stasis application as Asterisk tracks it. */
export class StasisApp {
  sink?: EventSink;
  subscribeAll = false;
  /** Explicitly subscribed channels. */
  readonly channelIds = new Set<string>();
  /** Channels currently in Stasis(this app). */
  readonly stasisChannelIds = new Set<string>();
  readonly bridgeIds = new Set<string>();
  readonly endpointIds = new Set<string>();
  /** The event filter's lists as given (see event-filter.ts); undefined when not set. */
  eventsAllowed?: Json[];
  eventsDisallowed?: Json[];

  constructor(readonly name: string) {}

  /** A socket holds the app and has not started closing. */
  get registered(): boolean {
    return this.sink !== undefined && this.sink.isOpen?.() !== false;
  }
}

/** A socket's claim on its apps; handed back to unregister. */
export interface AppRegistration {
  readonly apps: readonly string[];
  readonly sink: EventSink;
}

/**
 * The Stasis app registry. An app is registered while a socket holds it; a
 * second socket for the same app replaces the first (which gets
 * ApplicationReplaced). An app without a socket lingers while channels or
 * subscriptions reference it, and drops out once nothing does.
 */
export class AppRegistry {
  private readonly apps = new Map<string, StasisApp>();

  constructor(private readonly replaced: (sink: EventSink, app: string) => void) {}

  register(names: readonly string[], sink: EventSink, subscribeAll: boolean): AppRegistration {
    for (const name of names) {
      const app = this.ensure(name);
      if (app.sink && app.sink !== sink) this.replaced(app.sink, name);
      app.sink = sink;
      app.subscribeAll = subscribeAll;
    }
    return { apps: [...names], sink };
  }

  /** Releases the apps this registration still holds; `inUse(app)` says whether channels still reference it. */
  unregister(reg: AppRegistration, inUse: (app: StasisApp) => boolean): void {
    for (const name of reg.apps) {
      const app = this.apps.get(name);
      if (!app || app.sink !== reg.sink) continue;
      app.sink = undefined;
      app.subscribeAll = false;
      if (!inUse(app)) this.apps.delete(name);
    }
  }

  get(name: string): StasisApp | undefined {
    return this.apps.get(name);
  }

  ensure(name: string): StasisApp {
    let app = this.apps.get(name);
    if (!app) {
      app = new StasisApp(name);
      this.apps.set(name, app);
    }
    return app;
  }

  isRegistered(name: string): boolean {
    return this.apps.get(name)?.registered === true;
  }

  all(): StasisApp[] {
    return [...this.apps.values()];
  }

  /** Drops an app that has no socket and nothing left referencing it. */
  prune(name: string, inUse: (app: StasisApp) => boolean): void {
    const app = this.apps.get(name);
    if (app && !app.sink && !inUse(app)) this.apps.delete(name);
  }
}

import { VoxtraError } from '../../core/errors';
import type { AriRouter } from '../http/ari-router';
import type { AsteriskModel, PerCallStasis } from '../model/asterisk-model';
import type { Channel } from '../model/channel';
import type { OutboundConnector } from './connector';
import { resolveOutboundConfig, type OutboundWebSocketConfig, type ResolvedOutboundConfig } from './outbound-config';
import { PerCallConnection } from './per-call-connection';
import { PersistentConnection, type OutboundStatus } from './persistent-connection';

interface Entry {
  readonly config: ResolvedOutboundConfig;
  readonly persistent?: PersistentConnection;
}

/**
 * The simulator's outbound WebSockets (ari.conf `type = outbound_websocket`
 * with its websocket_client.conf section), settable at run time like a
 * config reload: a persistent one connects at once and keeps its apps
 * registered; a per_call_config one registers nothing, creates the dialplan
 * context `stasis-<app>` (`_.` → Stasis(<app>), `h` → NoOp) and connects
 * only when a call reaches Stasis(<app>). Replacing a configuration
 * removes the old one first.
 */
export class OutboundConnections implements PerCallStasis {
  private readonly entries = new Map<string, Entry>();
  private readonly calls = new Set<PerCallConnection>();
  private suspended = false;

  constructor(
    private readonly m: AsteriskModel,
    private readonly connector: OutboundConnector,
    private readonly rest: { readonly router: AriRouter; readonly responseDelayMs: number },
  ) {}

  /** Adds or replaces configuration `id`. */
  set(id: string, cfg: OutboundWebSocketConfig): OutboundStatus {
    const config = resolveOutboundConfig(id, cfg);
    for (const [other, entry] of this.entries) {
      const shared = other !== id ? entry.config.apps.find((a) => config.apps.includes(a)) : undefined;
      if (shared) throw new VoxtraError('SIMULATOR', `outbound WebSocket ${JSON.stringify(id)}: app ${shared} already belongs to ${JSON.stringify(other)}`, { status: 409 });
    }
    this.remove(id);
    const entry: Entry = config.connectionType === 'persistent' ? { config, persistent: new PersistentConnection(this.m, config, this.connector, this.rest) } : { config };
    this.entries.set(id, entry);
    if (config.connectionType === 'per_call_config') {
      for (const app of config.apps) this.m.dialplan.define(`stasis-${app}`, { '_.': [{ app: 'Stasis', data: app }], h: [{ app: 'NoOp' }] });
    }
    if (!this.suspended) entry.persistent?.start();
    return this.statusOf(entry);
  }

  /** Removes configuration `id` (false when there is none); calls on its per-call sockets go on. */
  remove(id: string): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    this.entries.delete(id);
    entry.persistent?.stop();
    if (entry.config.connectionType === 'per_call_config') for (const app of entry.config.apps) this.m.dialplan.remove(`stasis-${app}`);
    return true;
  }

  /** Outbound sockets open now. */
  get openSockets(): number {
    let n = 0;
    for (const e of this.entries.values()) if (e.persistent?.status().state === 'connected') n++;
    for (const call of this.calls) if (call.open) n++;
    return n;
  }

  list(): OutboundStatus[] {
    return [...this.entries.values()].map((e) => this.statusOf(e));
  }

  /** PerCallStasis: Stasis(<app>) with no socket for the app. */
  start(ch: Channel, app: string, args: readonly string[], appData: string, next: () => void): boolean {
    if (this.suspended) return false;
    const entry = [...this.entries.values()].find((e) => e.config.connectionType === 'per_call_config' && e.config.apps.includes(app));
    if (!entry) return false;
    const call = new PerCallConnection(this.m, entry.config, this.connector, this.rest, ch, app, args, appData, next, (c) => this.calls.delete(c));
    this.calls.add(call);
    call.start();
    return true;
  }

  /** Asterisk stops: every outbound socket says ApplicationUnregistered and closes with 1000; nothing reconnects until {@link resume}. */
  suspend(): void {
    this.suspended = true;
    for (const e of this.entries.values()) e.persistent?.stop();
    for (const call of [...this.calls]) call.shutdown();
  }

  /** Asterisk is back: persistent connections start over (fresh apps, fresh ApplicationRegistered). */
  resume(): void {
    if (!this.suspended) return;
    this.suspended = false;
    for (const [id, e] of [...this.entries]) {
      if (e.config.connectionType !== 'persistent') continue;
      const persistent = new PersistentConnection(this.m, e.config, this.connector, this.rest);
      this.entries.set(id, { config: e.config, persistent });
      persistent.start();
    }
  }

  private statusOf(e: Entry): OutboundStatus {
    if (e.persistent) return e.persistent.status();
    const c = e.config;
    const openSockets = [...this.calls].filter((call) => call.configId === c.id && call.open).length;
    return { id: c.id, uri: c.uri, connectionType: c.connectionType, apps: c.apps, state: 'idle', openSockets };
  }
}

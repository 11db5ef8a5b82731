/** How an outbound connection names its app: persistent (`<app>`) or per call (`<app>:<channel name>`). */
export type ConnectionKind = 'persistent' | 'per_call';

/** A Stasis app name an Asterisk connection announced, resolved to the app the runtime serves. */
export interface StasisAppMatch {
  /** The served app (as configured). */
  readonly app: string;
  readonly kind: ConnectionKind;
}

/**
 * The Stasis app names a listener accepts: the served apps, their
 * per-call form `<app>:<channel name>` (Asterisk's `per_call_config`
 * connections), and aliases such as a broadcast pool's `<app>-<instance>`.
 * App names cannot contain `:` (the config's name pattern), so the first
 * colon ends the app part.
 */
export class StasisAppNames {
  private constructor(
    private readonly apps: ReadonlySet<string>,
    private readonly aliases: ReadonlyMap<string, string>,
  ) {}

  static of(apps: readonly string[], aliases: ReadonlyMap<string, string> = new Map()): StasisAppNames {
    return new StasisAppNames(new Set(apps), aliases);
  }

  /** The served app a Stasis app name stands for, if any. */
  appOf(stasisApp: string): string | undefined {
    const colon = stasisApp.indexOf(':');
    const base = colon < 0 ? stasisApp : stasisApp.slice(0, colon);
    if (this.apps.has(base)) return base;
    return this.aliases.get(base);
  }

  /** The app and the kind of connection a first frame's `application` names; undefined for an app not served. */
  classify(stasisApp: string): StasisAppMatch | undefined {
    const app = this.appOf(stasisApp);
    if (app === undefined) return undefined;
    return { app, kind: stasisApp.includes(':') ? 'per_call' : 'persistent' };
  }
}

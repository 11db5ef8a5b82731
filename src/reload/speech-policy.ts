import type { VoxtraConfig } from '../config/config-types';
import type { AppSnapshot } from '../ir/types';
import { sayTexts, type RuntimeServices } from '../runtime/services';

/** Builds the services for a set of snapshots under a config (text-to-speech checked, literal texts rendered). */
export type ServicesBuilder = (snapshots: readonly AppSnapshot[], config: VoxtraConfig) => Promise<RuntimeServices>;

/**
 * What a reload does with text-to-speech. When the config's `tts` settings
 * did not change, the running speech service (and its cache) stays and only
 * the new literal texts are rendered; otherwise new services are built for
 * new calls (calls in progress keep theirs). Holds the services new calls get.
 */
export class SpeechReloadPolicy {
  constructor(
    private current: RuntimeServices,
    private readonly build: ServicesBuilder,
  ) {}

  /** The services new calls get. */
  get services(): RuntimeServices {
    return this.current;
  }

  /** The reloader's `prepare`: returns new services when they had to be rebuilt. */
  async prepare(snapshots: readonly AppSnapshot[], next: VoxtraConfig, running: VoxtraConfig): Promise<RuntimeServices | undefined> {
    const tts = this.current.tts;
    const says = sayTexts(snapshots);
    // Keep the speech cache when its settings did not change; only new texts are rendered.
    if (tts && JSON.stringify(next.tts) === JSON.stringify(running.tts)) {
      if (says.literal.length > 0) await tts.prerender(says.literal);
      return undefined;
    }
    if (!says.any && !tts) return undefined;
    this.current = await this.build(snapshots, next);
    return this.current;
  }
}

import type { Channel } from './channel';
import type { JsonObject } from './json';
import { formatAriTimestamp } from './time';

/** A simulated bridge. Stasis bridges come from POST /bridges; basic ones from Queue(). */
export class Bridge {
  technology = 'simple_bridge';
  readonly channels: Channel[] = [];
  readonly subscribedApps = new Set<string>();
  mohClass?: string;
  destroyed = false;

  constructor(
    readonly id: string,
    readonly bridgeType: 'mixing' | 'holding',
    readonly bridgeClass: 'stasis' | 'basic',
    readonly name: string,
    readonly creationTimeMs: number,
  ) {}

  get creator(): string {
    return this.bridgeClass === 'stasis' ? 'Stasis' : '';
  }

  get videoMode(): string {
    return this.bridgeClass === 'stasis' && this.bridgeType === 'mixing' ? 'talker' : 'none';
  }

  /** Two PJSIP members that were both up when they met get native RTP; anything else mixes in the core. */
  recomputeTechnology(): void {
    const [a, b] = this.channels;
    this.technology =
      this.channels.length === 2 && a.tech === 'PJSIP' && b.tech === 'PJSIP' && a.state === 'Up' && b.state === 'Up' ? 'native_rtp' : 'simple_bridge';
  }

  toJson(): JsonObject {
    return {
      id: this.id,
      technology: this.technology,
      bridge_type: this.bridgeType,
      bridge_class: this.bridgeClass,
      creator: this.creator,
      name: this.name,
      channels: this.channels.map((c) => c.id),
      creationtime: formatAriTimestamp(this.creationTimeMs),
      video_mode: this.videoMode,
    };
  }
}

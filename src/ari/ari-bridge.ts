import type { Bridge } from '../control/call-control';
import { ariStatus } from './ari-errors';
import type { AriTransport } from './transport';

/** A mixing bridge created for one call. Asterisk never destroys an emptied bridge, so someone must. */
export class AriBridge implements Bridge {
  private destroyed = false;

  constructor(readonly id: string, private readonly transport: AriTransport) {}

  get isDestroyed(): boolean {
    return this.destroyed;
  }

  async addChannels(channelIds: readonly string[]): Promise<void> {
    if (channelIds.length === 0) return;
    await this.transport.request('bridges.addChannel', { bridgeId: this.id, channel: channelIds.join(',') });
  }

  async destroy(): Promise<void> {
    if (this.destroyed) return;
    try {
      await this.transport.request('bridges.destroy', { bridgeId: this.id });
    } catch (err) {
      if (ariStatus(err) !== 404) throw err;
    }
    this.destroyed = true;
  }
}

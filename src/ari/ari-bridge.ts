import type { Bridge } from '../control/call-control';
import { ariStatus } from './ari-errors';
import type { AriTransport } from './transport';

/** A mixing bridge created for one call. Asterisk never destroys an emptied bridge, so someone must. */
export class AriBridge implements Bridge {
  private destroyed = false;
  private destroying: Promise<void> | undefined;

  constructor(readonly id: string, private readonly transport: AriTransport) {}

  get isDestroyed(): boolean {
    return this.destroyed || this.destroying !== undefined;
  }

  async addChannels(channelIds: readonly string[]): Promise<void> {
    if (channelIds.length === 0) return;
    await this.transport.request('bridges.addChannel', { bridgeId: this.id, channel: channelIds.join(',') });
  }

  /** Destroys the bridge once (concurrent calls share the one request); 404 counts as done. */
  destroy(): Promise<void> {
    this.destroying ??= this.transport.request('bridges.destroy', { bridgeId: this.id }).then(
      () => {
        this.destroyed = true;
      },
      (err: unknown) => {
        if (ariStatus(err) === 404) {
          this.destroyed = true;
          return;
        }
        this.destroying = undefined;
        throw err;
      },
    );
    return this.destroying;
  }
}

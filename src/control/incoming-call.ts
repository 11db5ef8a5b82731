import type { CallControl, ChannelInfo } from './call-control';

/** A channel that entered one of our Stasis apps and is not one of our own dial legs. */
export interface IncomingCall {
  /** Server name from the config. */
  readonly server: string;
  /** Stasis app (tenant) the channel entered. */
  readonly app: string;
  readonly channel: ChannelInfo;
  /** Stasis arguments (`Stasis(voxtra,1000)` gives `["1000"]`). */
  readonly args: readonly string[];
  /** Control bound to this channel until it hangs up or leaves Stasis. */
  readonly control: CallControl;
}

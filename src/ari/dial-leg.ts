/**
 * Marks channels we originate for `dial`: their Stasis arguments start with
 * this marker and the parent channel id, so the gateway never mistakes their
 * StasisStart for a new incoming call (even after a reconnect, when it no
 * longer remembers which ids it originated).
 */
export const DIAL_LEG_MARKER = 'voxtra-dial-leg';

/** `appArgs` for a leg originated on behalf of `parentChannelId`. */
export function dialLegAppArgs(parentChannelId: string): string {
  return `${DIAL_LEG_MARKER},${parentChannelId}`;
}

/** The parent channel id when `args` mark a dial leg. */
export function dialLegParent(args: readonly string[]): string | undefined {
  return args[0] === DIAL_LEG_MARKER ? (args[1] ?? '') : undefined;
}

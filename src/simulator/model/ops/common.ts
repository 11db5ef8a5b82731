import type { AsteriskModel } from '../asterisk-model';
import type { Channel } from '../channel';
import { fail, type AriResult } from '../result';

/** Asterisk's find_control: 404 for an unknown (or hung-up) channel, 409 when it is not in Stasis. */
export function findControl(m: AsteriskModel, channelId: string | undefined): Channel | AriResult {
  const ch = m.liveChannel(channelId);
  if (!ch) return fail(404, 'Channel not found');
  if (!ch.stasis) return fail(409, 'Channel not in Stasis application');
  return ch;
}

/** channel_state_invalid: outbound channels that are not yet dialed cannot take media operations. */
export function stateInvalid(ch: Channel): AriResult | undefined {
  return ch.state === 'Down' || ch.state === 'Rsrved' || ch.state === 'OffHook' || ch.state === 'Dialing' ? fail(412, 'Channel in invalid state') : undefined;
}

export function isResult(x: Channel | AriResult): x is AriResult {
  return typeof (x as AriResult).status === 'number';
}

/** find_control plus channel_state_invalid, the preamble of most channel operations. */
export function controlInValidState(m: AsteriskModel, channelId: string | undefined): Channel | AriResult {
  const ch = findControl(m, channelId);
  if (isResult(ch)) return ch;
  return stateInvalid(ch) ?? ch;
}

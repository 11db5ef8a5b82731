import type { AsteriskModel } from './asterisk-model';
import type { Channel } from './channel';
import { SOFTHANGUP } from './causes';
import * as ev from './events';
import * as mediaEngine from './media-engine';
import type { HangupParty } from './transcript';

/**
 * Why a channel goes away; each produces the event sequence the traces show:
 * - `app`: DELETE /channels/{id} — RTP QoS vars, HangupRequest{cause 32, soft};
 * - `remote`: the far end sent BYE — QoS vars, HangupRequest without cause;
 * - `dialplan`: Hangup() or the end of dialplan/queue — HangupRequest{16, soft}, QoS vars;
 * - `peer`: the other half of a Local pair went — HangupRequest{cause 16};
 * - `failed`: an outbound leg that never answered (busy, no answer, unavailable);
 * - `shutdown`: Asterisk stopping — HangupRequest{4, soft}, HangupRequest{0}, no ChannelDestroyed.
 * Then: playback/recording end, bridge exit, StasisEnd + STASISSTATUS, a
 * HangupRequest{16, soft} for channels with a PBX, ChannelDestroyed.
 */
export type TeardownKind = 'app' | 'remote' | 'dialplan' | 'peer' | 'failed' | 'shutdown';

export function hangup(m: AsteriskModel, ch: Channel, kind: TeardownKind, cause: number, by: HangupParty): void {
  if (ch.hungUp) return;
  ch.hungUp = true;
  ch.hangupCause = cause;
  m.clearChannelTimers(ch);
  for (const fn of ch.cleanups.splice(0)) fn();
  const ts = (): string => m.ts();
  const hr = (fields: { cause?: number; soft?: boolean }): void => m.emitChannel(ch, ev.hangupRequest(ts(), ch, fields));

  switch (kind) {
    case 'app':
      rtpQos(m, ch);
      hr({ cause: SOFTHANGUP.explicit, soft: true });
      break;
    case 'remote':
      rtpQos(m, ch);
      hr({});
      break;
    case 'dialplan':
      hr({ cause: SOFTHANGUP.appUnload, soft: true });
      break;
    case 'peer':
      hr({ cause: 16 });
      break;
    case 'failed':
      if (ch.stasis) hr({});
      break;
    case 'shutdown':
      hr({ cause: SOFTHANGUP.shutdown, soft: true });
      hr({ cause: 0 });
      break;
  }
  m.note(ch, { kind: 'hangup', by, cause });
  mediaEngine.abortMedia(m, ch);
  if (ch.bridge) m.leaveBridge(ch);
  if (ch.stasis) m.leaveStasis(ch);
  if (ch.hasPbx && (kind === 'app' || kind === 'remote' || kind === 'peer')) hr({ cause: SOFTHANGUP.appUnload, soft: true });
  if (kind === 'dialplan') rtpQos(m, ch);
  destroy(m, ch, cause, kind !== 'shutdown');
  const peer = ch.localPeer;
  if (peer && !peer.hungUp) hangup(m, peer, kind === 'shutdown' ? 'shutdown' : 'peer', 16, 'peer');
}

function destroy(m: AsteriskModel, ch: Channel, cause: number, publish: boolean): void {
  ch.destroyed = true;
  const base = ch.hasPbx ? { appName: '', appData: '' } : ch.baseApp;
  ch.dialplan = { ...ch.dialplan, ...base };
  if (publish) m.emitChannel(ch, ev.destroyed(m.ts(), ch, cause));
  m.channels.delete(ch.id);
  for (const name of ch.subscribedApps) {
    m.apps.get(name)?.channelIds.delete(ch.id);
    m.pruneApp(name);
  }
  m.calls.end(ch.id);
}

/** End-of-call RTP statistics a PJSIP channel that carried media sets on itself (and its bridged PJSIP peer). */
function rtpQos(m: AsteriskModel, ch: Channel): void {
  if (ch.tech !== 'PJSIP' || ch.state !== 'Up') return;
  const peer = ch.bridge?.channels.find((c) => c !== ch && c.tech === 'PJSIP');
  const packets = Math.max(0, Math.round((m.now() - ch.creationTimeMs) / 20));
  const stats: Array<[string, string]> = [
    ['RTPAUDIOQOS', `ssrc=${ssrc(ch.id)};themssrc=0;lp=0;rxjitter=0.000000;rxcount=0;txjitter=0.000000;txcount=${packets};rlp=0;rtt=0.000000;rxmes=0.000000;txmes=0.000000`],
    ['RTPAUDIOQOSJITTER', summary(['rxjitter', 'txjitter'].flatMap((k) => stat4(k)))],
    ['RTPAUDIOQOSLOSS', summary(['rxlost', 'txlost'].flatMap((k) => stat4(k)), '  ')],
    ['RTPAUDIOQOSRTT', summary(stat4('rtt'), '     ')],
    ['RTPAUDIOQOSMES', summary(['rxmes', 'txmes'].flatMap((k) => stat4(k)), '   ')],
  ];
  for (const [name, value] of stats) {
    m.setVar(ch, name, value);
    if (peer) m.setVar(peer, `${name}BRIDGED`, value);
  }
}

const stat4 = (k: string): string[] => ['min', 'max', 'avg', 'stdev'].map((p) => `${p}${k}`);
const summary = (keys: string[], pad = ''): string => keys.map((k) => `${pad}${k}=000.000000;`).join('');
const ssrc = (id: string): number => [...id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);

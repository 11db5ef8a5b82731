import type { AsteriskModel } from '../asterisk-model';
import type { AriResult } from '../result';
import * as applications from './application-ops';
import { Args, type OpArgs } from './args';
import * as asterisk from './asterisk-ops';
import * as bridges from './bridge-ops';
import * as channels from './channel-ops';
import * as media from './channel-media-ops';
import * as misc from './misc-ops';
import * as originate from './originate-ops';
import * as playbacks from './playback-ops';
import * as recordings from './recording-ops';

export type OpHandler = (m: AsteriskModel, a: Args) => AriResult;

/** Every ARI operation the model implements, by `resource.nickname`. */
export const OPERATION_HANDLERS: Readonly<Record<string, OpHandler>> = {
  'asterisk.getInfo': asterisk.getInfo,
  'asterisk.ping': asterisk.ping,
  'asterisk.getGlobalVar': asterisk.getGlobalVar,
  'asterisk.setGlobalVar': asterisk.setGlobalVar,
  'endpoints.list': misc.listEndpoints,
  'endpoints.listByTech': misc.listEndpointsByTech,
  'endpoints.get': misc.getEndpoint,
  'channels.list': channels.list,
  'channels.originate': originate.originate,
  'channels.create': originate.create,
  'channels.get': channels.get,
  'channels.originateWithId': originate.originate,
  'channels.hangup': channels.hangup,
  'channels.continueInDialplan': channels.continueInDialplan,
  'channels.answer': channels.answer,
  'channels.ring': channels.indicate('ring'),
  'channels.ringStop': channels.indicate('other'),
  'channels.progress': channels.indicate('other'),
  'channels.sendDTMF': channels.sendDtmf,
  'channels.mute': channels.indicate('other'),
  'channels.unmute': channels.indicate('other'),
  'channels.hold': channels.indicate('other'),
  'channels.unhold': channels.indicate('other'),
  'channels.startMoh': channels.startMoh,
  'channels.stopMoh': channels.stopMoh,
  'channels.startSilence': channels.indicate('other'),
  'channels.stopSilence': channels.indicate('other'),
  'channels.play': media.play,
  'channels.playWithId': media.play,
  'channels.record': media.record,
  'channels.getChannelVar': channels.getChannelVar,
  'channels.setChannelVar': channels.setChannelVar,
  'channels.dial': originate.dial,
  'bridges.list': bridges.list,
  'bridges.create': bridges.create,
  'bridges.createWithId': bridges.create,
  'bridges.get': bridges.get,
  'bridges.destroy': bridges.destroy,
  'bridges.addChannel': bridges.addChannel,
  'bridges.removeChannel': bridges.removeChannel,
  'bridges.startMoh': bridges.startMoh,
  'bridges.stopMoh': bridges.stopMoh,
  'recordings.listStored': recordings.listStored,
  'recordings.getStored': recordings.getStored,
  'recordings.deleteStored': recordings.deleteStored,
  'recordings.copyStored': recordings.copyStored,
  'recordings.getLive': recordings.getLive,
  'recordings.cancel': recordings.cancel,
  'recordings.stop': recordings.stop,
  'recordings.pause': recordings.sessionOp('pause'),
  'recordings.unpause': recordings.sessionOp('unpause'),
  'recordings.mute': recordings.sessionOp('mute'),
  'recordings.unmute': recordings.sessionOp('unmute'),
  'sounds.list': misc.listSounds,
  'sounds.get': misc.getSound,
  'playbacks.get': playbacks.get,
  'playbacks.stop': playbacks.stop,
  'playbacks.control': playbacks.control,
  'deviceStates.list': misc.emptyList,
  'mailboxes.list': misc.emptyList,
  'applications.list': applications.list,
  'applications.get': applications.get,
  'applications.subscribe': applications.subscribe,
  'applications.unsubscribe': applications.unsubscribe,
};

/** Runs one operation on the model with already-normalized arguments. */
export function invokeOperation(m: AsteriskModel, op: string, args: OpArgs): AriResult | undefined {
  const handler = OPERATION_HANDLERS[op];
  return handler ? handler(m, new Args(args)) : undefined;
}

import { CHANNELS } from '../../ari/operations';
import * as media from '../model/ops/channel-media-ops';
import * as channels from '../model/ops/channel-ops';
import * as originate from '../model/ops/originate-ops';
import { serve } from './served-operation';

export const CHANNELS_SERVED = serve(CHANNELS, {
  list: channels.list,
  originate: originate.originate,
  create: originate.create,
  get: channels.get,
  originateWithId: originate.originate,
  hangup: channels.hangup,
  continueInDialplan: channels.continueInDialplan,
  answer: channels.answer,
  ring: channels.indicate('ring'),
  ringStop: channels.indicate('other'),
  progress: channels.indicate('other'),
  sendDTMF: channels.sendDtmf,
  mute: channels.indicate('other'),
  unmute: channels.indicate('other'),
  hold: channels.indicate('other'),
  unhold: channels.indicate('other'),
  startMoh: channels.startMoh,
  stopMoh: channels.stopMoh,
  startSilence: channels.indicate('other'),
  stopSilence: channels.indicate('other'),
  play: media.play,
  playWithId: media.play,
  record: media.record,
  getChannelVar: channels.getChannelVar,
  setChannelVar: channels.setChannelVar,
  dial: originate.dial,
});

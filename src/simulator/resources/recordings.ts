import { RECORDINGS } from '../../ari/operations';
import * as recordings from '../model/ops/recording-ops';
import { serve } from './served-operation';

export const RECORDINGS_SERVED = serve(RECORDINGS, {
  listStored: recordings.listStored,
  getStored: recordings.getStored,
  deleteStored: recordings.deleteStored,
  copyStored: recordings.copyStored,
  getLive: recordings.getLive,
  cancel: recordings.cancel,
  stop: recordings.stop,
  pause: recordings.sessionOp('pause'),
  unpause: recordings.sessionOp('unpause'),
  mute: recordings.sessionOp('mute'),
  unmute: recordings.sessionOp('unmute'),
});

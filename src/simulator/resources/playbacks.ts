import { PLAYBACKS } from '../../ari/operations';
import * as playbacks from '../model/ops/playback-ops';
import { serve } from './served-operation';

export const PLAYBACKS_SERVED = serve(PLAYBACKS, {
  get: playbacks.get,
  stop: playbacks.stop,
  control: playbacks.control,
});

import { SOUNDS } from '../../ari/operations';
import * as misc from '../model/ops/misc-ops';
import { serve } from './served-operation';

export const SOUNDS_SERVED = serve(SOUNDS, {
  list: misc.listSounds,
  get: misc.getSound,
});

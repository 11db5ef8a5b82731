import { ASTERISK } from '../../ari/operations';
import * as asterisk from '../model/ops/asterisk-ops';
import { serve } from './served-operation';

export const ASTERISK_SERVED = serve(ASTERISK, {
  getInfo: asterisk.getInfo,
  ping: asterisk.ping,
  getGlobalVar: asterisk.getGlobalVar,
  setGlobalVar: asterisk.setGlobalVar,
});

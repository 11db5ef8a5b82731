import { DEVICE_STATES } from '../../ari/operations';
import * as misc from '../model/ops/misc-ops';
import { serve } from './served-operation';

/** Listed, always empty. */
export const DEVICE_STATES_SERVED = serve(DEVICE_STATES, { list: misc.emptyList });

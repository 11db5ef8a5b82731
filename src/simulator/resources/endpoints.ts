import { ENDPOINTS } from '../../ari/operations';
import * as misc from '../model/ops/misc-ops';
import { serve } from './served-operation';

export const ENDPOINTS_SERVED = serve(ENDPOINTS, {
  list: misc.listEndpoints,
  listByTech: misc.listEndpointsByTech,
  get: misc.getEndpoint,
});

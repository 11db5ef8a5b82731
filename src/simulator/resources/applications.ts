import { APPLICATIONS } from '../../ari/operations';
import * as applications from '../model/ops/application-ops';
import { serve } from './served-operation';

export const APPLICATIONS_SERVED = serve(APPLICATIONS, {
  list: applications.list,
  get: applications.get,
  subscribe: applications.subscribe,
  unsubscribe: applications.unsubscribe,
  filter: applications.filter,
});

import { BRIDGES } from '../../ari/operations';
import * as bridges from '../model/ops/bridge-ops';
import { serve } from './served-operation';

export const BRIDGES_SERVED = serve(BRIDGES, {
  list: bridges.list,
  create: bridges.create,
  createWithId: bridges.create,
  get: bridges.get,
  destroy: bridges.destroy,
  addChannel: bridges.addChannel,
  removeChannel: bridges.removeChannel,
  startMoh: bridges.startMoh,
  stopMoh: bridges.stopMoh,
});

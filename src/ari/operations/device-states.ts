import { defineResource } from './operation-spec';

/** `/deviceStates` (only listed). */
export const DEVICE_STATES = defineResource('deviceStates', 'Device state resources', {
  list: { method: 'GET', path: '/deviceStates', summary: 'Device states.', responseClass: 'List[DeviceState]', params: [] },
});

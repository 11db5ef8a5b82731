import { defineResource, notFound, path, query, variablesBody } from './operation-spec';

const bridgeId = path('bridgeId', "Bridge's id");
const notInStasis = { code: 409, reason: 'Bridge not in Stasis application' };
const exists = { code: 409, reason: 'Bridge with the same bridgeId already exists' };

/** `/bridges`: mixing and holding bridges. */
export const BRIDGES = defineResource('bridges', 'Bridge resources', {
  list: { method: 'GET', path: '/bridges', summary: 'Active bridges.', responseClass: 'List[Bridge]', params: [] },
  create: {
    method: 'POST',
    path: '/bridges',
    summary: 'Create a bridge.',
    responseClass: 'Bridge',
    params: [
      query('type', 'string', 'Comma-separated bridge attributes (mixing, holding, dtmf_events, proxy_media, video_sfu, video_single, sdp_label).'),
      query('bridgeId', 'string', 'Unique id to give the bridge.'),
      query('name', 'string', 'Name to give the bridge.'),
      variablesBody('Body {"variables": {...}} with bridge variables.'),
    ],
    errors: [exists],
  },
  createWithId: {
    method: 'POST',
    path: '/bridges/{bridgeId}',
    summary: 'Create a bridge with a chosen id.',
    responseClass: 'Bridge',
    params: [
      query('type', 'string', 'Comma-separated bridge attributes.'),
      path('bridgeId', 'Unique id to give the bridge.'),
      query('name', 'string', 'Name to give the bridge.'),
      variablesBody('Body {"variables": {...}} with bridge variables.'),
    ],
    errors: [exists],
  },
  get: { method: 'GET', path: '/bridges/{bridgeId}', summary: 'Bridge details.', responseClass: 'Bridge', params: [bridgeId], errors: [notFound('Bridge')] },
  destroy: { method: 'DELETE', path: '/bridges/{bridgeId}', summary: 'Destroy a bridge.', responseClass: 'void', params: [bridgeId], errors: [notFound('Bridge')] },
  addChannel: {
    method: 'POST',
    path: '/bridges/{bridgeId}/addChannel',
    summary: 'Add channels to a bridge.',
    responseClass: 'void',
    params: [
      bridgeId,
      query('channel', 'string', 'Ids of channels to add.', { required: true, multi: true }),
      query('role', 'string', 'Role of the channels in the bridge.'),
      query('absorbDTMF', 'boolean', 'Absorb DTMF coming from these channels.', { dflt: false }),
      query('mute', 'boolean', 'Mute audio from these channels.', { dflt: false }),
      query('inhibitConnectedLineUpdates', 'boolean', 'Do not send connected line updates for these channels.', { dflt: false }),
    ],
    errors: [{ code: 400, reason: 'Channel not found' }, notFound('Bridge'), notInStasis, { code: 422, reason: 'Channel not in Stasis application' }],
    // res/stasis/control.c: stasis_app_control_add_channel_to_bridge joins app_send_command_on_condition, per channel.
    waitsForChannel: true,
  },
  removeChannel: {
    method: 'POST',
    path: '/bridges/{bridgeId}/removeChannel',
    summary: 'Remove channels from a bridge.',
    responseClass: 'void',
    params: [bridgeId, query('channel', 'string', 'Ids of channels to remove.', { required: true, multi: true })],
    errors: [{ code: 400, reason: 'Channel not found' }, notFound('Bridge'), notInStasis, { code: 422, reason: 'Channel not in this bridge' }],
    // res/stasis/control.c: stasis_app_control_remove_channel_from_bridge joins app_send_command_on_condition, per channel.
    waitsForChannel: true,
  },
  startMoh: {
    method: 'POST',
    path: '/bridges/{bridgeId}/moh',
    summary: 'Play music on hold to a bridge.',
    responseClass: 'void',
    params: [bridgeId, query('mohClass', 'string', 'Music on hold class.')],
    errors: [notFound('Bridge'), notInStasis],
  },
  stopMoh: {
    method: 'DELETE',
    path: '/bridges/{bridgeId}/moh',
    summary: 'Stop music on hold in a bridge.',
    responseClass: 'void',
    params: [bridgeId],
    errors: [notFound('Bridge'), notInStasis],
  },
});

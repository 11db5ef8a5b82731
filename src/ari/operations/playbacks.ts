import { defineResource, path, query } from './operation-spec';

const playbackId = path('playbackId', "Playback's id");
const notFound = { code: 404, reason: 'The playback cannot be found' };

/** `/playbacks`: playbacks started by `channels.play`. */
export const PLAYBACKS = defineResource('playbacks', 'Playback control resources', {
  get: { method: 'GET', path: '/playbacks/{playbackId}', summary: 'A playback.', responseClass: 'Playback', params: [playbackId], errors: [notFound] },
  stop: { method: 'DELETE', path: '/playbacks/{playbackId}', summary: 'Stop a playback.', responseClass: 'void', params: [playbackId], errors: [notFound] },
  control: {
    method: 'POST',
    path: '/playbacks/{playbackId}/control',
    summary: 'Control a playback.',
    responseClass: 'void',
    params: [playbackId, query('operation', 'string', 'Operation to perform.', { required: true, list: ['restart', 'pause', 'unpause', 'reverse', 'forward'] })],
    errors: [
      { code: 400, reason: 'The provided operation parameter was invalid' },
      notFound,
      { code: 409, reason: "The operation cannot be performed in the playback's current state" },
    ],
  },
});

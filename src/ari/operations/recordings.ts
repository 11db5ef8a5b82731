import { defineResource, notFound, path, query, type AriOperationDefinition, type HttpMethod } from './operation-spec';

const recordingName = path('recordingName', 'The name of the recording');

/** An action on a live recording, answering 204; `session` ones need it recording or paused. */
const liveAction = (method: HttpMethod, suffix: string, summary: string, session: boolean): AriOperationDefinition => ({
  method,
  path: `/recordings/live/{recordingName}${suffix}`,
  summary,
  responseClass: 'void',
  params: [recordingName],
  errors: [notFound('Recording'), ...(session ? [{ code: 409, reason: 'Recording not in session' }] : [])],
});

/** `/recordings`: stored and live recordings. */
export const RECORDINGS = defineResource('recordings', 'Recording resources', {
  listStored: { method: 'GET', path: '/recordings/stored', summary: 'Stored recordings.', responseClass: 'List[StoredRecording]', params: [] },
  getStored: { method: 'GET', path: '/recordings/stored/{recordingName}', summary: 'A stored recording.', responseClass: 'StoredRecording', params: [recordingName], errors: [notFound('Recording')] },
  deleteStored: { method: 'DELETE', path: '/recordings/stored/{recordingName}', summary: 'Delete a stored recording.', responseClass: 'void', params: [recordingName], errors: [notFound('Recording')] },
  copyStored: {
    method: 'POST',
    path: '/recordings/stored/{recordingName}/copy',
    summary: 'Copy a stored recording.',
    responseClass: 'StoredRecording',
    params: [recordingName, query('destinationRecordingName', 'string', 'Name of the copy.', { required: true })],
    errors: [notFound('Recording'), { code: 409, reason: 'A recording with the same name already exists on the system' }],
  },
  getLive: { method: 'GET', path: '/recordings/live/{recordingName}', summary: 'A live recording.', responseClass: 'LiveRecording', params: [recordingName], errors: [notFound('Recording')] },
  cancel: liveAction('DELETE', '', 'Stop a live recording and discard it.', false),
  stop: liveAction('POST', '/stop', 'Stop a live recording and store it.', false),
  pause: liveAction('POST', '/pause', 'Pause a live recording.', true),
  unpause: liveAction('DELETE', '/pause', 'Unpause a live recording.', true),
  mute: liveAction('POST', '/mute', 'Mute a live recording.', true),
  unmute: liveAction('DELETE', '/mute', 'Unmute a live recording.', true),
});

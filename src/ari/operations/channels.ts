import { defineResource, notFound, path, query, variablesBody, type AriOperationDefinition, type AriParamSpec, type HttpMethod } from './operation-spec';

const channelId = path('channelId', "Channel's id");
const notInStasis = { code: 409, reason: 'Channel not in a Stasis application' };
const badState = { code: 412, reason: 'Channel in invalid state' };
const channelErrors = [notFound('Channel'), notInStasis, badState];
const originateErrors = [{ code: 400, reason: 'Invalid parameters for originating a channel.' }, { code: 409, reason: 'Channel with given unique ID already exists.' }];

/** An action on a channel with no other parameter, answering 204. */
const channelAction = (method: HttpMethod, p: string, summary: string, extra: Partial<AriOperationDefinition> = {}): AriOperationDefinition => ({
  method,
  path: p,
  summary,
  responseClass: 'void',
  params: [channelId],
  errors: channelErrors,
  ...extra,
});

const originateParams = (withPathId: boolean): AriParamSpec[] => [
  ...(withPathId ? [path('channelId', 'The unique id to assign the channel on creation.')] : []),
  query('endpoint', 'string', 'Endpoint to call, e.g. PJSIP/1001 or Local/exten@context.', { required: true }),
  query('extension', 'string', 'Extension to dial when the endpoint answers (instead of an app).'),
  query('context', 'string', 'Context to dial when the endpoint answers.'),
  query('priority', 'long', 'Priority to dial when the endpoint answers.'),
  query('label', 'string', 'Label to dial when the endpoint answers; wins over priority.'),
  query('app', 'string', 'Stasis application the answered channel enters; it is subscribed to the channel at once.'),
  query('appArgs', 'string', 'Comma-separated arguments for the Stasis application.'),
  query('callerId', 'string', 'Caller id for the outgoing call, e.g. "Name <number>".'),
  query('timeout', 'int', 'Seconds to ring before giving up; -1 for no limit.', { dflt: 30 }),
  variablesBody('Body {"variables": {...}} with channel variables to set on the new channel.'),
  ...(withPathId ? [] : [query('channelId', 'string', 'The unique id to assign the channel on creation.')]),
  query('otherChannelId', 'string', 'The unique id of the second channel of a Local pair.'),
  query('originator', 'string', 'Channel id of the channel that causes this call.'),
  query('formats', 'string', 'Comma-separated formats for the new channel when there is no originator.'),
];

const mediaParams = (withPathId: boolean): AriParamSpec[] => [
  channelId,
  ...(withPathId ? [path('playbackId', 'Playback id.')] : []),
  query('media', 'string', 'Media URIs to play, in order (a comma-separated list is one list).', { required: true, multi: true }),
  query('lang', 'string', 'Language for sound: media.'),
  query('offsetms', 'int', 'Milliseconds to skip in the first media.'),
  query('skipms', 'int', 'Milliseconds that forward/reverse skip.', { dflt: 3000 }),
  ...(withPathId ? [] : [query('playbackId', 'string', 'Playback id.')]),
];

const muteDirection = query('direction', 'string', 'Direction to (un)mute.', { dflt: 'both', list: ['both', 'in', 'out'] });

/** `/channels`: calls, their media and their variables. */
export const CHANNELS = defineResource('channels', 'Channel resources', {
  list: { method: 'GET', path: '/channels', summary: 'Active channels.', responseClass: 'List[Channel]', params: [] },
  originate: { method: 'POST', path: '/channels', summary: 'Originate a channel.', responseClass: 'Channel', params: originateParams(false), errors: originateErrors },
  create: {
    method: 'POST',
    path: '/channels/create',
    summary: 'Create a channel in Stasis without dialing it.',
    responseClass: 'Channel',
    params: [
      query('endpoint', 'string', 'Endpoint to call.', { required: true }),
      query('app', 'string', 'Stasis application to place the channel into.', { required: true }),
      query('appArgs', 'string', 'Comma-separated arguments for the application.'),
      query('channelId', 'string', 'The unique id to assign the channel on creation.'),
      query('otherChannelId', 'string', 'The unique id of the second channel of a Local pair.'),
      query('originator', 'string', 'Channel id of the channel that causes this call.'),
      query('formats', 'string', 'Comma-separated formats when there is no originator.'),
      variablesBody('Body {"variables": {...}} with channel variables to set.'),
    ],
    errors: [{ code: 409, reason: 'Channel with given unique ID already exists.' }],
  },
  get: { method: 'GET', path: '/channels/{channelId}', summary: 'Channel details.', responseClass: 'Channel', params: [channelId], errors: [notFound('Channel')] },
  originateWithId: {
    method: 'POST',
    path: '/channels/{channelId}',
    summary: 'Originate a channel with a chosen id.',
    responseClass: 'Channel',
    params: originateParams(true),
    errors: originateErrors,
  },
  hangup: {
    method: 'DELETE',
    path: '/channels/{channelId}',
    summary: 'Hang up a channel.',
    responseClass: 'void',
    params: [
      channelId,
      query('reason_code', 'string', 'Q.850 cause code to hang up with.'),
      query('reason', 'string', 'Named reason to hang up with.', {
        list: ['normal', 'busy', 'congestion', 'no_answer', 'timeout', 'rejected', 'unallocated', 'normal_unspecified', 'number_incomplete', 'codec_mismatch', 'interworking', 'failure', 'answered_elsewhere'],
      }),
    ],
    errors: [{ code: 400, reason: 'Invalid reason for hangup provided' }, notFound('Channel')],
    // A retried hangup may answer 404, which the call layer reads as "gone" anyway.
    idempotent: true,
  },
  continueInDialplan: {
    method: 'POST',
    path: '/channels/{channelId}/continue',
    summary: 'Leave Stasis and continue in the dialplan.',
    responseClass: 'void',
    params: [
      channelId,
      query('context', 'string', 'Context to continue to.'),
      query('extension', 'string', 'Extension to continue to.'),
      query('priority', 'int', 'Priority to continue to.'),
      query('label', 'string', 'Label to continue to; wins over priority.'),
    ],
    errors: channelErrors,
  },
  // res/res_stasis_answer.c: stasis_app_control_answer joins stasis_app_send_command.
  answer: channelAction('POST', '/channels/{channelId}/answer', 'Answer a channel.', { idempotent: true, waitsForChannel: true }),
  ring: channelAction('POST', '/channels/{channelId}/ring', 'Indicate ringing.'),
  ringStop: channelAction('DELETE', '/channels/{channelId}/ring', 'Stop ringing indication.'),
  progress: channelAction('POST', '/channels/{channelId}/progress', 'Indicate progress.'),
  sendDTMF: {
    method: 'POST',
    path: '/channels/{channelId}/dtmf',
    summary: 'Send DTMF to a channel.',
    responseClass: 'void',
    params: [
      channelId,
      query('dtmf', 'string', 'DTMF digits to send.'),
      query('before', 'int', 'ms to wait before the first digit.', { dflt: 0 }),
      query('between', 'int', 'ms between digits.', { dflt: 100 }),
      query('duration', 'int', 'ms per digit.', { dflt: 100 }),
      query('after', 'int', 'ms to wait after the last digit.', { dflt: 0 }),
    ],
    errors: [{ code: 400, reason: 'DTMF is required' }, ...channelErrors],
  },
  mute: channelAction('POST', '/channels/{channelId}/mute', 'Mute a channel.', { params: [channelId, muteDirection] }),
  unmute: channelAction('DELETE', '/channels/{channelId}/mute', 'Unmute a channel.', { params: [channelId, muteDirection] }),
  hold: channelAction('POST', '/channels/{channelId}/hold', 'Put a channel on hold.'),
  unhold: channelAction('DELETE', '/channels/{channelId}/hold', 'Take a channel off hold.'),
  startMoh: channelAction('POST', '/channels/{channelId}/moh', 'Start music on hold.', { params: [channelId, query('mohClass', 'string', 'Music on hold class.')], idempotent: true }),
  stopMoh: channelAction('DELETE', '/channels/{channelId}/moh', 'Stop music on hold.', { idempotent: true }),
  startSilence: channelAction('POST', '/channels/{channelId}/silence', 'Play silence.'),
  stopSilence: channelAction('DELETE', '/channels/{channelId}/silence', 'Stop playing silence.'),
  play: { method: 'POST', path: '/channels/{channelId}/play', summary: 'Play media to a channel.', responseClass: 'Playback', params: mediaParams(false), errors: channelErrors },
  playWithId: {
    method: 'POST',
    path: '/channels/{channelId}/play/{playbackId}',
    summary: 'Play media to a channel with a chosen playback id.',
    responseClass: 'Playback',
    params: mediaParams(true),
    errors: channelErrors,
  },
  record: {
    method: 'POST',
    path: '/channels/{channelId}/record',
    summary: 'Record audio from a channel.',
    responseClass: 'LiveRecording',
    params: [
      channelId,
      query('name', 'string', 'Recording name (file name without extension).', { required: true }),
      query('format', 'string', 'Format to write (wav, gsm, ...).', { required: true }),
      query('maxDurationSeconds', 'int', 'Longest recording, seconds; 0 for no limit.', { dflt: 0, min: 0 }),
      query('maxSilenceSeconds', 'int', 'Silence that ends the recording, seconds; 0 for no limit.', { dflt: 0, min: 0 }),
      query('ifExists', 'string', 'What to do when a recording with this name exists.', { dflt: 'fail', list: ['fail', 'overwrite', 'append'] }),
      query('beep', 'boolean', 'Play a beep before recording.', { dflt: false }),
      query('terminateOn', 'string', 'DTMF that ends the recording.', { dflt: 'none', list: ['none', 'any', '*', '#'] }),
    ],
    errors: [
      { code: 400, reason: 'Invalid parameters' },
      notFound('Channel'),
      { code: 409, reason: 'Channel is not in a Stasis application, or the recording exists' },
      { code: 422, reason: 'The format specified is unknown on this system' },
    ],
  },
  getChannelVar: {
    method: 'GET',
    path: '/channels/{channelId}/variable',
    summary: 'Read a channel variable or function.',
    responseClass: 'Variable',
    params: [channelId, query('variable', 'string', 'Variable or function, e.g. PJSIP_HEADER(read,X-Foo).', { required: true })],
    errors: [{ code: 400, reason: 'Missing variable parameter.' }, { code: 404, reason: 'Channel or variable not found' }, notInStasis],
  },
  setChannelVar: {
    method: 'POST',
    path: '/channels/{channelId}/variable',
    summary: 'Set a channel variable or function.',
    responseClass: 'void',
    params: [
      channelId,
      query('variable', 'string', 'Variable or function name.', { required: true }),
      query('value', 'string', 'Value; omitted unsets the variable.'),
      query('report_events', 'boolean', 'Report later changes of this variable in channel events.', { dflt: false }),
    ],
    errors: [{ code: 400, reason: 'Missing variable parameter.' }, notFound('Channel'), notInStasis],
    idempotent: true,
    // res/stasis/control.c (22.10.1 line 799): stasis_app_control_set_channel_var_reportable joins stasis_app_send_command.
    waitsForChannel: true,
  },
  dial: {
    method: 'POST',
    path: '/channels/{channelId}/dial',
    summary: 'Dial a created channel.',
    responseClass: 'void',
    params: [channelId, query('caller', 'string', 'Channel id of the caller.'), query('timeout', 'int', 'Seconds to ring; 0 for no limit.', { dflt: 0, min: 0 })],
    errors: [{ code: 404, reason: 'Channel cannot be found.' }, { code: 409, reason: 'Channel cannot be dialed.' }],
  },
});

import { path, query, variablesBody, type ParamSpec } from './params';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One served ARI operation. The HTTP router and the generated API docs both read this table. */
export interface RouteSpec {
  /** `resource.nickname`, also the in-process transport's operation name. */
  readonly op: string;
  readonly method: HttpMethod;
  /** Path below /ari, with `{param}` segments. */
  readonly path: string;
  readonly summary: string;
  readonly responseClass: string;
  readonly params: readonly ParamSpec[];
  readonly errors?: ReadonlyArray<{ readonly code: number; readonly reason: string }>;
  /** Served over the events WebSocket rather than the REST router. */
  readonly websocket?: boolean;
}

const channelId = path('channelId', "Channel's id");
const bridgeId = path('bridgeId', "Bridge's id");
const recordingName = path('recordingName', 'The name of the recording');
const playbackId = path('playbackId', "Playback's id");
const applicationName = path('applicationName', "Application's name");
const notFound = (what: string) => ({ code: 404, reason: `${what} not found` });
const notInStasis = { code: 409, reason: 'Channel not in a Stasis application' };
const badState = { code: 412, reason: 'Channel in invalid state' };
const channelErrors = [notFound('Channel'), notInStasis, badState];

const originateParams = (withPathId: boolean): ParamSpec[] => [
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

const mediaParams = (withPathId: boolean): ParamSpec[] => [
  channelId,
  ...(withPathId ? [path('playbackId', 'Playback id.')] : []),
  query('media', 'string', 'Media URIs to play, in order (a comma-separated list is one list).', { required: true, multi: true }),
  query('lang', 'string', 'Language for sound: media.'),
  query('offsetms', 'int', 'Milliseconds to skip in the first media.'),
  query('skipms', 'int', 'Milliseconds that forward/reverse skip.', { dflt: 3000 }),
  ...(withPathId ? [] : [query('playbackId', 'string', 'Playback id.')]),
];

const chanOnly = (op: string, method: HttpMethod, p: string, summary: string): RouteSpec => ({
  op,
  method,
  path: p,
  summary,
  responseClass: 'void',
  params: [channelId],
  errors: channelErrors,
});

const liveRec = (op: string, method: HttpMethod, suffix: string, summary: string, session: boolean): RouteSpec => ({
  op,
  method,
  path: `/recordings/live/{recordingName}${suffix}`,
  summary,
  responseClass: 'void',
  params: [recordingName],
  errors: [notFound('Recording'), ...(session ? [{ code: 409, reason: 'Recording not in session' }] : [])],
});

export const ROUTES: readonly RouteSpec[] = [
  // asterisk
  {
    op: 'asterisk.getInfo',
    method: 'GET',
    path: '/asterisk/info',
    summary: 'Asterisk system information.',
    responseClass: 'AsteriskInfo',
    params: [query('only', 'string', 'Which sections to return.', { multi: true, list: ['build', 'system', 'config', 'status'] })],
  },
  { op: 'asterisk.ping', method: 'GET', path: '/asterisk/ping', summary: 'Liveness check.', responseClass: 'AsteriskPing', params: [] },
  {
    op: 'asterisk.getGlobalVar',
    method: 'GET',
    path: '/asterisk/variable',
    summary: 'Value of a global variable.',
    responseClass: 'Variable',
    params: [query('variable', 'string', 'Variable name.', { required: true })],
    errors: [{ code: 400, reason: 'Missing variable parameter.' }],
  },
  {
    op: 'asterisk.setGlobalVar',
    method: 'POST',
    path: '/asterisk/variable',
    summary: 'Set a global variable.',
    responseClass: 'void',
    params: [query('variable', 'string', 'Variable name.', { required: true }), query('value', 'string', 'Value.')],
    errors: [{ code: 400, reason: 'Missing variable parameter.' }],
  },
  // endpoints
  { op: 'endpoints.list', method: 'GET', path: '/endpoints', summary: 'All endpoints.', responseClass: 'List[Endpoint]', params: [] },
  {
    op: 'endpoints.listByTech',
    method: 'GET',
    path: '/endpoints/{tech}',
    summary: 'Endpoints of one technology.',
    responseClass: 'List[Endpoint]',
    params: [path('tech', 'Technology (PJSIP).')],
    errors: [{ code: 404, reason: 'Endpoints not found' }],
  },
  {
    op: 'endpoints.get',
    method: 'GET',
    path: '/endpoints/{tech}/{resource}',
    summary: 'One endpoint.',
    responseClass: 'Endpoint',
    params: [path('tech', 'Technology (PJSIP).'), path('resource', 'Endpoint name.')],
    errors: [{ code: 404, reason: 'Endpoints not found' }],
  },
  // channels
  { op: 'channels.list', method: 'GET', path: '/channels', summary: 'Active channels.', responseClass: 'List[Channel]', params: [] },
  {
    op: 'channels.originate',
    method: 'POST',
    path: '/channels',
    summary: 'Originate a channel.',
    responseClass: 'Channel',
    params: originateParams(false),
    errors: [{ code: 400, reason: 'Invalid parameters for originating a channel.' }, { code: 409, reason: 'Channel with given unique ID already exists.' }],
  },
  {
    op: 'channels.create',
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
  { op: 'channels.get', method: 'GET', path: '/channels/{channelId}', summary: 'Channel details.', responseClass: 'Channel', params: [channelId], errors: [notFound('Channel')] },
  {
    op: 'channels.originateWithId',
    method: 'POST',
    path: '/channels/{channelId}',
    summary: 'Originate a channel with a chosen id.',
    responseClass: 'Channel',
    params: originateParams(true),
    errors: [{ code: 400, reason: 'Invalid parameters for originating a channel.' }, { code: 409, reason: 'Channel with given unique ID already exists.' }],
  },
  {
    op: 'channels.hangup',
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
  },
  {
    op: 'channels.continueInDialplan',
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
  chanOnly('channels.answer', 'POST', '/channels/{channelId}/answer', 'Answer a channel.'),
  chanOnly('channels.ring', 'POST', '/channels/{channelId}/ring', 'Indicate ringing.'),
  chanOnly('channels.ringStop', 'DELETE', '/channels/{channelId}/ring', 'Stop ringing indication.'),
  chanOnly('channels.progress', 'POST', '/channels/{channelId}/progress', 'Indicate progress.'),
  {
    op: 'channels.sendDTMF',
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
  ...(['mute', 'unmute'] as const).map(
    (op): RouteSpec => ({
      op: `channels.${op}`,
      method: op === 'mute' ? 'POST' : 'DELETE',
      path: '/channels/{channelId}/mute',
      summary: op === 'mute' ? 'Mute a channel.' : 'Unmute a channel.',
      responseClass: 'void',
      params: [channelId, query('direction', 'string', 'Direction to (un)mute.', { dflt: 'both', list: ['both', 'in', 'out'] })],
      errors: channelErrors,
    }),
  ),
  chanOnly('channels.hold', 'POST', '/channels/{channelId}/hold', 'Put a channel on hold.'),
  chanOnly('channels.unhold', 'DELETE', '/channels/{channelId}/hold', 'Take a channel off hold.'),
  {
    op: 'channels.startMoh',
    method: 'POST',
    path: '/channels/{channelId}/moh',
    summary: 'Start music on hold.',
    responseClass: 'void',
    params: [channelId, query('mohClass', 'string', 'Music on hold class.')],
    errors: channelErrors,
  },
  chanOnly('channels.stopMoh', 'DELETE', '/channels/{channelId}/moh', 'Stop music on hold.'),
  chanOnly('channels.startSilence', 'POST', '/channels/{channelId}/silence', 'Play silence.'),
  chanOnly('channels.stopSilence', 'DELETE', '/channels/{channelId}/silence', 'Stop playing silence.'),
  { op: 'channels.play', method: 'POST', path: '/channels/{channelId}/play', summary: 'Play media to a channel.', responseClass: 'Playback', params: mediaParams(false), errors: channelErrors },
  {
    op: 'channels.playWithId',
    method: 'POST',
    path: '/channels/{channelId}/play/{playbackId}',
    summary: 'Play media to a channel with a chosen playback id.',
    responseClass: 'Playback',
    params: mediaParams(true),
    errors: channelErrors,
  },
  {
    op: 'channels.record',
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
    errors: [{ code: 400, reason: 'Invalid parameters' }, notFound('Channel'), { code: 409, reason: 'Channel is not in a Stasis application, or the recording exists' }, { code: 422, reason: 'The format specified is unknown on this system' }],
  },
  {
    op: 'channels.getChannelVar',
    method: 'GET',
    path: '/channels/{channelId}/variable',
    summary: 'Read a channel variable or function.',
    responseClass: 'Variable',
    params: [channelId, query('variable', 'string', 'Variable or function, e.g. PJSIP_HEADER(read,X-Foo).', { required: true })],
    errors: [{ code: 400, reason: 'Missing variable parameter.' }, { code: 404, reason: 'Channel or variable not found' }, notInStasis],
  },
  {
    op: 'channels.setChannelVar',
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
  },
  {
    op: 'channels.dial',
    method: 'POST',
    path: '/channels/{channelId}/dial',
    summary: 'Dial a created channel.',
    responseClass: 'void',
    params: [channelId, query('caller', 'string', 'Channel id of the caller.'), query('timeout', 'int', 'Seconds to ring; 0 for no limit.', { dflt: 0, min: 0 })],
    errors: [{ code: 404, reason: 'Channel cannot be found.' }, { code: 409, reason: 'Channel cannot be dialed.' }],
  },
  // bridges
  { op: 'bridges.list', method: 'GET', path: '/bridges', summary: 'Active bridges.', responseClass: 'List[Bridge]', params: [] },
  {
    op: 'bridges.create',
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
    errors: [{ code: 409, reason: 'Bridge with the same bridgeId already exists' }],
  },
  {
    op: 'bridges.createWithId',
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
    errors: [{ code: 409, reason: 'Bridge with the same bridgeId already exists' }],
  },
  { op: 'bridges.get', method: 'GET', path: '/bridges/{bridgeId}', summary: 'Bridge details.', responseClass: 'Bridge', params: [bridgeId], errors: [notFound('Bridge')] },
  { op: 'bridges.destroy', method: 'DELETE', path: '/bridges/{bridgeId}', summary: 'Destroy a bridge.', responseClass: 'void', params: [bridgeId], errors: [notFound('Bridge')] },
  {
    op: 'bridges.addChannel',
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
    errors: [{ code: 400, reason: 'Channel not found' }, notFound('Bridge'), { code: 409, reason: 'Bridge not in Stasis application' }, { code: 422, reason: 'Channel not in Stasis application' }],
  },
  {
    op: 'bridges.removeChannel',
    method: 'POST',
    path: '/bridges/{bridgeId}/removeChannel',
    summary: 'Remove channels from a bridge.',
    responseClass: 'void',
    params: [bridgeId, query('channel', 'string', 'Ids of channels to remove.', { required: true, multi: true })],
    errors: [{ code: 400, reason: 'Channel not found' }, notFound('Bridge'), { code: 409, reason: 'Bridge not in Stasis application' }, { code: 422, reason: 'Channel not in this bridge' }],
  },
  {
    op: 'bridges.startMoh',
    method: 'POST',
    path: '/bridges/{bridgeId}/moh',
    summary: 'Play music on hold to a bridge.',
    responseClass: 'void',
    params: [bridgeId, query('mohClass', 'string', 'Music on hold class.')],
    errors: [notFound('Bridge'), { code: 409, reason: 'Bridge not in Stasis application' }],
  },
  {
    op: 'bridges.stopMoh',
    method: 'DELETE',
    path: '/bridges/{bridgeId}/moh',
    summary: 'Stop music on hold in a bridge.',
    responseClass: 'void',
    params: [bridgeId],
    errors: [notFound('Bridge'), { code: 409, reason: 'Bridge not in Stasis application' }],
  },
  // recordings
  { op: 'recordings.listStored', method: 'GET', path: '/recordings/stored', summary: 'Stored recordings.', responseClass: 'List[StoredRecording]', params: [] },
  { op: 'recordings.getStored', method: 'GET', path: '/recordings/stored/{recordingName}', summary: 'A stored recording.', responseClass: 'StoredRecording', params: [recordingName], errors: [notFound('Recording')] },
  { op: 'recordings.deleteStored', method: 'DELETE', path: '/recordings/stored/{recordingName}', summary: 'Delete a stored recording.', responseClass: 'void', params: [recordingName], errors: [notFound('Recording')] },
  {
    op: 'recordings.copyStored',
    method: 'POST',
    path: '/recordings/stored/{recordingName}/copy',
    summary: 'Copy a stored recording.',
    responseClass: 'StoredRecording',
    params: [recordingName, query('destinationRecordingName', 'string', 'Name of the copy.', { required: true })],
    errors: [notFound('Recording'), { code: 409, reason: 'A recording with the same name already exists on the system' }],
  },
  { op: 'recordings.getLive', method: 'GET', path: '/recordings/live/{recordingName}', summary: 'A live recording.', responseClass: 'LiveRecording', params: [recordingName], errors: [notFound('Recording')] },
  liveRec('recordings.cancel', 'DELETE', '', 'Stop a live recording and discard it.', false),
  liveRec('recordings.stop', 'POST', '/stop', 'Stop a live recording and store it.', false),
  liveRec('recordings.pause', 'POST', '/pause', 'Pause a live recording.', true),
  liveRec('recordings.unpause', 'DELETE', '/pause', 'Unpause a live recording.', true),
  liveRec('recordings.mute', 'POST', '/mute', 'Mute a live recording.', true),
  liveRec('recordings.unmute', 'DELETE', '/mute', 'Unmute a live recording.', true),
  // sounds
  {
    op: 'sounds.list',
    method: 'GET',
    path: '/sounds',
    summary: 'Installed sounds.',
    responseClass: 'List[Sound]',
    params: [query('lang', 'string', 'Only sounds in this language.'), query('format', 'string', 'Only sounds in this format.')],
  },
  { op: 'sounds.get', method: 'GET', path: '/sounds/{soundId}', summary: 'One sound.', responseClass: 'Sound', params: [path('soundId', "Sound's id")] },
  // playbacks
  { op: 'playbacks.get', method: 'GET', path: '/playbacks/{playbackId}', summary: 'A playback.', responseClass: 'Playback', params: [playbackId], errors: [{ code: 404, reason: 'The playback cannot be found' }] },
  { op: 'playbacks.stop', method: 'DELETE', path: '/playbacks/{playbackId}', summary: 'Stop a playback.', responseClass: 'void', params: [playbackId], errors: [{ code: 404, reason: 'The playback cannot be found' }] },
  {
    op: 'playbacks.control',
    method: 'POST',
    path: '/playbacks/{playbackId}/control',
    summary: 'Control a playback.',
    responseClass: 'void',
    params: [playbackId, query('operation', 'string', 'Operation to perform.', { required: true, list: ['restart', 'pause', 'unpause', 'reverse', 'forward'] })],
    errors: [
      { code: 400, reason: 'The provided operation parameter was invalid' },
      { code: 404, reason: 'The playback cannot be found' },
      { code: 409, reason: "The operation cannot be performed in the playback's current state" },
    ],
  },
  // device states, mailboxes
  { op: 'deviceStates.list', method: 'GET', path: '/deviceStates', summary: 'Device states.', responseClass: 'List[DeviceState]', params: [] },
  { op: 'mailboxes.list', method: 'GET', path: '/mailboxes', summary: 'Mailboxes.', responseClass: 'List[Mailbox]', params: [] },
  // events
  {
    op: 'events.eventWebsocket',
    method: 'GET',
    path: '/events',
    summary: 'WebSocket for events.',
    responseClass: 'Message',
    websocket: true,
    params: [query('app', 'string', 'Applications to receive events for.', { required: true, multi: true }), query('subscribeAll', 'boolean', 'Receive every event, not only the apps\u2019 own.')],
  },
  // applications
  { op: 'applications.list', method: 'GET', path: '/applications', summary: 'Stasis applications.', responseClass: 'List[Application]', params: [] },
  {
    op: 'applications.get',
    method: 'GET',
    path: '/applications/{applicationName}',
    summary: 'One Stasis application.',
    responseClass: 'Application',
    params: [applicationName],
    errors: [{ code: 404, reason: 'Application does not exist.' }],
  },
  ...(['subscribe', 'unsubscribe'] as const).map(
    (op): RouteSpec => ({
      op: `applications.${op}`,
      method: op === 'subscribe' ? 'POST' : 'DELETE',
      path: '/applications/{applicationName}/subscription',
      summary: op === 'subscribe' ? 'Subscribe an application to event sources.' : 'Unsubscribe an application from event sources.',
      responseClass: 'Application',
      params: [applicationName, query('eventSource', 'string', 'URIs: channel:{id}, bridge:{id}, endpoint:{tech}[/{resource}], deviceState:{name}.', { required: true, multi: true })],
      errors: [{ code: 400, reason: 'Missing parameter.' }, { code: 404, reason: 'Application does not exist.' }, { code: 422, reason: 'Event source does not exist.' }],
    }),
  ),
];

/** Resource (api-docs document) of a route: the op's prefix. */
export const resourceOf = (route: RouteSpec): string => route.op.split('.')[0];

import type { JsonObject } from '../model/json';

type Prop = JsonObject;
const p = (type: string, required: boolean, description?: string, values?: string[]): Prop => ({
  type,
  required,
  ...(description ? { description } : {}),
  ...(values ? { allowableValues: { valueType: 'LIST', values } } : {}),
});
const model = (id: string, description: string, properties: Record<string, Prop>, extra: JsonObject = {}): JsonObject => ({ id, description, properties, ...extra });

/** Object models, written for the simulator (same names and fields as ARI's). */
const OBJECT_MODELS: Record<string, JsonObject> = {
  CallerID: model('CallerID', 'Caller identification.', { name: p('string', true), number: p('string', true) }),
  DialplanCEP: model('DialplanCEP', 'A position in the dialplan.', {
    context: p('string', true, 'Context.'),
    exten: p('string', true, 'Extension.'),
    priority: p('long', true, 'Priority.'),
    app_name: p('string', true, 'Application running there.'),
    app_data: p('string', true, 'Its arguments.'),
  }),
  Channel: model('Channel', 'A channel between Asterisk and an endpoint.', {
    id: p('string', true, 'Unique id.'),
    protocol_id: p('string', true, 'SIP Call-ID for PJSIP channels, empty otherwise.'),
    name: p('string', true, 'Channel name.'),
    state: p('string', true, 'Channel state.', ['Down', 'Rsrved', 'OffHook', 'Dialing', 'Ring', 'Ringing', 'Up', 'Busy', 'Dialing Offhook', 'Pre-ring', 'Unknown']),
    caller: p('CallerID', true),
    connected: p('CallerID', true),
    accountcode: p('string', true),
    dialplan: p('DialplanCEP', true, 'Where the channel is in the dialplan.'),
    creationtime: p('Date', true, 'When the channel was created.'),
    language: p('string', true, 'Default language.'),
    channelvars: p('object', false, 'Channel variables.'),
    caller_rdnis: p('string', false, 'Redirecting number.'),
    tenantid: p('string', false, 'Tenant id.'),
  }),
  Variable: model('Variable', 'A variable value.', { value: p('string', true, 'The value.') }),
  Playback: model('Playback', 'A playback of media.', {
    id: p('string', true, 'Playback id.'),
    media_uri: p('string', true, 'Media being played.'),
    next_media_uri: p('string', false, 'Media that plays next in the list.'),
    target_uri: p('string', true, 'What the media plays to (channel:{id}).'),
    language: p('string', false, 'Language of sound: media.'),
    state: p('string', true, 'Playback state.', ['queued', 'playing', 'continuing', 'done', 'failed']),
  }),
  Bridge: model('Bridge', 'A bridge of channels.', {
    id: p('string', true, 'Bridge id.'),
    technology: p('string', true, 'Bridging technology.'),
    bridge_type: p('string', true, 'Type.', ['mixing', 'holding']),
    bridge_class: p('string', true, 'Class.'),
    creator: p('string', true, 'Who created it.'),
    name: p('string', true, 'Name.'),
    channels: p('List[string]', true, 'Ids of the member channels.'),
    video_mode: p('string', false, 'Video mode.'),
    video_source_id: p('string', false, 'Video source.'),
    creationtime: p('Date', true, 'When the bridge was created.'),
    bridgevars: p('object', false, 'Bridge variables.'),
  }),
  LiveRecording: model('LiveRecording', 'A recording in progress.', {
    name: p('string', true, 'Recording name.'),
    format: p('string', true, 'File format.'),
    target_uri: p('string', true, 'What is recorded (channel:{id}).'),
    state: p('string', true, 'Recording state.', ['queued', 'recording', 'paused', 'done', 'failed', 'canceled']),
    duration: p('int', false, 'Seconds recorded.'),
    talking_duration: p('int', false, 'Seconds of talk (with silence detection).'),
    silence_duration: p('int', false, 'Seconds of silence (with silence detection).'),
    cause: p('string', false, 'Why the recording failed.'),
  }),
  StoredRecording: model('StoredRecording', 'A recording on disk.', { name: p('string', true), format: p('string', true) }),
  Application: model('Application', 'A Stasis application.', {
    name: p('string', true, 'Name.'),
    channel_ids: p('List[string]', true, 'Subscribed channels.'),
    bridge_ids: p('List[string]', true, 'Subscribed bridges.'),
    endpoint_ids: p('List[string]', true, 'Subscribed endpoints.'),
    device_names: p('List[string]', true, 'Subscribed device states.'),
    events_allowed: p('List[object]', true, 'Event filter: allowed.'),
    events_disallowed: p('List[object]', true, 'Event filter: disallowed.'),
  }),
  BuildInfo: model('BuildInfo', 'Build information.', {
    os: p('string', true),
    kernel: p('string', true),
    options: p('string', true),
    machine: p('string', true),
    date: p('string', true),
    user: p('string', true),
  }),
  SystemInfo: model('SystemInfo', 'System information.', { version: p('string', true), entity_id: p('string', true) }),
  SetId: model('SetId', 'Effective user and group.', { user: p('string', true), group: p('string', true) }),
  ConfigInfo: model('ConfigInfo', 'Configuration.', {
    name: p('string', true),
    default_language: p('string', true),
    max_channels: p('int', false),
    max_open_files: p('int', false),
    max_load: p('double', false),
    setid: p('SetId', true),
  }),
  StatusInfo: model('StatusInfo', 'Status.', { startup_time: p('Date', true), last_reload_time: p('Date', true) }),
  AsteriskInfo: model('AsteriskInfo', 'Asterisk system information.', {
    build: p('BuildInfo', false),
    system: p('SystemInfo', false),
    config: p('ConfigInfo', false),
    status: p('StatusInfo', false),
  }),
  AsteriskPing: model('AsteriskPing', 'Ping answer.', { asterisk_id: p('string', true), ping: p('string', true), timestamp: p('string', true) }),
  Endpoint: model('Endpoint', 'An endpoint.', {
    technology: p('string', true),
    resource: p('string', true),
    state: p('string', false, 'Endpoint state.', ['unknown', 'offline', 'online']),
    channel_ids: p('List[string]', true),
  }),
  FormatLangPair: model('FormatLangPair', 'A format/language pair.', { language: p('string', true), format: p('string', true) }),
  Sound: model('Sound', 'A sound.', { id: p('string', true), text: p('string', false), formats: p('List[FormatLangPair]', true) }),
  DeviceState: model('DeviceState', 'A device state.', {
    name: p('string', true),
    state: p('string', true, 'State.', ['UNKNOWN', 'NOT_INUSE', 'INUSE', 'BUSY', 'INVALID', 'UNAVAILABLE', 'RINGING', 'RINGINUSE', 'ONHOLD']),
  }),
  Mailbox: model('Mailbox', 'A mailbox.', { name: p('string', true), old_messages: p('int', true), new_messages: p('int', true) }),
};

/** Object models each resource document carries. */
export const RESOURCE_MODELS: Readonly<Record<string, readonly string[]>> = {
  asterisk: ['BuildInfo', 'SystemInfo', 'SetId', 'ConfigInfo', 'StatusInfo', 'AsteriskInfo', 'AsteriskPing', 'Variable'],
  endpoints: ['Endpoint'],
  channels: ['DialplanCEP', 'CallerID', 'Channel'],
  bridges: ['Bridge'],
  recordings: ['StoredRecording', 'LiveRecording'],
  sounds: ['FormatLangPair', 'Sound'],
  playbacks: ['Playback'],
  deviceStates: ['DeviceState'],
  mailboxes: ['Mailbox'],
  applications: ['Application'],
};

export function objectModels(resource: string): JsonObject {
  const out: JsonObject = {};
  for (const name of RESOURCE_MODELS[resource] ?? []) out[name] = OBJECT_MODELS[name];
  return out;
}

const ch = (required = true, description?: string): Prop => p('Channel', required, description);

/** Every event type the simulator emits, with ARI's property names. */
const EVENT_MODELS: Record<string, { description: string; properties: Record<string, Prop> }> = {
  StasisStart: { description: 'A channel entered a Stasis application.', properties: { args: p('List[string]', true, 'Application arguments.'), channel: ch(), replace_channel: ch(false) } },
  StasisEnd: { description: 'A channel left a Stasis application.', properties: { channel: ch() } },
  ChannelStateChange: { description: 'A channel changed state.', properties: { channel: ch() } },
  ChannelVarset: { description: 'A channel variable changed.', properties: { variable: p('string', true), value: p('string', true), channel: ch(false) } },
  ChannelHangupRequest: {
    description: 'A hangup was requested on a channel.',
    properties: { cause: p('int', false, 'Cause, or soft-hangup flag when soft.'), tech_cause: p('int', false), soft: p('boolean', false), channel: ch() },
  },
  ChannelDestroyed: {
    description: 'A channel was destroyed.',
    properties: { cause: p('int', true, 'Q.850 cause.'), cause_txt: p('string', true, 'Cause text.'), tech_cause: p('int', false), channel: ch() },
  },
  ChannelDtmfReceived: { description: 'A DTMF digit ended on a channel.', properties: { digit: p('string', true), duration_ms: p('int', true), channel: ch() } },
  ChannelDialplan: { description: 'A channel moved in the dialplan.', properties: { channel: ch(), dialplan_app: p('string', true), dialplan_app_data: p('string', true) } },
  ChannelCallerId: { description: 'A channel caller id changed.', properties: { caller_presentation: p('int', true), caller_presentation_txt: p('string', true), channel: ch() } },
  ChannelConnectedLine: { description: 'A channel connected line changed.', properties: { channel: ch() } },
  Dial: {
    description: 'Dialing state changed.',
    properties: {
      caller: ch(false, 'The calling channel.'),
      peer: ch(true, 'The dialed channel.'),
      forward: p('string', false),
      forwarded: ch(false),
      dialstring: p('string', false),
      dialstatus: p('string', true),
    },
  },
  PlaybackStarted: { description: 'A playback (or one media of it) started.', properties: { playback: p('Playback', true) } },
  PlaybackContinuing: { description: 'A playback moves to its next media.', properties: { playback: p('Playback', true) } },
  PlaybackFinished: { description: 'A playback finished.', properties: { playback: p('Playback', true) } },
  ChannelEnteredBridge: { description: 'A channel joined a bridge.', properties: { bridge: p('Bridge', true), channel: ch(false) } },
  ChannelLeftBridge: { description: 'A channel left a bridge.', properties: { bridge: p('Bridge', true), channel: ch() } },
  BridgeCreated: { description: 'A bridge was created.', properties: { bridge: p('Bridge', true) } },
  BridgeDestroyed: { description: 'A bridge was destroyed.', properties: { bridge: p('Bridge', true) } },
  ApplicationReplaced: { description: 'Another WebSocket took over this application.', properties: {} },
  ApplicationRegistered: { description: 'An outbound WebSocket registered the application (sent on connect).', properties: {} },
  ApplicationUnregistered: { description: 'The outbound WebSocket configuration of the application was removed.', properties: {} },
  RESTResponse: {
    description: 'The answer to a RESTRequest sent on the WebSocket.',
    properties: {
      transaction_id: p('string', true, 'As in the request, or empty.'),
      request_id: p('string', true, 'As in the request, or empty.'),
      status_code: p('int', true, 'HTTP status code.'),
      reason_phrase: p('string', true, 'HTTP reason phrase.'),
      uri: p('string', true, 'The request uri without its query string.'),
      content_type: p('string', false, 'application/json when there is a body.'),
      message_body: p('string', false, 'The JSON body, as a string.'),
    },
  },
  CallBroadcast: {
    description: 'StasisBroadcast offers a channel; claim it with POST /events/claim.',
    properties: { channel: ch(true, 'The channel on offer.'), caller: p('string', false, 'Caller id number.'), called: p('string', false, 'The dialled extension.') },
  },
  CallClaimed: { description: 'A broadcast channel was claimed.', properties: { channel: ch(true, 'The claimed channel.'), winner_app: p('string', true, 'The application that won it.') } },
  RecordingStarted: { description: 'A recording started.', properties: { recording: p('LiveRecording', true) } },
  RecordingFinished: { description: 'A recording finished.', properties: { recording: p('LiveRecording', true) } },
  RecordingFailed: { description: 'A recording failed.', properties: { recording: p('LiveRecording', true) } },
};

/** Event type names the simulator can emit. */
export const EMITTED_EVENT_TYPES: readonly string[] = Object.keys(EVENT_MODELS);

/** The events document's models: Message, Event, every emitted event, and the object models they use. */
export function eventModels(): JsonObject {
  const out: JsonObject = {
    Message: model('Message', 'Base type of events.', { type: p('string', true, 'Message type.'), asterisk_id: p('string', false, 'Id of the Asterisk that sent it.') }, { discriminator: 'type', subTypes: ['Event'] }),
    Event: model('Event', 'Base type of asynchronous events.', { application: p('string', true, 'Receiving application.'), timestamp: p('Date', true, 'When the event happened.') }, { subTypes: [...EMITTED_EVENT_TYPES] }),
  };
  for (const [name, def] of Object.entries(EVENT_MODELS)) out[name] = model(name, def.description, def.properties);
  for (const name of ['Channel', 'CallerID', 'DialplanCEP', 'Bridge', 'Playback', 'LiveRecording']) out[name] = OBJECT_MODELS[name];
  return out;
}

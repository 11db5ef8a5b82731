/** The public surface of src/call/: what other folders may import. */
export type { CalendarService } from './calendar-service';
export type { Call, CallRecordOptions, DialAttempt, DialOptions, DialResult, DialStatus, ListenOptions, ListenResult, PlayOptions, PlayResult, Prompt, SayOptions } from './call-api';
export { DIAL_HEADER_ALLOW_LIST, MAX_DIAL_ENDPOINTS, MAX_DIAL_HEADERS, callerIdOf, checkCallerId, checkDialTarget, dialHeaderProblem, headerVariables } from './dial-input';
export { RECORDING_FORMATS, RECORDING_NAME, checkRecordingFormat, checkRecordingName, limitSeconds } from './record-input';
export { DIALPLAN_CONTEXT, DIALPLAN_EXTENSION, DIALPLAN_LABEL, MOH_CLASS, QUEUE_NAME, SETTABLE_CHANNEL_VAR, VARIABLE_NAME, checkChannelVarValue, checkDialplanTarget, checkDtmf, checkHangupReason, checkMohClass, checkMs, checkQueueName, checkReadableChannelVar, checkSettableChannelVar, checkVariableName, stripControlChars } from './safe-input';
export type { TtsOptions, TtsService } from './tts';

/**
 * Runtime error registry. Every error the runtime raises on purpose carries a
 * stable code from this table so logs, metrics and tests can rely on it. No
 * code here is also a diagnostic code (src/diagnostics/codes.ts): a code
 * names one thing, whichever registry it comes from.
 */
export const ERROR_CODES = {
  // ARI and transport
  ARI_CHANNEL_GONE: 'The channel hung up or left Stasis (ARI 404/409/412); the flow ends quietly.',
  ARI_REQUEST_FAILED: 'Asterisk answered an ARI request with an unexpected error status.',
  ARI_TIMEOUT: 'An ARI request got no answer before its deadline.',
  ARI_TRANSPORT: 'The connection to Asterisk failed while a request was in flight.',
  ARI_NOT_CONNECTED: 'No connection to Asterisk is available for this request.',
  ARI_CONNECTION_LOST: 'The WebSocket carrying this ARI request (REST over WebSocket) closed before the answer arrived.',
  // flow execution
  STEP_FAILED: 'A step failed for a reason that is not a hangup.',
  STEP_BUDGET_EXCEEDED: 'The call ran more steps than the per-call budget allows.',
  GOTO_UNKNOWN_LABEL: 'A goto named a label that does not exist in scope.',
  FLOW_NOT_FOUND: 'A flow id does not exist in the snapshot.',
  CALL_DEPTH_EXCEEDED: 'Sub-flow calls nested deeper than the limit.',
  TEMPLATE_ERROR: 'A template could not be rendered.',
  TEMPLATE_INVALID: 'A template or condition expression does not parse (validation reports it as TEMPLATE_SYNTAX).',
  UNSAFE_INPUT: 'Untrusted input was refused where it would reach a dial string, variable name, path or URL.',
  NO_ROUTE: 'No route, dispatch rule or default matched the call.',
  CALENDAR_NOT_FOUND: 'A condition named a calendar that the config does not declare (validation reports it as UNKNOWN_CALENDAR).',
  TTS_UNAVAILABLE: 'A say step ran but no text-to-speech engine is available.',
  TTS_FAILED: 'The text-to-speech engine failed to render the text.',
  AUDIO_INVALID: 'Audio is not in a form Voxtra can read (WAV header, chunks or sample encoding).',
  HTTP_REQUEST_FAILED: 'An http step or the HTTP router failed (status, timeout or bad JSON).',
  // process
  CONFIG_INVALID: 'The configuration or flows did not validate.',
  SHUTDOWN: 'The runtime is shutting down.',
  SIMULATOR: 'The ARI simulator refused an operation.',
  TEST_STALLED: '`voxtra test` waited for work outside simulated time that never finished.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** An error with a stable code from {@link ERROR_CODES}. */
export class VoxtraError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message ?? ERROR_CODES[code], options);
    this.name = 'VoxtraError';
  }
}

/** True for errors that carry a {@link ErrorCode}. */
export function isVoxtraError(err: unknown, code?: ErrorCode): err is VoxtraError {
  return err instanceof VoxtraError && (code === undefined || err.code === code);
}

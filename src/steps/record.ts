import { RECORDING_FORMATS, RECORDING_NAME } from '../call/record-input';
import { isRecord } from '../core/is-record';
import { intoSchema, objectSchema, ref, templatedString } from './schema-helpers';
import type { StepDefinition } from './step-definition';
import { checkTrustedTemplate } from './trusted-template';
import { NEXT } from './step-result';

export interface RecordParams {
  /** Template over trusted values; absent: `voxtra-<call id>-<n>`. */
  readonly name?: string;
  readonly format: string;
  readonly maxDurationMs?: number;
  readonly maxSilenceMs?: number;
  readonly beep: boolean;
  readonly terminateOn: 'none' | 'any' | '*' | '#';
  readonly ifExists: 'fail' | 'overwrite' | 'append';
  readonly into: string;
}

/** Record defaults; `call.record()` in TypeScript handlers uses the same format, if-exists and terminate-on. */
export const RECORD_DEFAULTS = { format: 'wav', ifExists: 'fail', terminateOn: 'none', into: 'recording' } as const;

/** `call` fields a recording name may read: ones Voxtra or Asterisk generate, never the caller. */
export const NAME_CALL_FIELDS = ['id', 'app', 'route', 'version'] as const;

const NAME = templatedString(
  RECORDING_NAME,
  'Recording name: letters, digits, _ and -, up to 64. May be a template over metadata and call.id, e.g. "vm-{{ call.id | replace: \'.\', \'-\' }}".',
  { maxLength: 256 },
);

export const recordStep: StepDefinition<RecordParams> = {
  type: 'record',
  shape: 'step',
  defaults: RECORD_DEFAULTS,
  description: 'Records the caller (after an optional beep) until silence, a key, the time limit or a hangup; the name goes to `<into>`, the outcome to `<into>_status`.',
  schema: {
    description: 'A recording name, or { name, format, max_duration, max_silence, beep, terminate_on, if_exists, into }.',
    oneOf: [
      NAME,
      objectSchema('Long form.', {
        name: NAME,
        format: { enum: [...RECORDING_FORMATS], description: 'File format (default wav).' },
        max_duration: ref('duration', 'Longest recording (whole seconds; default: no limit).'),
        max_silence: ref('duration', 'Stop after this much silence once the caller has spoken (whole seconds; default: no limit).'),
        beep: { type: 'boolean', description: 'Play a beep before recording (default false).' },
        terminate_on: { enum: ['none', 'any', '*', '#'], description: 'DTMF that stops the recording: none (default), any digit, * or #.' },
        if_exists: { enum: ['fail', 'overwrite', 'append'], description: 'When a recording of that name exists: fail (default, as Asterisk), overwrite or append.' },
        into: intoSchema(50, 'Variable for the name (default recording); also <into>_status done/failed/hangup, <into>_cause, <into>_duration, <into>_format.'),
      }),
    ],
  },
  normalize(raw, ctx) {
    const r = isRecord(raw) ? raw : { name: raw };
    if (typeof r.name === 'string') {
      checkTrustedTemplate(r.name, isRecord(raw) ? ['name'] : [], ctx, {
        what: 'A recording name',
        advice: 'for a name per call write "vm-{{ call.id | replace: \'.\', \'-\' }}".',
        callFields: NAME_CALL_FIELDS,
      });
    }
    return {
      ...(typeof r.name === 'string' ? { name: r.name } : {}),
      format: typeof r.format === 'string' ? r.format : RECORD_DEFAULTS.format,
      ...(r.max_duration !== undefined ? { maxDurationMs: ctx.duration(r.max_duration, ['max_duration']) } : {}),
      ...(r.max_silence !== undefined ? { maxSilenceMs: ctx.duration(r.max_silence, ['max_silence']) } : {}),
      beep: r.beep === true,
      terminateOn: (typeof r.terminate_on === 'string' ? r.terminate_on : RECORD_DEFAULTS.terminateOn) as RecordParams['terminateOn'],
      ifExists: (typeof r.if_exists === 'string' ? r.if_exists : RECORD_DEFAULTS.ifExists) as RecordParams['ifExists'],
      into: typeof r.into === 'string' ? r.into : RECORD_DEFAULTS.into,
    };
  },
  writesVars: (p) => [p.into, `${p.into}_status`, `${p.into}_cause`, `${p.into}_duration`, `${p.into}_format`],
  summary: (p) => [`record ${p.name || `into ${p.into}`}`],
  async execute(p, ctx) {
    const name = p.name !== undefined ? ctx.render(p.name) : defaultName(ctx.call.id, ctx.counters);
    const result = await ctx.call.record({
      name,
      format: p.format,
      ...(p.maxDurationMs !== undefined ? { maxDurationMs: p.maxDurationMs } : {}),
      ...(p.maxSilenceMs !== undefined ? { maxSilenceMs: p.maxSilenceMs } : {}),
      beep: p.beep,
      terminateOn: p.terminateOn,
      ifExists: p.ifExists,
    });
    ctx.setVar(p.into, result.name);
    ctx.setVar(`${p.into}_status`, result.status);
    ctx.setVar(`${p.into}_cause`, result.cause ?? '');
    ctx.setVar(`${p.into}_duration`, result.durationSeconds ?? 0);
    ctx.setVar(`${p.into}_format`, result.format);
    return NEXT;
  },
};

/** `voxtra-<call id with dashes>-<n>`: unique per call, numbered per recording. */
function defaultName(callId: string, counters: Map<string, number>): string {
  const n = (counters.get('record:name') ?? 0) + 1;
  counters.set('record:name', n);
  return `voxtra-${callId.replace(/[^A-Za-z0-9_-]/g, '-')}-${n}`.slice(0, 64);
}

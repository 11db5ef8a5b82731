import path from 'node:path';
import { parseDuration } from '../core/duration';
import type { JsonPath } from '../core/json-path';
import type { DiagnosticCode } from '../diagnostics/codes';
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic';
import type { HttpAudioFormat } from './audio-answer';
import { TTS_DEFAULTS } from '../core/defaults';
import type { TtsEngineName, TtsMediaMode, TtsSettings } from './tts-settings';
import { isRecord } from '../core/is-record';

/** Normalised settings plus every problem found. */
export interface TtsNormalizeResult {
  readonly settings: TtsSettings;
  readonly diagnostics: Diagnostic[];
}

export interface TtsNormalizeOptions {
  /** Folder relative `dir` values are resolved against (the config file's folder; default the working directory). */
  readonly baseDir?: string;
  /** Where the section sits in the config (default `['tts']`). */
  readonly basePath?: JsonPath;
}

const TOP_KEYS = ['engine', 'dir', 'voice', 'language', 'mode', 'url_base', 'max_chars', 'concurrency', 'espeak', 'http'];
const ESPEAK_KEYS = ['binary', 'timeout'];
const HTTP_KEYS = ['url', 'headers', 'timeout', 'format', 'body'];
const NAME = /^[A-Za-z0-9+][A-Za-z0-9_.+/-]*$/;
const HINT = 'See docs/tts.md for the tts settings.';

/**
 * Turns the raw `tts` config section into {@link TtsSettings}, filling
 * defaults. Never throws: problems come back as diagnostics whose path starts
 * at `basePath`, and the settings hold the defaults where a value was bad.
 */
export function normalizeTtsConfig(raw: unknown, opts: TtsNormalizeOptions = {}): TtsNormalizeResult {
  const basePath = opts.basePath ?? ['tts'];
  const diagnostics: Diagnostic[] = [];
  const report = (code: DiagnosticCode, rel: JsonPath, message: string, hint?: string): void => {
    diagnostics.push(diagnostic({ code, path: [...basePath, ...rel], message, hint: hint ?? HINT }));
  };
  const section: Record<string, unknown> = raw === undefined || raw === null ? {} : isRecord(raw) ? raw : {};
  if (raw !== undefined && raw !== null && !isRecord(raw)) report('SCHEMA_TYPE', [], '`tts` must be a mapping');
  unknownKeys(section, TOP_KEYS, [], report);

  const pick = <T extends string>(key: string, allowed: readonly T[], fallback: T, rel: JsonPath = [key], from = section): T => {
    const v = from[key];
    if (v === undefined) return fallback;
    if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
    report('SCHEMA_VALUE', rel, `tts.${rel.join('.')} must be one of ${allowed.join(', ')} (got ${JSON.stringify(v)})`);
    return fallback;
  };
  const str = (from: Record<string, unknown>, key: string, rel: JsonPath, check?: (s: string) => string | undefined): string | undefined => {
    const v = from[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v === '') {
      report('SCHEMA_TYPE', rel, `tts.${rel.join('.')} must be a non-empty string`);
      return undefined;
    }
    const problem = check?.(v);
    if (problem) {
      report('SCHEMA_VALUE', rel, problem);
      return undefined;
    }
    return v;
  };
  const int = (key: string, min: number, max: number, fallback: number): number => {
    const v = section[key];
    if (v === undefined) return fallback;
    if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) return v;
    report('SCHEMA_VALUE', [key], `tts.${key} must be a whole number from ${min} to ${max} (got ${JSON.stringify(v)})`);
    return fallback;
  };
  const duration = (from: Record<string, unknown>, rel: JsonPath): number => {
    const v = from.timeout;
    if (v === undefined) return TTS_DEFAULTS.timeoutMs;
    const ms = parseDuration(v);
    if (ms === undefined || ms === 0) {
      report('INVALID_DURATION', rel, `tts.${rel.join('.')} ${JSON.stringify(v)} is not a positive duration`);
      return TTS_DEFAULTS.timeoutMs;
    }
    return ms;
  };
  const httpUrl = (s: string): string | undefined => {
    try {
      const u = new URL(s);
      return u.protocol === 'http:' || u.protocol === 'https:' ? undefined : `${s} is not an http or https URL`;
    } catch {
      return `${s} is not a valid URL`;
    }
  };
  const voiceName = (s: string): string | undefined => (NAME.test(s) && !s.includes('..') ? undefined : `"${s}" is not a valid name (letters, digits, . _ + - and /)`);

  const engine = pick<TtsEngineName>('engine', ['espeak', 'http', 'none'], TTS_DEFAULTS.engine);
  const mode = pick<TtsMediaMode>('mode', ['file', 'url'], TTS_DEFAULTS.mode);
  const dirRaw = str(section, 'dir', ['dir']) ?? TTS_DEFAULTS.dir;
  const voice = str(section, 'voice', ['voice'], voiceName);
  const language = str(section, 'language', ['language'], voiceName);
  const urlBase = str(section, 'url_base', ['url_base'], httpUrl);
  if (mode === 'url' && section.url_base === undefined) report('SCHEMA_MISSING_PROPERTY', [], 'tts.mode is url, so tts.url_base is required (the URL the rendered files are served under)');

  const espeakRaw = objectAt(section, 'espeak', report);
  unknownKeys(espeakRaw, ESPEAK_KEYS, ['espeak'], report);
  const espeak = { binary: str(espeakRaw, 'binary', ['espeak', 'binary']) ?? TTS_DEFAULTS.espeakBinary, timeoutMs: duration(espeakRaw, ['espeak', 'timeout']) };

  let http: TtsSettings['http'];
  if (section.http !== undefined || engine === 'http') {
    const h = objectAt(section, 'http', report);
    unknownKeys(h, HTTP_KEYS, ['http'], report);
    const url = str(h, 'url', ['http', 'url'], httpUrl);
    if (h.url === undefined) report('SCHEMA_MISSING_PROPERTY', section.http === undefined ? [] : ['http'], 'tts.engine is http, so tts.http.url (the service URL) is required');
    const headers: Record<string, string> = {};
    const headersRaw = objectAt(h, 'headers', report, ['http', 'headers']);
    for (const [name, value] of Object.entries(headersRaw)) {
      if (typeof value !== 'string') report('SCHEMA_TYPE', ['http', 'headers', name], `header ${name} must be a string`);
      else if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) report('SCHEMA_VALUE', ['http', 'headers', name], `"${name}" is not a valid header name`);
      else if (/[\r\n\0]/.test(value)) report('SCHEMA_VALUE', ['http', 'headers', name], `header ${name} must not contain line breaks`);
      else headers[name] = value;
    }
    const format = pick<HttpAudioFormat>('format', ['auto', 'wav', 'l16'], TTS_DEFAULTS.httpFormat, ['http', 'format'], h);
    const body = h.body === undefined ? undefined : isRecord(h.body) ? h.body : (report('SCHEMA_TYPE', ['http', 'body'], 'tts.http.body must be a mapping (the JSON body template)'), undefined);
    if (url) http = { url, headers, timeoutMs: duration(h, ['http', 'timeout']), format, ...(body ? { body } : {}) };
  }

  const settings: TtsSettings = {
    engine,
    dir: path.resolve(opts.baseDir ?? process.cwd(), dirRaw),
    ...(voice !== undefined ? { voice } : {}),
    ...(language !== undefined ? { language } : {}),
    mode,
    ...(urlBase !== undefined ? { urlBase } : {}),
    maxChars: int('max_chars', 1, 100_000, TTS_DEFAULTS.maxChars),
    concurrency: int('concurrency', 1, 64, TTS_DEFAULTS.concurrency),
    espeak,
    ...(http ? { http } : {}),
  };
  return { settings, diagnostics };
}

function objectAt(
  from: Record<string, unknown>,
  key: string,
  report: (code: DiagnosticCode, rel: JsonPath, message: string) => void,
  rel: JsonPath = [key],
): Record<string, unknown> {
  const v = from[key];
  if (v === undefined) return {};
  if (isRecord(v)) return v;
  report('SCHEMA_TYPE', rel, `tts.${rel.join('.')} must be a mapping`);
  return {};
}

function unknownKeys(obj: Record<string, unknown>, allowed: readonly string[], rel: JsonPath, report: (code: DiagnosticCode, rel: JsonPath, message: string) => void): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) report('SCHEMA_UNKNOWN_PROPERTY', [...rel, key], `tts${rel.map((r) => `.${r}`).join('')} has no setting "${key}" (allowed: ${allowed.join(', ')})`);
  }
}

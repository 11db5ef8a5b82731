import Ajv2020 from 'ajv/dist/2020';
import path from 'node:path';
import { normalizeTtsConfig } from '../../src/tts/normalize-tts-config';
import { TTS_CONFIG_SCHEMA } from '../../src/schema/tts-config-schema';

const ajv = new Ajv2020({ strict: true, allErrors: true });
const validate = ajv.compile(TTS_CONFIG_SCHEMA);

function undescribed(schema: unknown, where: string, out: string[]): string[] {
  if (typeof schema !== 'object' || schema === null) return out;
  const s = schema as Record<string, unknown>;
  for (const [key, sub] of Object.entries((s.properties as Record<string, unknown>) ?? {})) {
    if (!(sub as Record<string, unknown>).description) out.push(`${where}.${key}`);
    undescribed(sub, `${where}.${key}`, out);
  }
  if (typeof s.additionalProperties === 'object') {
    if (!(s.additionalProperties as Record<string, unknown>).description) out.push(`${where}.*`);
    undescribed(s.additionalProperties, `${where}.*`, out);
  }
  return out;
}

const issues = (raw: unknown) => normalizeTtsConfig(raw).diagnostics.map((d) => `${d.code} ${d.path.join('.')}: ${d.message}`);

describe('TTS config', () => {
  it('has a description on every property', () => {
    expect(undescribed(TTS_CONFIG_SCHEMA, 'tts', [])).toEqual([]);
  });

  it('fills defaults when the section is missing', () => {
    const { settings, diagnostics } = normalizeTtsConfig(undefined);
    expect(diagnostics).toEqual([]);
    expect(settings).toEqual({
      engine: 'espeak',
      dir: '/var/lib/voxtra/tts',
      mode: 'file',
      maxChars: 1000,
      concurrency: 4,
      espeak: { binary: 'espeak-ng', timeoutMs: 10_000 },
    });
    expect(validate({})).toBe(true);
  });

  it('normalises a full http section and resolves a relative folder against the config folder', () => {
    const raw = {
      engine: 'http',
      dir: 'var/tts',
      voice: 'en-us+f3',
      language: 'en',
      mode: 'url',
      url_base: 'http://voxtra.internal:9464/tts',
      max_chars: 500,
      concurrency: 2,
      espeak: { binary: '/usr/bin/espeak-ng', timeout: '5s' },
      http: { url: 'https://tts.example.com/v1/speak', headers: { Authorization: 'Bearer abc' }, timeout: 2.5, format: 'l16', body: { input: '{{text}}' } },
    };
    expect(validate(raw)).toBe(true);
    const { settings, diagnostics } = normalizeTtsConfig(raw, { baseDir: '/etc/voxtra' });
    expect(diagnostics).toEqual([]);
    expect(settings).toEqual({
      engine: 'http',
      dir: path.resolve('/etc/voxtra/var/tts'),
      voice: 'en-us+f3',
      language: 'en',
      mode: 'url',
      urlBase: 'http://voxtra.internal:9464/tts',
      maxChars: 500,
      concurrency: 2,
      espeak: { binary: '/usr/bin/espeak-ng', timeoutMs: 5000 },
      http: { url: 'https://tts.example.com/v1/speak', headers: { Authorization: 'Bearer abc' }, timeoutMs: 2500, format: 'l16', body: { input: '{{text}}' } },
    });
  });

  it('reports precise problems and keeps defaults where values were bad', () => {
    expect(
      issues({
        engine: 'festival',
        mode: 'url',
        voice: '--help',
        max_chars: 0,
        espeak: { timeout: 'soon', path: '/bin' },
        http: { url: 'ftp://x', headers: { 'Bad Header': 'x', 'X-Ok': 'a\r\nInjected: 1' } },
        colour: 'blue',
      }),
    ).toEqual([
      'SCHEMA_UNKNOWN_PROPERTY tts.colour: tts has no setting "colour" (allowed: engine, dir, voice, language, mode, url_base, max_chars, concurrency, espeak, http)',
      'SCHEMA_VALUE tts.engine: tts.engine must be one of espeak, http, none (got "festival")',
      'SCHEMA_VALUE tts.voice: "--help" is not a valid name (letters, digits, . _ + - and /)',
      'SCHEMA_MISSING_PROPERTY tts: tts.mode is url, so tts.url_base is required (the URL the rendered files are served under)',
      'SCHEMA_UNKNOWN_PROPERTY tts.espeak.path: tts.espeak has no setting "path" (allowed: binary, timeout)',
      'INVALID_DURATION tts.espeak.timeout: tts.espeak.timeout "soon" is not a positive duration',
      'SCHEMA_VALUE tts.http.url: ftp://x is not an http or https URL',
      'SCHEMA_VALUE tts.http.headers.Bad Header: "Bad Header" is not a valid header name',
      'SCHEMA_VALUE tts.http.headers.X-Ok: header X-Ok must not contain line breaks',
      'SCHEMA_VALUE tts.max_chars: tts.max_chars must be a whole number from 1 to 100000 (got 0)',
    ]);
    expect(normalizeTtsConfig({ engine: 'festival', max_chars: 0 }).settings).toMatchObject({ engine: 'espeak', maxChars: 1000 });
  });

  it('requires http.url for the http engine, in the schema and the normaliser alike', () => {
    expect(validate({ engine: 'http' })).toBe(false);
    expect(issues({ engine: 'http' })).toEqual(['SCHEMA_MISSING_PROPERTY tts: tts.engine is http, so tts.http.url (the service URL) is required']);
    expect(validate({ mode: 'url' })).toBe(false);
    expect(validate({ engine: 'http', http: { url: 'http://127.0.0.1/tts' } })).toBe(true);
  });

  it.each([
    [{ engine: 'festival' }],
    [{ voice: '-v' }],
    [{ max_chars: 0 }],
    [{ espeak: { timeout: 'soon' } }],
    [{ http: { url: 'ftp://x' } }],
    [{ http: { url: 'http://x', format: 'mp3' } }],
    [{ colour: 'blue' }],
  ])('schema and normaliser both reject %j', (raw) => {
    expect(validate(raw)).toBe(false);
    expect(normalizeTtsConfig(raw).diagnostics.length).toBeGreaterThan(0);
  });

  it('uses the given base path', () => {
    const d = normalizeTtsConfig({ engine: 1 }, { basePath: ['apps', 0, 'tts'] }).diagnostics;
    expect(d[0].path).toEqual(['apps', 0, 'tts', 'engine']);
  });
});

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeClock } from '../../src/core/fake-clock';
import { isVoxtraError } from '../../src/core/errors';
import { memoryLogger } from '../../src/core/logger';
import { buildServices, sayTexts } from '../../src/runtime/services';
import { normalizeTtsConfig } from '../../src/tts/normalize-tts-config';
import { snapshotOf } from '../steps/support/harness';
import { CountingEngine } from '../tts/counting-engine';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'voxtra-services-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const FLOWS = {
  main: ['answer', { say: 'Welcome to Voxtra.' }, { say: { text: 'Bonjour', language: 'fr' } }, { say: 'Hello {{ call.caller }}' }, { say: 'Welcome to Voxtra.' }],
};
const base = () => ({ baseDir: dir, clock: new FakeClock(0), logger: memoryLogger() });
const settings = (raw: Record<string, unknown>) => normalizeTtsConfig(raw, { baseDir: dir }).settings;

describe('buildServices', () => {
  it('finds every say, and the literal texts among them (templated ones render on first use)', () => {
    expect(sayTexts([snapshotOf(FLOWS)])).toEqual({
      any: true,
      literal: [{ text: 'Welcome to Voxtra.' }, { text: 'Bonjour', language: 'fr' }, { text: 'Welcome to Voxtra.' }],
    });
    expect(sayTexts([snapshotOf({ main: ['answer', { play: 'sound:beep' }] })])).toEqual({ any: false, literal: [] });
  });

  it('pre-renders each distinct literal text with the config tts settings before resolving', async () => {
    const engine = new CountingEngine();
    const services = await buildServices({ ...base(), snapshots: [snapshotOf(FLOWS)], simulator: false, tts: settings({ dir: 'speech' }), ttsEngine: engine });
    expect(engine.calls.map((c) => [c.text, c.opts.language])).toEqual([
      ['Welcome to Voxtra.', undefined],
      ['Bonjour', 'fr'],
    ]);
    const tts = services.tts;
    expect(tts?.store.dir).toBe(path.join(dir, 'speech'));
    // Both texts are on disk, with their text beside them; a call saying them renders nothing.
    const uri = await tts?.render('Welcome to Voxtra.');
    expect(readFileSync(`${uri?.slice('sound:'.length)}.txt`, 'utf8')).toBe('Welcome to Voxtra.\n');
    expect(engine.calls).toHaveLength(2);
    // The templated text waits for a call to fill it in.
    await tts?.render('Hello +15550100');
    expect(engine.calls).toHaveLength(3);
  });

  it('builds no text-to-speech when no flow says anything', async () => {
    const services = await buildServices({ ...base(), snapshots: [snapshotOf({ main: ['answer'] })], simulator: false, tts: settings({ engine: 'none' }) });
    expect(services.tts).toBeUndefined();
  });

  it('refuses to start when flows say something and no engine works, naming what is missing', async () => {
    const opts = { ...base(), snapshots: [snapshotOf(FLOWS)], simulator: false, tts: settings({ dir: 'speech', espeak: { binary: path.join(dir, 'no-espeak-ng') } }) };
    const err: unknown = await buildServices(opts).catch((e: unknown) => e);
    expect(isVoxtraError(err, 'TTS_UNAVAILABLE')).toBe(true);
    expect((err as Error).message).toMatch(/^text-to-speech is unavailable: espeak-ng is not installed .*apt-get install espeak-ng, or configure tts.engine: http$/);
  });

  it('with the simulator only, a missing engine gives way to simulated speech (timed silence), with a warning', async () => {
    const logger = memoryLogger();
    const services = await buildServices({ ...base(), logger, snapshots: [snapshotOf(FLOWS)], simulator: true, tts: settings({ dir: 'speech', engine: 'none' }) });
    expect(services.tts?.engine.name).toBe('simulated');
    expect(logger.records).toContainEqual(expect.objectContaining({ level: 'warn', msg: expect.stringMatching(/^no text-to-speech engine works here; the simulator/) }));
  });

  it('keeps the simulator speech in the project (.voxtra/tts) when the config has no tts section', async () => {
    const services = await buildServices({ ...base(), snapshots: [snapshotOf(FLOWS)], simulator: true, ttsEngine: new CountingEngine() });
    expect(services.tts?.store.dir).toBe(path.join(dir, '.voxtra', 'tts'));
    expect(existsSync(path.join(dir, '.voxtra', 'tts'))).toBe(true);
  });

  it('for TypeScript handlers builds speech without say steps; a missing engine then only fails their say', async () => {
    const logger = memoryLogger();
    const services = await buildServices({ ...base(), logger, snapshots: [snapshotOf({ main: ['answer'] })], simulator: false, handlers: true, tts: settings({ dir: 'speech', engine: 'none' }) });
    const err: unknown = await services.tts?.render('Hello').catch((e: unknown) => e);
    expect(isVoxtraError(err, 'TTS_UNAVAILABLE')).toBe(true);
    expect(logger.records).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'text-to-speech is unavailable; say steps will fail' }));
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isTtsService, type TtsService } from '../../src/call/tts';
import { CachingTtsService } from '../../src/tts/caching-tts-service';
import { CountingEngine } from './counting-engine';

describe('CachingTtsService as the session\'s TtsService', () => {
  it('plugs in where the say step expects a TTS service', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'voxtra-tts-contract-'));
    try {
      const service: TtsService = new CachingTtsService({ engine: new CountingEngine(), dir });
      expect(isTtsService(service)).toBe(true);
      await expect(service.render('Hello', { voice: 'anna' }, new AbortController().signal)).resolves.toMatch(new RegExp(`^sound:${dir}/[0-9a-f]{64}$`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

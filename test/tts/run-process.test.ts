import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FakeClock } from '../../src/core/fake-clock';
import { runProcess } from '../../src/tts/run-process';
import { fakeProgram } from './fake-program';

describe('runProcess', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), 'voxtra-run-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('returns what the program wrote, and a passed output limit as part of the result', async () => {
    const ok = await fakeProgram(dir, 'ok', `process.stdout.write(input.toUpperCase());`);
    const done = await runProcess(ok, [], { input: 'abc', timeoutMs: 10_000, clock: new FakeClock(), maxStdoutBytes: 100 });
    expect(done).toMatchObject({ code: 0, stderr: '' });
    expect(done.stdout.toString()).toBe('ABC');
    expect(done.limit).toBeUndefined();

    const chatty = await fakeProgram(dir, 'chatty', `process.stdout.write('x'.repeat(5000));`);
    const cut = await runProcess(chatty, [], { input: '', timeoutMs: 10_000, clock: new FakeClock(), maxStdoutBytes: 1000 });
    expect(cut.limit).toEqual({ kind: 'output', message: `${chatty} wrote more than 1000 bytes` });
  });
});

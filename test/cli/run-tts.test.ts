import { tempProject } from '../config/temp-project';
import { runCli } from './run-cli';

const FLOWS = 'default: main\nflows:\n  main:\n    steps: [answer, { say: "Hello." }, hangup]\n';

describe('voxtra run: text-to-speech at start-up', () => {
  it('refuses to start when flows say something and no engine works, saying what is missing', async () => {
    const cwd = tempProject({
      'voxtra.config.yaml': 'flows: flows/\nari: { url: "http://127.0.0.1:9" }\ntts: { dir: speech, espeak: { binary: /nonexistent/espeak-ng } }\n',
      'flows/main.yaml': FLOWS,
    });
    const res = await runCli(['run'], { cwd });
    expect(res.code).toBe(1);
    expect(res.stderr).toBe(
      'voxtra: refusing to start: text-to-speech is unavailable: espeak-ng is not installed (no "/nonexistent/espeak-ng" on PATH): apt-get install espeak-ng, or configure tts.engine: http\n',
    );
  });

  it('refuses engine none when flows say something', async () => {
    const cwd = tempProject({ 'voxtra.config.yaml': 'flows: flows/\nari: { url: "http://127.0.0.1:9" }\ntts: { engine: none, dir: speech }\n', 'flows/main.yaml': FLOWS });
    const res = await runCli(['run'], { cwd });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/^voxtra: refusing to start: text-to-speech is unavailable: tts.engine is none: set tts.engine: espeak/);
  });
});

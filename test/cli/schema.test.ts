import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tempProject } from '../config/temp-project';
import { runCli } from './run-cli';

describe('voxtra schema', () => {
  it('prints the flow schema by default and the config schema on request', async () => {
    const cwd = tempProject({});
    const flow = await runCli(['schema'], { cwd });
    expect(flow.code).toBe(0);
    expect(JSON.parse(flow.stdout)).toMatchObject({ title: 'Voxtra flow file' });
    const config = await runCli(['schema', 'config'], { cwd });
    expect(JSON.parse(config.stdout)).toMatchObject({ title: 'Voxtra configuration' });
  });

  it('writes both files with --out, identical to the committed schemas', async () => {
    const cwd = tempProject({});
    const r = await runCli(['schema', '--out', 'out/schemas'], { cwd });
    expect(r.code).toBe(0);
    for (const name of ['flow.schema.json', 'voxtra.config.schema.json']) {
      expect(readFileSync(path.join(cwd, 'out/schemas', name), 'utf8')).toBe(readFileSync(path.join(__dirname, '../../schemas', name), 'utf8'));
    }
  });

  it('refuses an unknown kind', async () => {
    expect((await runCli(['schema', 'routes'], { cwd: tempProject({}) })).code).toBe(2);
  });
});

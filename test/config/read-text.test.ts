import path from 'node:path';
import { readText, readTextSync } from '../../src/config/read-text';
import { tempProject } from './temp-project';

describe('readText', () => {
  const dir = tempProject({ 'ok.yaml': 'a: 1\n', 'latin1.yaml': Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]), 'sub/x.yaml': '' });
  const read = (name: string) => readTextSync(path.join(dir, name), name);

  it('reads UTF-8 text', async () => {
    expect(read('ok.yaml')).toEqual({ text: 'a: 1\n' });
    expect(await readText(path.join(dir, 'ok.yaml'), 'ok.yaml')).toEqual({ text: 'a: 1\n' });
  });

  it.each([
    ['missing.yaml', 'FILE_NOT_FOUND', 'missing.yaml does not exist'],
    ['ok.yaml/below.yaml', 'FILE_NOT_FOUND', 'ok.yaml/below.yaml does not exist'],
    ['sub', 'FILE_READ_ERROR', 'sub is a folder, not a file'],
    ['latin1.yaml', 'FILE_READ_ERROR', 'latin1.yaml is not UTF-8 text'],
  ])('%s: %s', (name, code, message) => {
    expect(read(name).diagnostic).toMatchObject({ code, message, file: name, path: [] });
  });
});

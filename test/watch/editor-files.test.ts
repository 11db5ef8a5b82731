import { isEditorTempFile, isWatchedFileName } from '../../src/watch/editor-files';

describe('editor files', () => {
  it.each(['.main.yaml.swp', '.main.yaml.swx', '.main.yaml.swo', 'main.yaml~', '.#main.yaml', '#main.yaml#', '4913', 'main.yaml.tmp', 'main.yaml___jb_tmp___', 'main.yaml___jb_old___'])(
    'ignores %s',
    (name) => {
      expect(isEditorTempFile(name)).toBe(true);
      expect(isWatchedFileName(name)).toBe(false);
    },
  );

  it('watches config and flow extensions only', () => {
    expect(['main.yaml', 'main.yml', 'routes.toml', 'flows.json', 'UPPER.YAML'].every(isWatchedFileName)).toBe(true);
    expect(['README.md', 'prompt.wav', 'main', 'main.yaml.bak', 'main.js'].some(isWatchedFileName)).toBe(false);
  });
});

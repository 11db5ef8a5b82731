import { globCrossesFolders, globToRegExp, isGlob, splitGlob } from '../../src/watch/glob';

describe('glob helpers', () => {
  it('tells globs from plain paths', () => {
    expect(['flows/*.yaml', 'flows/**', 'f/?.json', 'f/[ab].yaml', 'f/{a,b}.yaml', 'f/!(x).yaml'].every(isGlob)).toBe(true);
    expect(['flows/', 'flows/main.yaml', 'voxtra.config.toml', 'my flows/a+b.yaml'].some(isGlob)).toBe(false);
  });

  it('splits a glob into its base folder and pattern', () => {
    expect(splitGlob('flows/**/*.yaml')).toEqual({ base: 'flows', pattern: '**/*.yaml' });
    expect(splitGlob('apps/sales/flows/*.{yaml,toml}')).toEqual({ base: 'apps/sales/flows', pattern: '*.{yaml,toml}' });
    expect(splitGlob('*.yaml')).toEqual({ base: '.', pattern: '*.yaml' });
    expect(splitGlob('/etc/voxtra/*/flows/*.yaml')).toEqual({ base: '/etc/voxtra', pattern: '*/flows/*.yaml' });
    expect(splitGlob('/*.yaml')).toEqual({ base: '/', pattern: '*.yaml' });
  });

  it('knows whether a pattern reaches into subfolders', () => {
    expect(globCrossesFolders('*.yaml')).toBe(false);
    expect(globCrossesFolders('**/*.yaml')).toBe(true);
    expect(globCrossesFolders('*/main.yaml')).toBe(true);
  });

  it.each([
    ['*.yaml', 'a.yaml', true],
    ['*.yaml', 'sub/a.yaml', false],
    ['*.yaml', 'a.yml', false],
    ['**/*.yaml', 'a.yaml', true],
    ['**/*.yaml', 'x/y/a.yaml', true],
    ['**', 'x/y/a.toml', true],
    ['sub/**/main.json', 'sub/main.json', true],
    ['sub/**/main.json', 'sub/a/b/main.json', true],
    ['sub/**/main.json', 'other/main.json', false],
    ['*.{yaml,yml}', 'a.yml', true],
    ['*.{yaml,yml}', 'a.toml', false],
    ['{ivr,menus/{a,b}}/*.yaml', 'menus/b/x.yaml', true],
    ['{ivr,menus/{a,b}}/*.yaml', 'menus/c/x.yaml', false],
    ['flow-?.yaml', 'flow-1.yaml', true],
    ['flow-?.yaml', 'flow-10.yaml', false],
    ['flow-[0-9].yaml', 'flow-7.yaml', true],
    ['flow-[!0-9].yaml', 'flow-7.yaml', false],
    ['a+b(1).yaml', 'a+b(1).yaml', true],
    ['!(skip).yaml', 'anything/at/all.yaml', true],
  ])('%s matches %s: %s', (pattern, path, expected) => {
    expect(globToRegExp(pattern).test(path)).toBe(expected);
  });
});

import { resolveWatchRoots, rootsMatchFile, rootsWant, watchBases, type PathKind } from '../../src/watch/watch-roots';

const existing: Record<string, PathKind> = {
  '/p': 'dir',
  '/p/flows': 'dir',
  '/p/voxtra.config.yaml': 'file',
  '/p/single.toml': 'file',
  '/p/apps': 'dir',
};
const kindOf = (abs: string): PathKind => existing[abs] ?? 'missing';

describe('resolveWatchRoots', () => {
  const roots = resolveWatchRoots(['voxtra.config.yaml', 'flows/', 'single.toml', 'apps/*/flows/**/*.yaml', 'later', 'new.yaml'], '/p', kindOf);

  it('classifies folders, files, globs and missing paths', () => {
    expect(roots.map(({ dir, recursive, file }) => ({ dir, recursive, file }))).toEqual([
      { dir: '/p', recursive: false, file: '/p/voxtra.config.yaml' },
      { dir: '/p/flows', recursive: true, file: undefined },
      { dir: '/p', recursive: false, file: '/p/single.toml' },
      { dir: '/p/apps', recursive: true, file: undefined },
      { dir: '/p/later', recursive: true, file: undefined },
      { dir: '/p', recursive: false, file: '/p/new.yaml' },
    ]);
  });

  it('matches changed files against the roots', () => {
    expect(rootsMatchFile(roots, '/p/voxtra.config.yaml')).toBe(true);
    expect(rootsMatchFile(roots, '/p/other.yaml')).toBe(false);
    expect(rootsMatchFile(roots, '/p/flows/a.yaml')).toBe(true);
    expect(rootsMatchFile(roots, '/p/flows/deep/er/a.json')).toBe(true);
    expect(rootsMatchFile(roots, '/p/flows/notes.md')).toBe(false);
    expect(rootsMatchFile(roots, '/p/flows/.#a.yaml')).toBe(false);
    expect(rootsMatchFile(roots, '/p/flows/.git/config.json')).toBe(false);
    expect(rootsMatchFile(roots, '/p/flows/node_modules/x/package.json')).toBe(false);
    expect(rootsMatchFile(roots, '/p/apps/sales/flows/a.yaml')).toBe(true);
    expect(rootsMatchFile(roots, '/p/apps/sales/flows/x/a.yaml')).toBe(true);
    expect(rootsMatchFile(roots, '/p/apps/sales/flows/a.toml')).toBe(false);
    expect(rootsMatchFile(roots, '/p/apps/sales/a.yaml')).toBe(false);
    expect(rootsMatchFile(roots, '/p/later/x.yaml')).toBe(true);
    expect(rootsMatchFile(roots, '/p/new.yaml')).toBe(true);
  });

  it('lets chokidar into the roots and the folders leading to them only', () => {
    expect(rootsWant(roots, '/p', true)).toBe(true);
    expect(rootsWant(roots, '/p/flows/sub', true)).toBe(true);
    expect(rootsWant(roots, '/p/flows/.git', true)).toBe(false);
    expect(rootsWant(roots, '/p/node_modules', true)).toBe(false);
    expect(rootsWant(roots, '/p/src', undefined)).toBe(false);
    expect(rootsWant(roots, '/p/later', undefined)).toBe(true);
    expect(rootsWant(roots, '/p/flows/maybe-a-folder', undefined)).toBe(true);
    expect(rootsWant(roots, '/p/flows/a.yaml', false)).toBe(true);
    expect(rootsWant(roots, '/p/flows/a.yaml.swp', false)).toBe(false);
    expect(rootsWant(roots, '/p/package.json', false)).toBe(false);
  });

  it('watches from the folder holding each root, or the nearest existing ancestor, without overlaps', () => {
    expect(watchBases(roots, kindOf)).toEqual(['/p']);
    const nested = resolveWatchRoots(['/p/flows', '/q/missing/deeper/flows'], '/', kindOf);
    expect(watchBases(nested, kindOf)).toEqual(['/']);
    const dirs = new Set(['/', '/a', '/a/flows', '/b']);
    const kinds = (abs: string): PathKind => (dirs.has(abs) ? 'dir' : abs === '/b/conf.yaml' ? 'file' : 'missing');
    const apart = resolveWatchRoots(['/a/flows', '/b/conf.yaml'], '/', kinds);
    expect(watchBases(apart, kinds)).toEqual(['/a', '/b']);
  });
});

describe('a non-recursive glob root', () => {
  const roots = resolveWatchRoots(['flows/*.yaml'], '/p', kindOf);

  it('matches top-level files only and does not descend', () => {
    expect(rootsMatchFile(roots, '/p/flows/a.yaml')).toBe(true);
    expect(rootsMatchFile(roots, '/p/flows/sub/a.yaml')).toBe(false);
    expect(rootsWant(roots, '/p/flows/sub', true)).toBe(false);
  });
});

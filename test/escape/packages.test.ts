import { allDirs, changedDirs, goModVersions, groupByModule, hasRequirements, ignoredDir } from '../../src/escape/packages.js';
import { remove, tempDir, writeTree } from './helpers.js';
import type { FileDiff } from '../../src/diff/types.js';

const f = (path: string, extra: Partial<FileDiff> = {}): FileDiff => ({ path, status: 'modified', binary: false, added: [], hunks: [], ...extra });

describe('package selection', () => {
  it('takes the directories of changed .go files, old and new paths, skipping what go ignores', () => {
    expect(changedDirs([f('a/x.go'), f('b/y.go', { status: 'renamed', oldPath: 'c/y.go' }), f('main.go'), f('README.md'), f('vendor/v/v.go'), f('d/testdata/t.go'), f('_tools/t.go')])).toEqual(['', 'a', 'b', 'c']);
    expect(ignoredDir('x/.hidden')).toBe(true);
  });

  it('groups package directories by the nearest go.mod, in multi-module repositories too', () => {
    const root = tempDir('mods');
    try {
      writeTree(root, {
        'go.mod': 'module example.com/root\n\ngo 1.22\n',
        'a/a.go': 'package a\n',
        'a/a_test.go': 'package a\n',
        'tools/go.mod': 'module example.com/tools\n\ngo 1.23\n\nrequire example.com/x v1.0.0\n',
        'tools/gen/gen.go': 'package gen\n',
        'tools/main.go': 'package main\n',
        'onlytests/x_test.go': 'package x\n',
      });
      expect(allDirs(root)).toEqual(['a', 'tools', 'tools/gen']);
      const { modules, orphans } = groupByModule(root, ['a', 'tools', 'tools/gen', 'onlytests', 'gone']);
      expect(orphans).toEqual([]);
      expect(modules.map((m) => [m.root, m.packages])).toEqual([
        ['', ['a']],
        ['tools', ['.', 'gen']],
      ]);
      expect(hasRequirements(modules[1]!.goMod)).toBe(true);
      expect(hasRequirements(modules[0]!.goMod)).toBe(false);
      expect(goModVersions('go 1.99.0\ntoolchain go1.99.0\n')).toMatchObject({ go: { major: 1, minor: 99, patch: 0 }, toolchain: 'go1.99.0' });
    } finally {
      remove(root);
    }
  });

  it('reports directories with no go.mod above them', () => {
    const root = tempDir('nomod');
    try {
      writeTree(root, { 'p/p.go': 'package p\n' });
      expect(groupByModule(root, ['p'])).toEqual({ modules: [], orphans: ['p'] });
    } finally {
      remove(root);
    }
  });
});

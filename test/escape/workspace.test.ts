import { existsSync, lstatSync, readFileSync, readlinkSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ArchiveRefusedError, extractArchive, linkStaysInside, prepareArchiveWorkspaces, prepareGitWorkspaces, safeEntryPath } from '../../src/escape/workspace.js';
import { git, listTree, makeTar, remove, tempDir, writeTree } from './helpers.js';

describe('archive extraction', () => {
  let dest: string;
  beforeEach(() => {
    dest = tempDir('extract');
  });
  afterEach(() => remove(dest));

  it('extracts files, directories and in-tree symlinks', async () => {
    const tar = makeTar([
      { path: 'r/', type: 'Directory' },
      { path: 'r/go.mod', body: 'module x\n' },
      { path: 'r/a/a.go', body: 'package a\n' },
      { path: 'r/a/link.go', type: 'SymbolicLink', linkpath: 'a.go' },
      { path: 'r/b/up.go', type: 'SymbolicLink', linkpath: '../a/a.go' },
    ]);
    const r = await extractArchive(tar, dest, { stripComponents: 1 });
    expect(r.files).toBe(5);
    expect(readFileSync(join(dest, 'a/a.go'), 'utf8')).toBe('package a\n');
    expect(readlinkSync(join(dest, 'a/link.go'))).toBe('a.go');
    expect(readFileSync(join(dest, 'b/up.go'), 'utf8')).toBe('package a\n');
  });

  it.each([
    ['an absolute path', [{ path: '/etc/cron.d/x', body: 'x' }], /absolute path/],
    ['a ".." path', [{ path: 'r/../../escape.go', body: 'x' }], /"\.\."/],
    ['a symlink to a file outside the tree', [{ path: 'r/a.go', type: 'SymbolicLink' as const, linkpath: '/etc/passwd' }], /symlink leaving the tree/],
    ['a relative symlink climbing out', [{ path: 'r/a/b.go', type: 'SymbolicLink' as const, linkpath: '../../../outside.go' }], /symlink leaving the tree/],
    ['a hard link outside', [{ path: 'r/h.go', type: 'Link' as const, linkpath: '../../etc/passwd' }], /"\.\."/],
    ['a character device', [{ path: 'r/null', type: 'CharacterDevice' as const }], /CharacterDevice/],
    ['a FIFO', [{ path: 'r/fifo', type: 'FIFO' as const }], /FIFO/],
  ])('refuses %s', async (_name, entries, why) => {
    const err = await extractArchive(makeTar(entries), dest, { stripComponents: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ArchiveRefusedError);
    expect((err as Error).message).toMatch(why);
  });

  it('refuses a symlink and never writes through it', async () => {
    const outside = tempDir('outside');
    try {
      const tar = makeTar([
        { path: 'r/dir', type: 'SymbolicLink', linkpath: outside },
        { path: 'r/dir/pwned.go', body: 'package pwned\n' },
      ]);
      await expect(extractArchive(tar, dest, { stripComponents: 1 })).rejects.toThrow(/symlink leaving the tree/);
      expect(listTree(outside)).toEqual([]);
    } finally {
      remove(outside);
    }
  });

  it('caps bytes and file count', async () => {
    const big = makeTar([{ path: 'r/big.go', body: 'x'.repeat(5000) }]);
    await expect(extractArchive(big, dest, { stripComponents: 1, maxBytes: 4096 })).rejects.toThrow(/more than 4096 bytes/);
    const many = makeTar(Array.from({ length: 20 }, (_, i) => ({ path: `r/f${i}.go`, body: 'p' })));
    remove(dest);
    dest = tempDir('extract');
    await expect(extractArchive(many, dest, { stripComponents: 1, maxFiles: 10 })).rejects.toThrow(/more than 10 entries/);
  });

  it('accepts a stream and plain (uncompressed) tar', async () => {
    await extractArchive(Readable.from([makeTar([{ path: 'x/y.go', body: 'package y\n' }], false)]), dest);
    expect(existsSync(join(dest, 'x/y.go'))).toBe(true);
  });

  it('path helpers', () => {
    expect(safeEntryPath('./a/./b.go', 0)).toBe('a/b.go');
    expect(safeEntryPath('repo-sha/a.go', 1)).toBe('a.go');
    expect(() => safeEntryPath('C:/x', 0)).toThrow(ArchiveRefusedError);
    expect(linkStaysInside('a/b.go', '../c.go')).toBe(true);
    expect(linkStaysInside('a/b.go', '../../c.go')).toBe(false);
    expect(linkStaysInside('a/b.go', '/c.go')).toBe(false);
  });
});

describe('prepareArchiveWorkspaces', () => {
  it('extracts both archives and cleans up, also when one is refused', async () => {
    const ok = makeTar([{ path: 'o-r-sha/go.mod', body: 'module m\n' }]);
    const ws = await prepareArchiveWorkspaces(ok, ok);
    expect(readFileSync(join(ws.headDir, 'go.mod'), 'utf8')).toBe('module m\n');
    await ws.cleanup();
    expect(existsSync(ws.baseDir)).toBe(false);

    // A private TMPDIR shows that a refused archive leaves nothing behind.
    const bad = makeTar([{ path: 'o-r-sha/l', type: 'SymbolicLink', linkpath: '/' }]);
    const privateTmp = tempDir('tmp');
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = privateTmp;
    try {
      await expect(prepareArchiveWorkspaces(ok, bad)).rejects.toThrow(ArchiveRefusedError);
      expect(listTree(privateTmp)).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      remove(privateTmp);
    }
  });
});

describe('prepareGitWorkspaces', () => {
  // Issue 16: an unrelated `docs/passwd -> /etc/passwd` in the base commit made the CLI abort
  // ("internal error", exit 2, no findings). The user's own checkout skips such links instead.
  it('skips a committed symlink leaving the tree instead of refusing the checkout, and never creates it', async () => {
    const repo = tempDir('gitlink');
    try {
      git(repo, 'init', '-q');
      writeTree(repo, { 'go.mod': 'module m\n', 'a/a.go': 'package a\n', 'docs/readme.md': 'x\n' });
      symlinkSync('/etc/passwd', join(repo, 'docs', 'passwd'));
      symlinkSync('../a/a.go', join(repo, 'docs', 'a.go'));
      git(repo, 'add', '-A');
      git(repo, 'commit', '-qm', 'base');
      const ws = await prepareGitWorkspaces(repo, 'HEAD');
      try {
        expect(readFileSync(join(ws.baseDir, 'a/a.go'), 'utf8')).toBe('package a\n');
        expect(lstatSync(join(ws.baseDir, 'docs', 'passwd'), { throwIfNoEntry: false })).toBeUndefined();
        expect(lstatSync(join(ws.headDir, 'docs', 'passwd'), { throwIfNoEntry: false })).toBeUndefined();
        // A link that stays inside is kept.
        expect(readlinkSync(join(ws.baseDir, 'docs', 'a.go'))).toBe('../a/a.go');
      } finally {
        await ws.cleanup();
      }
    } finally {
      remove(repo);
    }
  });

  it('base = git archive of the ref, head = the working tree as it is', async () => {
    const repo = tempDir('gitws');
    try {
      git(repo, 'init', '-q');
      writeTree(repo, { 'go.mod': 'module m\n', 'a/a.go': 'package a // base\n', '.gitignore': 'ignored.go\n' });
      git(repo, 'add', '-A');
      git(repo, 'commit', '-qm', 'base');
      writeTree(repo, { 'a/a.go': 'package a // edited, not committed\n', 'a/new.go': 'package a\n', 'ignored.go': 'x' });
      const ws = await prepareGitWorkspaces(repo, 'HEAD');
      try {
        expect(readFileSync(join(ws.baseDir, 'a/a.go'), 'utf8')).toBe('package a // base\n');
        expect(readFileSync(join(ws.headDir, 'a/a.go'), 'utf8')).toBe('package a // edited, not committed\n');
        expect(existsSync(join(ws.headDir, 'a/new.go'))).toBe(true);
        expect(existsSync(join(ws.headDir, 'ignored.go'))).toBe(false);
        expect(existsSync(join(ws.baseDir, 'a/new.go'))).toBe(false);
        expect(lstatSync(join(ws.headDir, '.git'), { throwIfNoEntry: false })).toBeUndefined();
      } finally {
        await ws.cleanup();
      }
      await expect(prepareGitWorkspaces(repo, '--output=/tmp/x')).rejects.toThrow(/invalid git ref/);
      await expect(prepareGitWorkspaces(repo, 'no-such-ref')).rejects.toThrow(/cannot resolve/);
    } finally {
      remove(repo);
    }
  });
});

describe('prepareGitWorkspaces and the merge base', () => {
  it('archives the merge base of the ref and HEAD, like the diff a pull request shows', async () => {
    const repo = tempDir('mergebase');
    try {
      git(repo, 'init', '-q', '-b', 'main');
      writeTree(repo, { 'a.go': 'package a // fork point\n' });
      git(repo, 'add', '-A');
      git(repo, 'commit', '-qm', 'fork point');
      git(repo, 'checkout', '-qb', 'feature');
      writeTree(repo, { 'b.go': 'package a // feature\n' });
      git(repo, 'add', '-A');
      git(repo, 'commit', '-qm', 'feature');
      git(repo, 'checkout', '-q', 'main');
      writeTree(repo, { 'a.go': 'package a // main moved on\n' });
      git(repo, 'commit', '-qam', 'main moves');
      git(repo, 'checkout', '-q', 'feature');
      const ws = await prepareGitWorkspaces(repo, 'main');
      try {
        expect(readFileSync(join(ws.baseDir, 'a.go'), 'utf8')).toBe('package a // fork point\n');
        expect(readFileSync(join(ws.headDir, 'b.go'), 'utf8')).toBe('package a // feature\n');
      } finally {
        await ws.cleanup();
      }
    } finally {
      remove(repo);
    }
  });
});

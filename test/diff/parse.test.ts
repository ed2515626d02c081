import { parseUnifiedDiff, parsePatch, type FileDiff } from '../../src/diff/index.js';
import { GitRepo, numbered } from './gitrepo.js';

let repo: GitRepo;
beforeEach(() => {
  repo = new GitRepo();
});
afterEach(() => repo.dispose());

function byPath(diff: FileDiff[], path: string): FileDiff {
  const fd = diff.find((d) => d.path === path);
  if (!fd) throw new Error(`no ${path} in ${JSON.stringify(diff.map((d) => d.path))}`);
  return fd;
}

describe('parseUnifiedDiff on real git output', () => {
  it('records added lines and the hunk (context) lines of a modification', () => {
    repo.write('a.go', numbered(10)).commit();
    const lines = numbered(10).split('\n');
    lines.splice(5, 0, 'inserted A', 'inserted B'); // new lines 6 and 7
    repo.write('a.go', lines.join('\n'));
    const diff = parseUnifiedDiff(repo.diff());
    expect(diff).toEqual([
      {
        path: 'a.go',
        status: 'modified',
        binary: false,
        added: [{ start: 6, end: 7 }],
        hunks: [{ start: 3, end: 10 }],
      },
    ]);
  });

  it('keeps separate hunks apart and maps each to new-side line numbers', () => {
    repo.write('big.go', numbered(40)).commit();
    const lines = numbered(40).split('\n');
    lines[2] = 'changed 3'; // line 3 replaced
    lines.splice(30, 1); // old line 31 removed
    lines.splice(35, 0, 'new X'); // inserted after what is now line 35
    repo.write('big.go', lines.join('\n'));
    const out = repo.diff();
    expect(out.match(/^@@ /gm)).toHaveLength(2);
    const fd = byPath(parseUnifiedDiff(out), 'big.go');
    expect(fd.added).toEqual([{ start: 3, end: 3 }, { start: 36, end: 36 }]);
    // hunk 1: new lines 1..6; hunk 2: context from new line 28 to 39 (removal at 31 and insertion at 36 share a hunk)
    expect(fd.hunks).toEqual([{ start: 1, end: 6 }, { start: 28, end: 39 }]);
  });

  it('marks a new file added with every line added', () => {
    repo.write('keep.go', 'package k\n').commit();
    repo.write('pkg/new.go', numbered(4));
    const fd = byPath(parseUnifiedDiff(repo.diff()), 'pkg/new.go');
    expect(fd).toEqual({ path: 'pkg/new.go', status: 'added', binary: false, added: [{ start: 1, end: 4 }], hunks: [{ start: 1, end: 4 }] });
  });

  it('reads an empty new file (no ---/+++ lines) from the diff --git header', () => {
    repo.write('keep.go', 'package k\n').commit();
    repo.write('empty.go', '');
    const out = repo.diff();
    expect(out).not.toContain('+++');
    expect(parseUnifiedDiff(out)).toEqual([{ path: 'empty.go', status: 'added', binary: false, added: [], hunks: [] }]);
  });

  it('marks a deleted file deleted under its old path with no new-side lines', () => {
    repo.write('gone.go', numbered(3)).write('keep.go', 'package k\n').commit();
    repo.git('rm', '-q', 'gone.go');
    const out = repo.diff();
    expect(out).toContain('+++ /dev/null');
    expect(parseUnifiedDiff(out)).toEqual([{ path: 'gone.go', status: 'deleted', binary: false, added: [], hunks: [] }]);
  });

  it('reads a rename with edits: rename from/to, similarity index, and the edited lines', () => {
    repo.write('old/name.go', numbered(20)).commit();
    repo.move('old/name.go', 'new/name.go');
    const lines = numbered(20).split('\n');
    lines[9] = 'edited 10';
    repo.write('new/name.go', lines.join('\n'));
    const out = repo.diff();
    expect(out).toMatch(/^similarity index \d+%$/m);
    expect(out).toContain('rename from old/name.go');
    const fd = byPath(parseUnifiedDiff(out), 'new/name.go');
    expect(fd).toEqual({
      path: 'new/name.go',
      oldPath: 'old/name.go',
      status: 'renamed',
      binary: false,
      added: [{ start: 10, end: 10 }],
      hunks: [{ start: 7, end: 13 }],
    });
  });

  it('reads a pure rename (100% similar, no hunks)', () => {
    repo.write('a.go', numbered(5)).commit();
    repo.move('a.go', 'b.go');
    const out = repo.diff();
    expect(out).toContain('similarity index 100%');
    expect(parseUnifiedDiff(out)).toEqual([{ path: 'b.go', oldPath: 'a.go', status: 'renamed', binary: false, added: [], hunks: [] }]);
  });

  it('treats a mode-only change as modified with no lines', () => {
    repo.write('run.go', numbered(2)).commit();
    repo.chmod('run.go', 0o755);
    const out = repo.diff();
    expect(out).toContain('new mode 100755');
    expect(parseUnifiedDiff(out)).toEqual([{ path: 'run.go', status: 'modified', binary: false, added: [], hunks: [] }]);
  });

  it('combines a mode change with edits', () => {
    repo.write('run.go', numbered(2)).commit();
    repo.write('run.go', numbered(3)).chmod('run.go', 0o755);
    const fd = byPath(parseUnifiedDiff(repo.diff()), 'run.go');
    expect(fd.added).toEqual([{ start: 3, end: 3 }]);
  });

  it('marks "Binary files ... differ" binary, including new and deleted binaries', () => {
    repo.write('blob.bin', new Uint8Array([0, 1, 2, 3])).write('old.bin', new Uint8Array([0, 9])).commit();
    repo.write('blob.bin', new Uint8Array([0, 1, 2, 4])).write('fresh.bin', new Uint8Array([0, 7]));
    repo.git('rm', '-q', 'old.bin');
    const out = repo.diff();
    expect(out).toContain('Binary files a/blob.bin and b/blob.bin differ');
    const diff = parseUnifiedDiff(out);
    expect(byPath(diff, 'blob.bin')).toEqual({ path: 'blob.bin', status: 'modified', binary: true, added: [], hunks: [] });
    expect(byPath(diff, 'fresh.bin')).toMatchObject({ status: 'added', binary: true, added: [] });
    expect(byPath(diff, 'old.bin')).toMatchObject({ status: 'deleted', binary: true });
  });

  it('reads new/deleted state from a Binary files line when no mode line says it', () => {
    const text = ['diff --git a/x.bin b/x.bin', 'Binary files a/x.bin and /dev/null differ', 'diff --git a/y.bin b/y.bin', 'Binary files /dev/null and b/y.bin differ'].join('\n');
    expect(parseUnifiedDiff(text)).toEqual([
      { path: 'x.bin', status: 'deleted', binary: true, added: [], hunks: [] },
      { path: 'y.bin', status: 'added', binary: true, added: [], hunks: [] },
    ]);
  });

  it('skips a GIT binary patch body and still parses the file after it', () => {
    // Binary data chosen so its base85 lines are long; the next file sorts after it.
    const data = new Uint8Array(300).map((_, i) => (i * 37) % 256);
    repo.write('a.bin', data).write('z.go', numbered(3)).commit();
    repo.write('a.bin', data.map((b) => b ^ 0x5a)).write('z.go', numbered(4));
    const out = repo.diff('--binary');
    expect(out).toContain('GIT binary patch');
    const diff = parseUnifiedDiff(out);
    expect(diff.map((d) => d.path)).toEqual(['a.bin', 'z.go']);
    expect(byPath(diff, 'a.bin')).toMatchObject({ binary: true, added: [], hunks: [] });
    expect(byPath(diff, 'z.go')).toMatchObject({ binary: false, added: [{ start: 4, end: 4 }] });
  });

  it('ignores "\\ No newline at end of file" markers', () => {
    repo.write('n.go', 'one\ntwo').write('z.go', 'x\n').commit();
    repo.write('n.go', 'one\ntwo\nthree').write('z.go', 'x\ny\n');
    const out = repo.diff();
    expect(out).toContain('\\ No newline at end of file');
    const diff = parseUnifiedDiff(out);
    expect(byPath(diff, 'n.go')).toMatchObject({ added: [{ start: 2, end: 3 }], hunks: [{ start: 1, end: 3 }] });
    expect(byPath(diff, 'z.go')).toMatchObject({ added: [{ start: 2, end: 2 }] });
  });

  it('reads hunk headers without counts (@@ -1 +1 @@)', () => {
    repo.write('one.go', 'a\n').commit();
    repo.write('one.go', 'b\n');
    const out = repo.diff();
    expect(out).toContain('@@ -1 +1 @@');
    expect(byPath(parseUnifiedDiff(out), 'one.go')).toMatchObject({ added: [{ start: 1, end: 1 }], hunks: [{ start: 1, end: 1 }] });
  });

  it('records no new-side lines for a pure deletion hunk (+N,0)', () => {
    repo.write('d.go', 'a\nb\n').commit();
    repo.write('d.go', '');
    const out = repo.diff();
    expect(out).toContain('+0,0 @@');
    expect(byPath(parseUnifiedDiff(out), 'd.go')).toMatchObject({ status: 'modified', added: [], hunks: [] });
  });

  it('does not mistake removed "-- " or added "++ " content for file headers', () => {
    repo.write('tricky.go', 'keep 1\n-- a/evil.go\nkeep 3\n').commit();
    repo.write('tricky.go', 'keep 1\n++ b/evil.go\nkeep 3\n@@ -1 +1 @@\n');
    const out = repo.diff();
    expect(out).toContain('\n--- a/evil.go\n');
    expect(out).toContain('\n+++ b/evil.go\n');
    expect(parseUnifiedDiff(out)).toEqual([
      { path: 'tricky.go', status: 'modified', binary: false, added: [{ start: 2, end: 2 }, { start: 4, end: 4 }], hunks: [{ start: 1, end: 4 }] },
    ]);
  });

  it('reads paths with spaces (git appends a tab to their ---/+++ lines)', () => {
    repo.write('my dir/a file.go', numbered(2)).commit();
    repo.write('my dir/a file.go', numbered(3)).write('new one.go', '').write('b b.go', 'x\n');
    const out = repo.diff();
    expect(out).toContain('+++ b/my dir/a file.go\t');
    const diff = parseUnifiedDiff(out);
    expect(diff.map((d) => d.path).sort()).toEqual(['b b.go', 'my dir/a file.go', 'new one.go']);
    expect(byPath(diff, 'my dir/a file.go').added).toEqual([{ start: 3, end: 3 }]);
    expect(byPath(diff, 'new one.go').status).toBe('added');
  });

  it('reads a rename between names with spaces', () => {
    repo.write('old name.go', numbered(6)).commit();
    repo.move('old name.go', 'new b/name.go');
    const fd = parseUnifiedDiff(repo.diff());
    expect(fd).toEqual([{ path: 'new b/name.go', oldPath: 'old name.go', status: 'renamed', binary: false, added: [], hunks: [] }]);
  });

  it('unquotes C-quoted paths: UTF-8 octal escapes, quotes, backslashes, tabs', () => {
    repo.write('caf\u00e9.go', 'a\n').write('q"uote.go', 'a\n').write('back\\slash.go', 'a\n').write('t\tab.go', 'a\n').commit();
    repo.write('caf\u00e9.go', 'b\n').write('q"uote.go', 'b\n').write('back\\slash.go', 'b\n').write('t\tab.go', 'b\n');
    repo.write('\u65e5\u672c.go', ''); // empty: header-only, quoted
    const out = repo.diff();
    expect(out).toContain('"b/caf\\303\\251.go"');
    expect(out).toContain('"b/q\\"uote.go"');
    const diff = parseUnifiedDiff(out);
    expect(diff.map((d) => d.path).sort()).toEqual(['back\\slash.go', 'caf\u00e9.go', 'q"uote.go', 't\tab.go', '\u65e5\u672c.go'].sort());
    expect(byPath(diff, 'caf\u00e9.go').added).toEqual([{ start: 1, end: 1 }]);
    expect(byPath(diff, '\u65e5\u672c.go').status).toBe('added');
  });

  it('reads a quoted rename', () => {
    repo.write('\u00e0.go', numbered(6)).commit();
    repo.move('\u00e0.go', '\u00e8.go');
    const out = repo.diff();
    expect(out).toContain('rename from "\\303\\240.go"');
    expect(parseUnifiedDiff(out)).toEqual([{ path: '\u00e8.go', oldPath: '\u00e0.go', status: 'renamed', binary: false, added: [], hunks: [] }]);
  });

  it('parses many files of mixed kinds in order', () => {
    repo.write('a.go', numbered(3)).write('b.go', numbered(3)).write('c.go', numbered(3)).commit();
    repo.write('a.go', numbered(4)).write('c.go', numbered(5));
    repo.git('rm', '-q', 'b.go');
    repo.write('d.go', numbered(1));
    const diff = parseUnifiedDiff(repo.diff());
    expect(diff.map((d) => [d.path, d.status])).toEqual([
      ['a.go', 'modified'], ['b.go', 'deleted'], ['c.go', 'modified'], ['d.go', 'added'],
    ]);
    expect(byPath(diff, 'c.go').added).toEqual([{ start: 4, end: 5 }]);
  });

  it('gives the same result for coloured output and CRLF line ends', () => {
    repo.write('a.go', numbered(8)).commit();
    repo.write('a.go', numbered(9)).write('b.go', 'x\n');
    const plain = parseUnifiedDiff(repo.diff());
    const coloured = repo.git('diff', '--cached', '--color=always', '-M', '--src-prefix=a/', '--dst-prefix=b/', 'HEAD');
    expect(coloured).toContain('\x1b[');
    expect(parseUnifiedDiff(coloured)).toEqual(plain);
    expect(parseUnifiedDiff(repo.diff().replace(/\n/g, '\r\n'))).toEqual(plain);
  });

  it('reads plain `diff -u` output without diff --git lines', () => {
    const text = [
      '--- a/x.go\t2024-01-01 00:00:00.000000000 +0000',
      '+++ b/x.go\t2024-01-02 00:00:00.000000000 +0000',
      '@@ -1,2 +1,3 @@',
      ' a',
      '+b',
      ' c',
      '--- /dev/null',
      '+++ b/y.go',
      '@@ -0,0 +1 @@',
      '+y',
    ].join('\n');
    expect(parseUnifiedDiff(text)).toEqual([
      { path: 'x.go', status: 'modified', binary: false, added: [{ start: 2, end: 2 }], hunks: [{ start: 1, end: 3 }] },
      { path: 'y.go', status: 'added', binary: false, added: [{ start: 1, end: 1 }], hunks: [{ start: 1, end: 1 }] },
    ]);
  });

  it('treats a context line whose leading space was stripped as context', () => {
    const text = ['diff --git a/x.go b/x.go', '--- a/x.go', '+++ b/x.go', '@@ -1,3 +1,4 @@', ' a', '', '+new', ' c'].join('\n');
    expect(parseUnifiedDiff(text)).toEqual([
      { path: 'x.go', status: 'modified', binary: false, added: [{ start: 3, end: 3 }], hunks: [{ start: 1, end: 4 }] },
    ]);
  });

  it('returns nothing for empty input and skips combined merge diffs', () => {
    expect(parseUnifiedDiff('')).toEqual([]);
    const text = ['diff --cc m.go', 'index 1,2..3', '@@@ -1,1 -1,1 +1,2 @@@', '  a', '++b', 'diff --git a/k.go b/k.go', '--- a/k.go', '+++ b/k.go', '@@ -1 +1,2 @@', ' k', '+l'].join('\n');
    expect(parseUnifiedDiff(text)).toEqual([
      { path: 'k.go', status: 'modified', binary: false, added: [{ start: 2, end: 2 }], hunks: [{ start: 1, end: 2 }] },
    ]);
  });
});

describe('parsePatch (GitHub per-file patch)', () => {
  it('reads hunks without file headers', () => {
    const patch = '@@ -10,4 +10,5 @@ func main() {\n a\n-b\n+B\n+C\n c\n d\n@@ -50 +51 @@\n-x\n+y';
    expect(parsePatch('cmd/main.go', patch, 'modified')).toEqual({
      path: 'cmd/main.go',
      status: 'modified',
      binary: false,
      added: [{ start: 11, end: 12 }, { start: 51, end: 51 }],
      hunks: [{ start: 10, end: 14 }, { start: 51, end: 51 }],
    });
  });

  it('agrees with parseUnifiedDiff on the same hunks from real git', () => {
    repo.write('p.go', numbered(30)).commit();
    const lines = numbered(30).split('\n');
    lines[4] = 'five';
    lines.splice(20, 2, 'twenty-one', 'extra', 'twenty-two');
    repo.write('p.go', lines.join('\n'));
    const out = repo.diff();
    const patch = out.slice(out.indexOf('@@'));
    expect(parsePatch('p.go', patch, 'modified')).toEqual(parseUnifiedDiff(out)[0]);
  });

  it('handles "\\ No newline at end of file" in a patch', () => {
    const patch = '@@ -1 +1,2 @@\n-a\n\\ No newline at end of file\n+a\n+b\n\\ No newline at end of file';
    expect(parsePatch('x.go', patch, 'modified').added).toEqual([{ start: 1, end: 2 }]);
  });

  it('marks an absent patch (binary or too large) binary with no lines', () => {
    expect(parsePatch('img.png', undefined, 'added')).toEqual({ path: 'img.png', status: 'added', binary: true, added: [], hunks: [] });
  });

  it('keeps oldPath for renames only', () => {
    expect(parsePatch('b.go', '', 'renamed', 'a.go')).toEqual({ path: 'b.go', oldPath: 'a.go', status: 'renamed', binary: false, added: [], hunks: [] });
    expect(parsePatch('b.go', '@@ -1 +1 @@\n-a\n+b', 'modified', 'a.go')).not.toHaveProperty('oldPath');
  });

  it('records no lines for a deleted file', () => {
    expect(parsePatch('gone.go', '@@ -1,2 +0,0 @@\n-a\n-b', 'deleted')).toEqual({ path: 'gone.go', status: 'deleted', binary: false, added: [], hunks: [] });
  });
});

// The module view's archive pieces on their own: the byte-bounded LRU, the
// filtered extraction (what is written, what refuses the archive), the layout
// read from an extracted tree, and the reader that never leaves it.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from 'tar';
import { ArchiveCache, extractModuleFiles, keptByModuleView, DEFAULT_ARCHIVE_LIMITS } from '../../src/github/archive.js';
import { archiveLayout } from '../../src/github/module.js';
import { readerFor } from '../../src/review/module-source.js';
import { githubTarball } from './fake-github.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'mapguard-archive-test-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function listFiles(root: string, dir = ''): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    return e.isDirectory() ? listFiles(root, rel) : [rel];
  });
}

test('the cache keeps the most recently used archives within its byte bound', async () => {
  const cache = new ArchiveCache(10);
  const load = (n: number) => async () => Buffer.alloc(n);
  expect((await cache.get('a', load(4))).cached).toBe(false);
  expect((await cache.get('b', load(4))).cached).toBe(false);
  expect((await cache.get('a', load(4))).cached).toBe(true); // a is now the most recent
  await cache.get('c', load(4)); // 12 > 10: b, the least recent, goes
  expect(cache.bytes).toBe(8);
  expect((await cache.get('a', load(4))).cached).toBe(true);
  expect((await cache.get('b', load(4))).cached).toBe(false);
  // Larger than the whole bound: used, never kept.
  expect((await cache.get('huge', load(11))).data.length).toBe(11);
  expect((await cache.get('huge', load(11))).cached).toBe(false);
  expect(cache.bytes).toBeLessThanOrEqual(10);
});

test('concurrent reviews of one tree share one download', async () => {
  const cache = new ArchiveCache(100);
  let loads = 0;
  const load = async () => (loads++, await new Promise((r) => setTimeout(r, 20)), Buffer.alloc(5));
  const results = await Promise.all([cache.get('k', load), cache.get('k', load), cache.get('k', load)]);
  expect(loads).toBe(1);
  expect(results.map((r) => r.cached)).toEqual([false, true, true]);
});

test('extraction writes only what the module view reads, under the stripped top directory', async () => {
  const files = {
    'go.mod': 'module example.com/m\n',
    'go.work': 'go 1.22\n\nuse .\n',
    'a/a.go': 'package a\n',
    'a/a_test.go': 'package a\n',
    'a/README.md': '# a\n',
    'a/testdata/x.go': 'package x\n',
    '.github/workflows/ci.go': 'package ci\n',
    'vendor/modules.txt': '# example.com/dep v1.0.0\n',
    'vendor/example.com/dep/dep.go': 'package dep\n',
    'assets/logo.png': 'PNG',
  };
  const dest = tempDir();
  const { files: n } = await extractModuleFiles(githubTarball('octo', 'shop', 'abcdef0123456789', files), dest, DEFAULT_ARCHIVE_LIMITS);
  expect(listFiles(dest).sort()).toEqual(['a/a.go', 'go.mod', 'go.work', 'vendor/example.com/dep/dep.go', 'vendor/modules.txt']);
  expect(n).toBe(5);
  expect(readFileSync(join(dest, 'a', 'a.go'), 'utf8')).toBe('package a\n');
  expect(keptByModuleView('x/vendor/modules.txt')).toBe(true);
  expect(keptByModuleView('_tools/t.go')).toBe(false);
});

test('a path with .. refuses the whole archive; entry count and unpacked size are bounded', async () => {
  const dest = tempDir();
  await expect(extractModuleFiles(githubTarball('o', 'r', 'abcdef0', { '../../evil.go': 'package evil\n' }), dest, DEFAULT_ARCHIVE_LIMITS)).rejects.toThrow(/refused path with "\.\."/);
  const many = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`p${i}.go`, 'package p\n']));
  await expect(extractModuleFiles(githubTarball('o', 'r', 'abcdef0', many), tempDir(), { maxEntries: 10, maxUnpackedBytes: 1 << 20 })).rejects.toThrow(/more than 10 entries/);
  await expect(extractModuleFiles(githubTarball('o', 'r', 'abcdef0', { 'big.go': 'x'.repeat(5000) }), tempDir(), { maxEntries: 100, maxUnpackedBytes: 4096 })).rejects.toThrow(/unpacks to more than/);
});

test('symbolic links in the archive are never created', async () => {
  const src = tempDir();
  const top = join(src, 'octo-shop-abc');
  mkdirSync(join(top, 'a'), { recursive: true });
  writeFileSync(join(top, 'a', 'a.go'), 'package a\n');
  symlinkSync('/etc/hostname', join(top, 'a', 'host.go'));
  symlinkSync('../a', join(top, 'b'));
  const tgz = join(src, 'a.tgz');
  await create({ gzip: true, file: tgz, cwd: src }, ['octo-shop-abc']);
  const dest = tempDir();
  await extractModuleFiles(readFileSync(tgz), dest, DEFAULT_ARCHIVE_LIMITS);
  expect(listFiles(dest)).toEqual(['a/a.go']);
});

test('layout from an extracted tree: nearest go.mod, go.work uses, vendor/; nothing outside the root', () => {
  const root = tempDir();
  const write = (p: string, text: string) => (mkdirSync(join(root, p, '..'), { recursive: true }), writeFileSync(join(root, p), text));
  write('go.work', 'go 1.22\n\nuse (\n\t./svc\n\t./lib\n\t../../elsewhere\n)\n');
  write('svc/go.mod', 'module example.com/svc\n\nrequire example.com/lib v0.0.0\n\nreplace example.com/lib => ../lib\nreplace example.com/host => ../../../etc\n');
  write('svc/vendor/modules.txt', '# example.com/dep v1.0.0\n');
  write('lib/go.mod', 'module example.com/lib\n');
  const layout = archiveLayout(root, ['svc/api']);
  expect(layout.modCache).toBeUndefined();
  expect(layout.modules.map((m) => [m.dir, m.path, m.vendored])).toEqual([
    ['svc', 'example.com/svc', true],
    ['lib', 'example.com/lib', false],
  ]);
  expect(Object.keys(layout.modules[0]!.replaces)).toEqual(['example.com/lib']);
});

test('a confined reader never reads outside its root, whatever the import path or directive says', () => {
  const base = tempDir();
  const root = join(base, 'tree');
  mkdirSync(join(root, 'a'), { recursive: true });
  writeFileSync(join(root, 'a', 'a.go'), 'package a\n');
  mkdirSync(join(base, 'outside'));
  writeFileSync(join(base, 'outside', 'secret.go'), 'package secret\n');
  symlinkSync(join(base, 'outside'), join(root, 'link'));
  const confined = readerFor({ layout: { modules: [] }, fsRoot: root, confined: true }, []);
  expect(confined.goFiles('a')?.map((f) => f.name)).toEqual(['a.go']);
  expect(confined.goFiles('../outside')).toBeUndefined();
  expect(confined.goFiles('a/../../outside')).toBeUndefined();
  expect(confined.goFiles('link')).toBeUndefined();
  expect(confined.readFile?.('../outside/secret.go')).toBeUndefined();
  // The CLI's reader (not confined) may: replace directives point there on purpose.
  expect(readerFor({ layout: { modules: [] }, fsRoot: root }, []).goFiles('../outside')?.map((f) => f.name)).toEqual(['secret.go']);
  expect(existsSync(join(root, 'a', 'a.go'))).toBe(true);
});

// Callers in other packages of the module (issue 17): import blocks read for the importer
// index, the readers' package listings, and the concurrency model taking an importer's
// goroutine or handler as an entry point only where the importer really runs one.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { importedPaths } from '../../src/engine/module/view.js';
import { analyzeSources, parseGoModFile, type SourceInput } from '../../src/engine/index.js';
import { listPackageDirs } from '../../src/review/module-disk.js';
import { memoryPackageReader } from '../../src/review/module-source.js';
import { allRules } from '../../rules/index.js';

describe('importedPaths', () => {
  it('reads single, grouped, aliased, dot and blank imports, and nothing after the first declaration', () => {
    const text = [
      'package p',
      '',
      'import "fmt"',
      'import alias "example.com/m/a"',
      'import (',
      '\t"strings"',
      '\t. "example.com/m/dot"',
      '\t_ "example.com/m/blank"',
      '\t// "example.com/m/commented" sits in a comment',
      ')',
      '',
      'func f() { _ = `import "example.com/m/late"` }',
    ].join('\n');
    const got = importedPaths(text);
    expect(got).toEqual(expect.arrayContaining(['fmt', 'example.com/m/a', 'strings', 'example.com/m/dot', 'example.com/m/blank']));
    expect(got).not.toContain('example.com/m/late');
    expect(got).not.toContain('example.com/m/commented');
  });
});

describe('package listings for the importer index', () => {
  it('the memory reader leaves out vendor/, testdata/ and nested modules', () => {
    const files = ['go.mod', 'a/a.go', 'a/b/b.go', 'vendor/x/x.go', 'a/testdata/t.go', 'tools/go.mod', 'tools/t.go', 'main.go'].map((path) => ({ path, text: path.endsWith('go.mod') ? 'module x\n' : 'package p\n' }));
    expect(memoryPackageReader(files).packageDirs!('')).toEqual(['', 'a', 'a/b']);
    expect(memoryPackageReader(files).packageDirs!('tools')).toEqual(['tools']);
  });

  it('the disk listing does the same', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mapguard-dirs-'));
    try {
      for (const p of ['go.mod', 'a/a.go', 'a/b/b.go', 'vendor/x/x.go', 'a/testdata/t.go', 'tools/go.mod', 'tools/t.go', '.hidden/h.go', 'main.go']) {
        mkdirSync(join(dir, p, '..'), { recursive: true });
        writeFileSync(join(dir, p), p.endsWith('go.mod') ? 'module x\n' : 'package p\n');
      }
      expect(listPackageDirs(dir)).toEqual(['', 'a', 'a/b']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('an importer goroutine as an entry point', () => {
  const goMod = 'module example.com/m\n\ngo 1.22\n';
  const store = [
    'package store',
    '',
    'type Counter struct{ hits map[string]int }',
    '',
    'func New() *Counter { return &Counter{hits: map[string]int{}} }',
    '',
    'func (c *Counter) Add(k string) {',
    '\tc.hits[k]++',
    '}',
  ].join('\n');
  const caller = (pkgLine: string) =>
    [
      pkgLine,
      '',
      'import (',
      '\t"sync"',
      '',
      '\t"example.com/m/store"',
      ')',
      '',
      'func Run(c *store.Counter, keys []string) {',
      '\tvar wg sync.WaitGroup',
      '\tfor _, k := range keys {',
      '\t\twg.Add(1)',
      '\t\tgo func() {',
      '\t\t\tdefer wg.Done()',
      '\t\t\tc.Add(k)',
      '\t\t}()',
      '\t}',
      '\twg.Wait()',
      '}',
    ].join('\n');

  async function findings(files: SourceInput[]) {
    const all: SourceInput[] = [{ path: 'go.mod', text: goMod }, ...files];
    const mod = parseGoModFile(goMod, '')!;
    const rule = allRules.find((r) => r.meta.id === 'concurrent-map-access')!;
    const goFiles = all.filter((f) => f.path.endsWith('.go'));
    const r = await analyzeSources(goFiles.filter((f) => f.path.startsWith('store/')), { rules: [rule], goMods: [{ dir: '', text: goMod }], module: { layout: { modules: [mod] }, reader: memoryPackageReader(all) } });
    return r.findings.map((f) => `${f.path}:${f.line}`);
  }

  it('one parse per file: the importer read early for its goroutines and the package read for its declarations are not parsed again when analysed', async () => {
    const all: SourceInput[] = [
      { path: 'go.mod', text: goMod },
      { path: 'store/store.go', text: store },
      { path: 'work/work.go', text: caller('package work') },
      { path: 'api/api.go', text: 'package api\n\nimport "example.com/m/store"\n\nfunc Get() *store.Counter { return store.New() }\n' },
    ];
    const mod = parseGoModFile(goMod, '')!;
    const goFiles = all.filter((f) => f.path.endsWith('.go'));
    // Every parse asks the tree cache first: count the asks by text.
    const asked = new Map<string, number>();
    const treeCache = { get: (text: string) => void asked.set(text, (asked.get(text) ?? 0) + 1), put: () => undefined };
    // Listed importers first, as a walk in path order would give them: the view must not parse them twice.
    const r = await analyzeSources(goFiles, { rules: allRules, goMods: [{ dir: '', text: goMod }], treeCache, module: { layout: { modules: [mod] }, reader: memoryPackageReader(all) } });
    expect(r.findings.map((f) => `${f.path}:${f.line}:${f.ruleId}`)).toContain('store/store.go:8:concurrent-map-access');
    for (const f of goFiles) expect({ path: f.path, parses: asked.get(f.text) ?? 0 }).toEqual({ path: f.path, parses: 1 });
    expect(asked.size).toBe(goFiles.length);
  });

  it('flags the write when a goroutine started in a loop of another package calls the method', async () => {
    expect(await findings([{ path: 'store/store.go', text: store }, { path: 'work/work.go', text: caller('package work') }])).toEqual(['store/store.go:8']);
  });

  it('a main package counts as an importer too', async () => {
    expect(await findings([{ path: 'store/store.go', text: store }, { path: 'cmd/run/main.go', text: `${caller('package main')}\n\nfunc main() {}\n` }])).toEqual(['store/store.go:8']);
  });

  it('not when the only such caller is a test', async () => {
    expect(await findings([{ path: 'store/store.go', text: store }, { path: 'work/work_test.go', text: caller('package work') }])).toEqual([]);
  });

  it('not when the importer locks before the call', async () => {
    const locked = caller('package work').replace('\t\t\tc.Add(k)', '\t\t\tmu.Lock()\n\t\t\tc.Add(k)\n\t\t\tmu.Unlock()').replace('\tvar wg sync.WaitGroup', '\tvar wg sync.WaitGroup\n\tvar mu sync.Mutex');
    expect(await findings([{ path: 'store/store.go', text: store }, { path: 'work/work.go', text: locked }])).toEqual([]);
  });

  it('not when each goroutine gets a counter of its own', async () => {
    const own = caller('package work').replace('\t\t\tc.Add(k)', '\t\t\tmine := store.New()\n\t\t\tmine.Add(k)');
    expect(await findings([{ path: 'store/store.go', text: store }, { path: 'work/work.go', text: own }])).toEqual([]);
  });
});

// Results kept across runs: a re-run after a change reports exactly what a run without the cache
// reports, recomputing the changed directory and the directories that read it (through the
// module view), and nothing else. The stores: a damaged file is a miss, the memory store keeps
// its bound.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskResultCache, MemoryResultCache, splitByCache, unitKey, type RunSettings } from '../../src/review/result-cache.js';
import { memoryPackageReader } from '../../src/review/module-source.js';
import { analyzeSources, type UnitResult } from '../../src/engine/index.js';
import { allRules } from '../../rules/index.js';

const STORE = `package store

// Index is what the report reads.
type Index struct {
	ByName map[string]int
}
`;

const STORE_AS_SLICE = `package store

// Index is what the report reads.
type Index struct {
	ByName []string
}
`;

const REPORT = `package report

import (
	"strings"

	"example.com/app/store"
)

// Line prints the names in the order the index gives them.
func Line(ix *store.Index) string {
	var parts []string
	for name := range ix.ByName {
		parts = append(parts, name)
	}
	return strings.Join(parts, ",")
}
`;

const OTHER = `package other

import "strings"

var seen = map[string]bool{}

func Seen() string {
	var out []string
	for k := range seen {
		out = append(out, k)
	}
	return strings.Join(out, " ")
}
`;

const COUNTER = `package counter

// Counter counts hits per key; it leaves sharing to its callers.
type Counter struct {
	hits map[string]int
}

func NewCounter() *Counter { return &Counter{hits: make(map[string]int)} }

// Add records one hit.
func (c *Counter) Add(key string) {
	c.hits[key]++
}
`;

const SERVER = `package api

import (
	"net/http"

	"example.com/app/counter"
)

// Server counts the paths it serves, on one counter for every request.
type Server struct {
	counter *counter.Counter
}

func NewServer() *Server { return &Server{counter: counter.NewCounter()} }

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.counter.Add(r.URL.Path)
	w.WriteHeader(http.StatusNoContent)
}
`;

function resultFiles(cacheDir: string): Map<string, number> {
  const out = new Map<string, number>();
  if (!existsSync(cacheDir)) return out;
  for (const d of readdirSync(cacheDir)) {
    if (!d.startsWith('results-')) continue;
    for (const fan of readdirSync(join(cacheDir, d))) for (const f of readdirSync(join(cacheDir, d, fan))) out.set(`${fan}/${f}`, statSync(join(cacheDir, d, fan, f)).mtimeMs);
  }
  return out;
}

interface Reported {
  findings: { path: string; line: number; ruleId: string; message: string; severity: string }[];
  problems: unknown[];
  stats: { files: number; packages: number };
}

describe('the CLI with kept results', () => {
  let dir: string;
  let cacheDir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mapguard-results-'));
    cacheDir = join(dir, 'cache');
    const mod = join(dir, 'app');
    for (const d of ['store', 'report', 'other']) mkdirSync(join(mod, d), { recursive: true });
    writeFileSync(join(mod, 'go.mod'), 'module example.com/app\n\ngo 1.22\n');
    writeFileSync(join(mod, 'store', 'store.go'), STORE);
    writeFileSync(join(mod, 'report', 'report.go'), REPORT);
    writeFileSync(join(mod, 'other', 'other.go'), OTHER);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const check = (...extra: string[]): Reported => {
    const r = spawnSync(process.execPath, ['bin/mapguard.js', 'check', '--format', 'json', '--fail-on', 'never', ...extra, join(dir, 'app')], { encoding: 'utf8', env: { ...process.env, MAPGUARD_CACHE_DIR: cacheDir } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Reported & { stats: { durationMs?: number } };
    delete out.stats.durationMs;
    return out;
  };
  const uncached = () => {
    const r = check('--no-cache');
    return r;
  };

  it('reports on a warm run exactly what a run without the cache reports, recomputing only the changed directory and its readers', () => {
    const cold = check();
    expect(cold.findings.map((f) => `${f.path}:${f.line}`)).toEqual(['other/other.go:9', 'report/report.go:12']);
    expect(cold).toEqual(uncached());
    const stored = resultFiles(cacheDir);
    expect(stored.size).toBe(3);

    // Nothing changed: every directory's result is read, none written again.
    expect(check()).toEqual(cold);
    expect(resultFiles(cacheDir)).toEqual(stored);

    // A change in a package nobody imports: only its directory is analysed again.
    writeFileSync(join(dir, 'app', 'other', 'other.go'), OTHER.replace('func Seen', '// Seen lists the keys.\nfunc Seen'));
    const afterOther = check();
    expect(afterOther).toEqual(uncached());
    expect(afterOther.findings.find((f) => f.path === 'other/other.go')?.line).toBe(10);
    const now = resultFiles(cacheDir);
    expect(now.size).toBe(4);
    for (const [f, mtime] of stored) expect(now.get(f)).toBe(mtime);

    // A change in the package whose type the report ranges over: the report is analysed again and
    // its finding goes (a slice's order is its own), as without the cache.
    writeFileSync(join(dir, 'app', 'store', 'store.go'), STORE_AS_SLICE);
    const afterStore = check();
    expect(afterStore).toEqual(uncached());
    expect(afterStore.findings.map((f) => f.path)).toEqual(['other/other.go']);
  });

  it('writes no result with --no-cache', () => {
    uncached();
    expect(resultFiles(cacheDir).size).toBe(0);
  });

  it('recomputes a directory whose importers changed (a new caller in another package)', () => {
    writeFileSync(join(dir, 'app', 'go.mod'), 'module example.com/app\n\ngo 1.22\n');
    mkdirSync(join(dir, 'app', 'counter'));
    writeFileSync(join(dir, 'app', 'counter', 'counter.go'), COUNTER);
    const cold = check();
    expect(cold.findings.some((f) => f.path === 'counter/counter.go')).toBe(false);
    // Every request now adds to one shared counter: its write races, which only the caller shows.
    mkdirSync(join(dir, 'app', 'api'));
    writeFileSync(join(dir, 'app', 'api', 'server.go'), SERVER);
    const warm = check();
    expect(warm).toEqual(uncached());
    expect(warm.findings.filter((f) => f.path === 'counter/counter.go').map((f) => f.ruleId)).toEqual(['concurrent-map-access']);
  });
});

describe('result stores', () => {
  const unit = (dir: string, n = 1): UnitResult => ({ dir, findings: [], problems: Array.from({ length: n }, (_, i) => ({ path: `${dir}/f${i}.go`, message: 'x'.repeat(100) })), files: n, packages: 1, dependencies: { dirs: {}, importers: {} } });

  it('on disk: reads back what was stored, and a damaged file is a miss', () => {
    const root = mkdtempSync(join(tmpdir(), 'mapguard-results-store-'));
    try {
      const store = new DiskResultCache(root);
      store.put('ab'.repeat(32), unit('p'));
      expect(new DiskResultCache(root).get('ab'.repeat(32))).toEqual(unit('p'));
      const [fan] = readdirSync(store.dir);
      const [file] = readdirSync(join(store.dir, fan!));
      writeFileSync(join(store.dir, fan!, file!), '{"dir":');
      expect(new DiskResultCache(root).get('ab'.repeat(32))).toBeUndefined();
      writeFileSync(join(store.dir, fan!, file!), '{"dir":"p"}');
      expect(new DiskResultCache(root).get('ab'.repeat(32))).toBeUndefined();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('in memory: least recently used entries go first past the bound, and stored entries are copies', () => {
    const one = JSON.stringify(unit('a', 10)).length;
    const store = new MemoryResultCache(one * 2 + 10);
    store.put('a', unit('a', 10));
    store.put('b', unit('b', 10));
    expect(store.get('a')?.dir).toBe('a'); // a is now the most recent
    store.put('c', unit('c', 10));
    expect(store.get('b')).toBeUndefined();
    expect(store.get('a')?.dir).toBe('a');
    expect(store.get('c')?.dir).toBe('c');
    expect(store.size).toBeLessThanOrEqual(one * 2 + 10);
    const u = unit('d');
    store.put('d', u);
    u.problems.length = 0;
    expect(store.get('d')?.problems.length).toBe(1);
  });
});

describe('splitByCache over an in-memory module (the App)', () => {
  const files = [
    { path: 'go.mod', text: 'module example.com/app\n\ngo 1.22\n' },
    { path: 'store/store.go', text: STORE },
    { path: 'report/report.go', text: REPORT },
    { path: 'other/other.go', text: OTHER },
  ];
  const layout = { modules: [{ dir: '', path: 'example.com/app', requires: {}, replaces: {}, vendored: false }] };
  const settings: RunSettings = { severities: {}, goMods: [{ dir: '', text: files[0]!.text }], layout };
  const goFiles = files.filter((f) => f.path.endsWith('.go'));

  const run = async (all: typeof files) => {
    const result = await analyzeSources(all.filter((f) => f.path.endsWith('.go')), { rules: allRules, module: { layout, reader: memoryPackageReader(all) }, units: true, goMods: [...settings.goMods] });
    return result.units!;
  };

  it('keeps a directory whose reads are unchanged, and drops one that read a changed directory', async () => {
    const store = new MemoryResultCache();
    for (const u of await run(files)) store.put(unitKey(u.dir, goFiles.filter((f) => f.path.startsWith(`${u.dir}/`)), settings), u);
    const same = splitByCache(goFiles, settings, store, memoryPackageReader(files));
    expect(same.toAnalyse).toEqual([]);
    expect(same.kept.map((u) => u.dir).sort()).toEqual(['other', 'report', 'store']);
    const report = same.kept.find((u) => u.dir === 'report')!;
    expect(Object.keys(report.dependencies.dirs)).toContain('store');

    const changed = files.map((f) => (f.path === 'store/store.go' ? { ...f, text: STORE_AS_SLICE } : f));
    const split = splitByCache(changed.filter((f) => f.path.endsWith('.go')), settings, store, memoryPackageReader(changed));
    expect(split.toAnalyse.map((f) => f.path).sort()).toEqual(['report/report.go', 'store/store.go']);
    expect(split.kept.map((u) => u.dir)).toEqual(['other']);
  });
});

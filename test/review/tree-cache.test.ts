// The directory of parsed trees: a stored tree reads back as the same arrays, a damaged file is
// a miss (never a wrong tree), pruning keeps the directory under its bound, and through the CLI
// a second run reads the trees and reports exactly what the first (and --no-cache) reported.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goParser } from '../../src/engine/parser.js';
import { DiskTreeCache, defaultCacheDir, pruneTreeCache } from '../../src/review/tree-cache.js';

const SOURCE = 'package p\n\nvar m map[string]int\n\nfunc Set(k string) { m[k] = 1 }\n';

function storedFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(p);
    }
  };
  if (existsSync(root)) walk(root);
  return out;
}

describe('DiskTreeCache', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'mapguard-trees-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reads a stored tree back as the same arrays, and misses other texts', async () => {
    const parser = await goParser();
    const cache = new DiskTreeCache(root);
    expect(cache.get(SOURCE)).toBeUndefined();
    const tree = parser.parse(SOURCE, cache);
    const again = new DiskTreeCache(root).get(SOURCE)!;
    expect(again).toBeDefined();
    expect(Buffer.from(again.buffer).equals(Buffer.from(tree.data.buffer))).toBe(true);
    expect(parser.parse(SOURCE, new DiskTreeCache(root)).rootNode.toString()).toBe(tree.rootNode.toString());
    expect(cache.get(SOURCE + '\n')).toBeUndefined();
  });

  it('treats a truncated or foreign file as a miss', async () => {
    const parser = await goParser();
    parser.parse(SOURCE, new DiskTreeCache(root));
    const [file] = storedFiles(root);
    writeFileSync(file!, Buffer.from([1, 2, 3]));
    expect(new DiskTreeCache(root).get(SOURCE)).toBeUndefined();
    writeFileSync(file!, Buffer.alloc(64));
    expect(new DiskTreeCache(root).get(SOURCE)).toBeUndefined();
  });

  it('prunes the oldest trees past the bound, and directories of other versions', async () => {
    const parser = await goParser();
    const cache = new DiskTreeCache(root);
    for (let i = 0; i < 20; i++) parser.parse(`${SOURCE}// ${i}\n`, cache);
    mkdirSync(join(root, 'trees-0000000000000000', 'ab'), { recursive: true });
    writeFileSync(join(root, 'trees-0000000000000000', 'ab', 'cd'), 'old');
    const size = storedFiles(root).reduce((n, f) => n + statSync(f).size, 0);
    pruneTreeCache(root, size / 2);
    const left = storedFiles(root);
    expect(left.some((f) => f.includes('trees-0000000000000000'))).toBe(false);
    expect(left.length).toBeGreaterThan(0);
    expect(left.reduce((n, f) => n + statSync(f).size, 0)).toBeLessThanOrEqual(size / 2);
  });

  it('lives in MAPGUARD_CACHE_DIR, else the platform cache directory', () => {
    expect(defaultCacheDir({ MAPGUARD_CACHE_DIR: '/x/y' })).toBe('/x/y');
    if (process.platform === 'linux') expect(defaultCacheDir({ XDG_CACHE_HOME: '/c' })).toBe('/c/mapguard');
  });
});

describe('the CLI with the tree cache', () => {
  let dir: string;
  let cacheDir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mapguard-cache-cli-'));
    cacheDir = join(dir, 'cache');
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'a.go'), 'package a\n\nimport "sync"\n\nvar hits = map[string]int{}\n\nfunc Probe(keys []string) {\n\tvar wg sync.WaitGroup\n\tfor _, k := range keys {\n\t\twg.Add(1)\n\t\tgo func() { defer wg.Done(); hits[k]++ }()\n\t}\n\twg.Wait()\n}\n\nfunc Keys() []string {\n\tvar out []string\n\tfor k := range hits {\n\t\tout = append(out, k)\n\t}\n\treturn out\n}\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const check = (...extra: string[]) => {
    const r = spawnSync(process.execPath, ['bin/mapguard.js', 'check', '--format', 'json', '--fail-on', 'never', ...extra, join(dir, 'src')], { encoding: 'utf8', env: { ...process.env, MAPGUARD_CACHE_DIR: cacheDir } });
    expect(r.status).toBe(0);
    return (JSON.parse(r.stdout) as { findings: unknown[] }).findings;
  };

  it('writes nothing with --no-cache, stores trees on a first run and reads them on the next, with the same findings', () => {
    const uncached = check('--no-cache');
    expect(storedFiles(cacheDir)).toEqual([]);
    expect(uncached.length).toBeGreaterThan(0);
    const cold = check();
    const stored = storedFiles(cacheDir).filter((f) => f.includes('trees-'));
    expect(stored.length).toBe(1);
    const written = statSync(stored[0]!).mtimeMs;
    const warm = check();
    expect(warm).toEqual(cold);
    // Other rule settings: the kept result does not serve (result-cache.ts), the kept tree does.
    expect(check('--disable', 'map-clear-loop')).toEqual(cold);
    expect(cold).toEqual(uncached);
    // Read, not written again.
    expect(statSync(stored[0]!).mtimeMs).toBe(written);
  });
});

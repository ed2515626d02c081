// Parallel analysis: how a big directory is cut into parse slices, and, through the built CLI
// (worker threads need the compiled worker module), that a tree with one big directory gets the
// same findings with two workers (the big directory parsed by both, then analysed from the
// handed-over trees) as with one thread.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bigDirectories, slices } from '../../src/review/parallel.js';
import type { SourceInput } from '../../src/engine/index.js';

const file = (path: string, size: number): SourceInput => ({ path, text: 'x'.repeat(size) });

describe('parse slices', () => {
  it('cuts a directory into slices of about equal size, every file in exactly one', () => {
    const files = [file('a.go', 900), file('b.go', 500), file('c.go', 400), file('d.go', 100), file('e.go', 100)];
    const parts = slices(files, 2);
    expect(parts).toHaveLength(2);
    expect(parts.flat().map((f) => f.path).sort()).toEqual(['a.go', 'b.go', 'c.go', 'd.go', 'e.go']);
    const sizes = parts.map((p) => p.reduce((n, f) => n + f.text.length, 0));
    expect(Math.abs(sizes[0]! - sizes[1]!)).toBeLessThanOrEqual(100);
    expect(slices([file('only.go', 10)], 4)).toEqual([[file('only.go', 10)]]);
  });

  it('parses in slices only directories that are a large share of the tree, and only with workers to share them', () => {
    const big = Array.from({ length: 50 }, (_, i) => file(`server/f${i}.go`, 1000));
    const small = Array.from({ length: 20 }, (_, i) => [file(`p${i}/a.go`, 1000)]);
    expect(bigDirectories([big, ...small], 2)).toEqual(new Set([big]));
    expect(bigDirectories([big, ...small], 1).size).toBe(0);
    // Many directories of similar size (the standard library's shape): none is big.
    const even = Array.from({ length: 10 }, (_, d) => Array.from({ length: 50 }, (_, i) => file(`d${d}/f${i}.go`, 1000)));
    expect(bigDirectories(even, 2).size).toBe(0);
  });
});

describe('two workers on a tree with one big directory', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mapguard-parallel-'));
    // The big package: fixture files of several rules, renamed into one package `big`.
    const big = join(dir, 'big');
    mkdirSync(big);
    let n = 0;
    const sources = ['rules/map-range-order/testdata', 'rules/nil-map-write/testdata', 'rules/map-missing-size-hint/testdata', 'rules/map-range-value-copy/testdata'];
    for (let copy = 0; copy < 12; copy++) {
      for (const src of sources) {
        for (const name of readdirSync(src).filter((f) => f.endsWith('.go'))) {
          cpSync(join(src, name), join(big, `c${copy}_${n++}_${name}`));
        }
      }
    }
    // Enough small packages around it that the CLI starts workers (200 files or more).
    for (let i = 0; i < 160; i++) {
      mkdirSync(join(dir, `p${i}`));
      writeFileSync(join(dir, `p${i}`, 'p.go'), `package p${i}\n\nfunc Keys(m map[string]int) []string {\n\tvar out []string\n\tfor k := range m {\n\t\tout = append(out, k)\n\t}\n\treturn out\n}\n`);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (workers: string) => {
    const r = spawnSync(process.execPath, ['bin/mapguard.js', 'check', '--format', 'json', '--fail-on', 'never', dir], { encoding: 'utf8', env: { ...process.env, MAPGUARD_WORKERS: workers }, maxBuffer: 64 * 1024 * 1024 });
    expect(r.stderr).not.toMatch(/internal error|worker failed/);
    const out = JSON.parse(r.stdout) as { findings: { path: string; line: number; ruleId: string; message: string }[] };
    return out.findings.map((f) => `${f.path}:${f.line} ${f.ruleId} ${f.message}`);
  };

  it('reports exactly what one thread reports', () => {
    const one = run('1');
    const two = run('2');
    expect(one.length).toBeGreaterThan(200);
    expect(one.filter((f) => f.startsWith('big/')).length).toBeGreaterThan(50);
    expect(two).toEqual(one);
  });
});

// The race report parser on real `go test -json` output, captured from the
// modules in testdata/captured-src (run in the sandbox layout, so paths start
// with /mg/src and /mg/goroot).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMapFrame, parseTestJson } from '../../src/race/report.js';

const here = dirname(fileURLToPath(import.meta.url));
const captured = (name: string) => readFileSync(join(here, 'testdata', name), 'utf8');

describe('parseTestJson', () => {
  it('reads a map race and a plain race with both stacks and the goroutines that made them', () => {
    const out = parseTestJson(captured('racy.jsonl'));
    expect(out.packages).toEqual([
      expect.objectContaining({ package: 'example.com/cap/racy', status: 'failed', tests: { passed: 0, failed: 2, skipped: 0 }, failedTests: ['TestPutGet', 'TestCounter'] }),
    ]);
    const map = out.reports.filter((r) => r.map);
    const other = out.reports.filter((r) => !r.map);
    expect(map).toHaveLength(1);
    expect(other).toHaveLength(1);
    const r = map[0]!;
    expect(r).toMatchObject({ source: 'race-detector', package: 'example.com/cap/racy', test: 'TestPutGet' });
    // One side is Get's unguarded read (line 19), the other Put's locked write (line 14).
    const sides = [r.current, r.previous!];
    const lineOf = (a: (typeof sides)[number]) => a.frames.find((f) => f.file.endsWith('racy/store.go'))?.line;
    expect(sides.map(lineOf).sort()).toEqual([14, 19]);
    expect(sides.map((a) => a.kind).sort()).toEqual(['read', 'write']);
    for (const a of sides) {
      expect(a.goroutine).toMatch(/^goroutine \d+$/);
      expect(a.createdAt[0]).toMatchObject({ file: '/mg/src/racy/store_test.go', func: 'example.com/cap/racy.TestPutGet' });
    }
    expect(sides.some((a) => a.frames.some((f) => /^runtime\.map(access|assign)/.test(f.func)))).toBe(true);
    // The counter race has no runtime map frame: counted, never a map race.
    expect(other[0]!.current.frames[0]).toMatchObject({ func: 'example.com/cap/racy.Bump', file: '/mg/src/racy/store.go', line: 24 });
    expect(other[0]!.test).toBe('TestCounter');
  });

  it('reads a runtime map crash: the crashing goroutine, its inlined frames and where it was started', () => {
    const out = parseTestJson(captured('crash.jsonl'));
    expect(out.packages[0]).toMatchObject({ package: 'example.com/cap/crash', status: 'failed' });
    expect(out.reports).toHaveLength(1);
    const r = out.reports[0]!;
    expect(r).toMatchObject({ source: 'runtime-crash', crash: 'concurrent map writes', map: true, test: 'TestFill' });
    expect(r.current.kind).toBe('write');
    expect(r.current.frames[0]!.func).toBe('internal/runtime/maps.fatal');
    expect(r.current.frames[1]).toEqual({ func: 'example.com/cap/crash.Fill', file: '/mg/src/crash/crash.go', line: 5 });
    expect(r.current.createdAt[0]).toMatchObject({ func: 'example.com/cap/crash.TestFill', file: '/mg/src/crash/crash_test.go', line: 9 });
  });

  it('names a timeout and the test that was running', () => {
    const out = parseTestJson(captured('timeout.jsonl'));
    expect(out.packages[0]).toMatchObject({ status: 'timed out', note: 'test timed out after 3s (running TestForever)' });
    expect(out.packages[0]!.tests.passed).toBe(1);
    expect(out.reports).toEqual([]);
  });

  it('tells a build failure (with the compiler line) from a binary that ran no test', () => {
    const out = parseTestJson(captured('broken-exit0.jsonl'));
    const byPkg = Object.fromEntries(out.packages.map((p) => [p.package, p]));
    expect(byPkg['example.com/cap/broken']).toMatchObject({ status: 'build failed', note: 'broken/broken.go:3:23: undefined: undefinedName' });
    // TestMain calling os.Exit(0) before m.Run: go test says ok, the summary says no test ran.
    expect(byPkg['example.com/cap/exit0']).toMatchObject({ status: 'no tests', tests: { passed: 0, failed: 0, skipped: 0 } });
  });

  it('joins output events that split a line, and ignores lines that are not JSON', () => {
    const ev = (o: object) => JSON.stringify({ Package: 'p', ...o });
    const text = [
      'go: downloading nothing',
      ev({ Action: 'output', Test: 'TestX', Output: '==================\nWARNING: DATA RACE\nWrite at 0x00c000012345 by goroutine 7:\n  runtime.mapas' }),
      ev({ Action: 'output', Test: 'TestX', Output: 'sign_faststr()\n      /mg/goroot/src/internal/runtime/maps/runtime_faststr.go:263 +0x0\n  p.f()\n      /mg/src/p/p.go:4 +0x44\n\n' }),
      ev({ Action: 'output', Test: 'TestX', Output: 'Previous read at 0x00c000012345 by main goroutine:\n  p.g()\n      /mg/src/p/p.go:8 +0x2c\n==================\n' }),
      ev({ Action: 'fail', Test: 'TestX' }),
      ev({ Action: 'fail' }),
    ].join('\n');
    const out = parseTestJson(text);
    expect(out.reports).toHaveLength(1);
    expect(out.reports[0]).toMatchObject({ map: true, test: 'TestX', current: { kind: 'write', goroutine: 'goroutine 7' }, previous: { kind: 'read', goroutine: 'main goroutine', createdAt: [] } });
    expect(out.reports[0]!.current.frames.map((f) => f.line)).toEqual([263, 4]);
  });
});

describe('isMapFrame', () => {
  it.each([
    ['runtime.mapassign_faststr', true],
    ['runtime.mapaccess1', true],
    ['runtime.mapdelete_fast64', true],
    ['runtime.mapiternext', true],
    ['internal/runtime/maps.(*Iter).Next', true],
    ['reflect.mapiternext', true],
    ['runtime.slicebytetostring', false],
    ['example.com/m.mapassign', false],
    ['sync.(*Map).Store', false],
  ])('%s -> %s', (func, want) => {
    expect(isMapFrame({ func, file: 'x.go', line: 1 })).toBe(want);
  });
});

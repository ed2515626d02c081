// Confirmation: static findings on racing lines become confirmed errors, map
// races no rule saw become concurrent-map-access errors, other races stay out.
import type { Finding } from '../../src/engine/types.js';
import { confirmRaces, markMapRaces, type RepoAccess, type RepoRaceReport } from '../../src/race/confirm.js';

const SRC = ['package p', '', 'func (s *S) Put(k string) { s.m[k] = 1 }', '', 'func (s *S) Get(k string) int { return s.m[k] }', 'var n int', 'func bump() { n++ }'].join('\n');

function access(kind: 'read' | 'write', line: number, goroutine = 'goroutine 7', mapFrame = true): RepoAccess {
  return {
    kind,
    goroutine,
    frames: [
      ...(mapFrame ? [{ func: kind === 'write' ? 'runtime.mapassign_faststr' : 'runtime.mapaccess1_faststr', file: '/mg/goroot/src/internal/runtime/maps/runtime_faststr.go', line: 263 }] : []),
      { func: 'example.com/p.(*S).X', file: '/mg/src/p/p.go', line, path: 'p/p.go' },
      { func: 'example.com/p.TestX.func1', file: '/mg/src/p/p_test.go', line: 12, path: 'p/p_test.go' },
    ],
    createdAt: [{ func: 'example.com/p.TestX', file: '/mg/src/p/p_test.go', line: 11, path: 'p/p_test.go' }],
  };
}

function report(current: RepoAccess, previous?: RepoAccess, map = true): RepoRaceReport {
  return { source: 'race-detector', package: 'example.com/p', test: 'TestX', current, ...(previous ? { previous } : {}), map };
}

function finding(ruleId: string, line: number, severity: Finding['severity'] = 'warning'): Finding {
  return { ruleId, severity, path: 'p/p.go', line, column: 1, endLine: line, endColumn: 2, message: 'Static message.', fingerprint: `${ruleId}-${line}` };
}

const opts = { readHead: (p: string) => (p === 'p/p.go' ? SRC : undefined), reportNew: true };

describe('confirmRaces', () => {
  it('confirms a static finding on either side of a map race: error, says so, names the other side', () => {
    const r = confirmRaces([finding('unguarded-map-field', 5)], [report(access('write', 3), access('read', 5, 'goroutine 9'))], opts);
    expect(r).toMatchObject({ confirmed: 1, added: 0 });
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0]!;
    // Proven, so a concurrent map access: the static span and fix stay, the message is the detector's.
    expect(f).toMatchObject({ ruleId: 'concurrent-map-access', severity: 'error', line: 5 });
    expect(f.message).toBe(
      'The race detector saw this map read race in TestX: a read by goroutine 9 raced with a write by goroutine 7 at p/p.go:3. Guard every access to this map with one mutex (reads included), or give each goroutine its own map. (Found without running it too: unguarded-map-field.)',
    );
    expect(f.related?.[0]).toMatchObject({ path: 'p/p.go', line: 3, message: 'race detector: the other write (goroutine 7)' });
    expect(f.related?.some((l) => l.path === 'p/p_test.go' && l.line === 11)).toBe(true);
  });

  it('leaves findings of other rules and on other lines alone', () => {
    const keep = [finding('map-range-order', 5), finding('unguarded-map-field', 7)];
    const r = confirmRaces(keep, [report(access('write', 3), access('read', 5))], opts);
    expect(r.findings.slice(0, 2)).toEqual(keep);
  });

  it('turns a map race no rule saw into one concurrent-map-access error per line, -count repeats merged', () => {
    const rs = [report(access('write', 3), access('read', 5, 'goroutine 9')), report(access('write', 3, 'goroutine 12'), access('read', 5, 'goroutine 13'))];
    const r = confirmRaces([], rs, opts);
    expect(r).toMatchObject({ confirmed: 0, added: 1 });
    expect(r.findings[0]).toMatchObject({ ruleId: 'concurrent-map-access', severity: 'error', path: 'p/p.go', line: 3, column: 1 });
    expect(r.findings[0]!.message).toBe(
      'The race detector saw this map write race in TestX: a write by goroutine 7 raced with a read by goroutine 9 at p/p.go:5. Guard every access to this map with one mutex (reads included), or give each goroutine its own map.',
    );
    expect(r.findings[0]!.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it('in pull-request mode places the race on the side the change touched', () => {
    const r = confirmRaces([], [report(access('write', 3), access('read', 5))], { ...opts, onChangedLine: (_p, line) => line === 5 });
    expect(r.findings[0]!.line).toBe(5);
    expect(r.findings[0]!.related?.[0]).toMatchObject({ line: 3 });
  });

  it('a confirmed finding off the changed lines is also reported on the changed side, so the pull request shows the race', () => {
    const r = confirmRaces([finding('unguarded-map-field', 5)], [report(access('write', 3), access('read', 5, 'goroutine 9'))], { ...opts, onChangedLine: (_p, line) => line === 3 });
    expect(r.findings.map((f) => [f.ruleId, f.line, f.severity])).toEqual([
      ['concurrent-map-access', 5, 'error'],
      ['concurrent-map-access', 3, 'error'],
    ]);
    expect(r).toMatchObject({ confirmed: 1, added: 1 });
  });

  it('without a diff, a race between a test and the package is reported on the package\'s line', () => {
    const inTest: RepoAccess = { kind: 'write', goroutine: 'goroutine 4', frames: [{ func: 'runtime.mapassign', file: '/mg/goroot/x.go', line: 1 }, { func: 'example.com/p.TestX.func2', file: '/mg/src/p/p_test.go', line: 30, path: 'p/p_test.go' }], createdAt: [] };
    const r = confirmRaces([], [report(inTest, access('read', 5))], opts);
    expect(r.findings.map((f) => [f.path, f.line])).toEqual([['p/p.go', 5]]);
    expect(r.findings[0]!.message).toContain('raced with a write by goroutine 4 at p/p_test.go:30');
  });

  it('never makes a finding of a race that is not a map race, or when the rule is off', () => {
    expect(confirmRaces([], [report(access('write', 7, 'goroutine 7', false), access('write', 7, 'goroutine 8', false), false)], opts).findings).toEqual([]);
    expect(confirmRaces([], [report(access('write', 3), access('read', 5))], { ...opts, reportNew: false }).findings).toEqual([]);
  });

  it('skips races whose both sides are outside the repository', () => {
    const outside: RepoAccess = { kind: 'write', goroutine: 'goroutine 3', frames: [{ func: 'runtime.mapassign', file: '/mg/gomod/x/y.go', line: 9 }], createdAt: [] };
    expect(confirmRaces([], [report(outside, { ...outside, goroutine: 'goroutine 4' })], opts).findings).toEqual([]);
  });
});

describe('markMapRaces', () => {
  it('a value store on a line a map report names is the same map race', () => {
    const store = report(access('write', 3, 'goroutine 7', false), access('write', 3, 'goroutine 8', false), false);
    const plain = report(access('write', 7, 'goroutine 7', false), undefined, false);
    const marked = markMapRaces([report(access('write', 3), access('write', 3)), store, plain]);
    expect(marked.map((r) => r.map)).toEqual([true, true, false]);
  });
});

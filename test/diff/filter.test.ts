import { filterFindings, lineVisible, inRanges, FILTER_MODES, type FileDiff, type FilterMode } from '../../src/diff/index.js';
import type { Finding } from '../../src/engine/types.js';

// main.go: lines 10-11 added inside a hunk showing 7-14; lines 40 added in hunk 37-43.
const modified: FileDiff = {
  path: 'main.go',
  status: 'modified',
  binary: false,
  added: [{ start: 10, end: 11 }, { start: 40, end: 40 }],
  hunks: [{ start: 7, end: 14 }, { start: 37, end: 43 }],
};
const deleted: FileDiff = { path: 'old.go', status: 'deleted', binary: false, added: [], hunks: [] };
const renamed: FileDiff = { path: 'pkg/new.go', oldPath: 'pkg/old.go', status: 'renamed', binary: false, added: [], hunks: [] };
const binary: FileDiff = { path: 'data.bin', status: 'modified', binary: true, added: [], hunks: [] };
const diff = [modified, deleted, renamed, binary];

function finding(path: string, line: number, endLine = line): Finding {
  return {
    ruleId: 'nil-map-write', severity: 'error', path, line, column: 2, endLine, endColumn: 9,
    message: `at ${path}:${line}`, fingerprint: `${path}:${line}`,
  };
}

describe('lineVisible', () => {
  const cases: [number, Record<FilterMode, boolean>][] = [
    [10, { added: true, diff_context: true, file: true, nofilter: true }], // added line
    [11, { added: true, diff_context: true, file: true, nofilter: true }],
    [7, { added: false, diff_context: true, file: true, nofilter: true }], // first context line
    [14, { added: false, diff_context: true, file: true, nofilter: true }], // last context line
    [6, { added: false, diff_context: false, file: true, nofilter: true }], // just outside the hunk
    [15, { added: false, diff_context: false, file: true, nofilter: true }],
    [25, { added: false, diff_context: false, file: true, nofilter: true }], // between hunks
    [40, { added: true, diff_context: true, file: true, nofilter: true }],
  ];
  for (const [line, want] of cases) {
    for (const mode of FILTER_MODES) {
      it(`main.go:${line} under ${mode} is ${want[mode] ? 'visible' : 'hidden'}`, () => {
        expect(lineVisible(modified, line, mode)).toBe(want[mode]);
      });
    }
  }

  it('hides every line of a deleted file except under nofilter', () => {
    expect(lineVisible(deleted, 1, 'file')).toBe(false);
    expect(lineVisible(deleted, 1, 'diff_context')).toBe(false);
    expect(lineVisible(deleted, 1, 'added')).toBe(false);
    expect(lineVisible(deleted, 1, 'nofilter')).toBe(true);
  });

  it('shows a binary or pure-rename file only at file level', () => {
    for (const fd of [binary, renamed]) {
      expect(lineVisible(fd, 1, 'added')).toBe(false);
      expect(lineVisible(fd, 1, 'diff_context')).toBe(false);
      expect(lineVisible(fd, 1, 'file')).toBe(true);
    }
  });
});

describe('filterFindings', () => {
  const findings = [
    finding('main.go', 10),
    finding('main.go', 8, 12), // starts on a context line, spans added lines
    finding('main.go', 9, 10), // starts on context, ends on an added line
    finding('main.go', 11, 30), // starts on an added line, ends far outside
    finding('main.go', 25),
    finding('pkg/new.go', 3),
    finding('pkg/old.go', 3), // the renamed file's old path: not in the diff under that name
    finding('untouched.go', 1),
  ];
  const keep = (mode: FilterMode) => filterFindings(findings, diff, mode).map((f) => f.fingerprint);

  it('added: only findings starting on an added line', () => {
    expect(keep('added')).toEqual(['main.go:10', 'main.go:11']);
  });

  it('diff_context: findings starting on any line shown in a hunk', () => {
    expect(keep('diff_context')).toEqual(['main.go:10', 'main.go:8', 'main.go:9', 'main.go:11']);
  });

  it('file: every finding in a changed, non-deleted file', () => {
    expect(keep('file')).toEqual(['main.go:10', 'main.go:8', 'main.go:9', 'main.go:11', 'main.go:25', 'pkg/new.go:3']);
  });

  it('nofilter: everything, including files outside the diff, as a copy', () => {
    const out = filterFindings(findings, diff, 'nofilter');
    expect(out).toEqual(findings);
    expect(out).not.toBe(findings);
  });

  it('drops everything when the diff is empty (except nofilter)', () => {
    for (const mode of ['added', 'diff_context', 'file'] as const) expect(filterFindings(findings, [], mode)).toEqual([]);
    expect(filterFindings(findings, [], 'nofilter')).toHaveLength(findings.length);
  });

  it('prefers the live entry when a path is both deleted and added (type change)', () => {
    const readded: FileDiff = { path: 'old.go', status: 'added', binary: false, added: [{ start: 1, end: 2 }], hunks: [{ start: 1, end: 2 }] };
    expect(filterFindings([finding('old.go', 2)], [deleted, readded], 'added')).toHaveLength(1);
    expect(filterFindings([finding('old.go', 2)], [readded, deleted], 'added')).toHaveLength(1);
  });
});

describe('inRanges', () => {
  it('finds lines at range edges and rejects gaps across many ranges', () => {
    const ranges = Array.from({ length: 50 }, (_, i) => ({ start: i * 10 + 1, end: i * 10 + 3 }));
    for (let l = 0; l <= 505; l++) {
      const want = l >= 1 && l <= 493 && (l - 1) % 10 < 3;
      expect([l, inRanges(ranges, l)]).toEqual([l, want]);
    }
    expect(inRanges([], 1)).toBe(false);
  });
});

// A ReviewResult exercising every renderer feature: fixes, related sites, each
// severity, the suppression pseudo-rule, a rule outside the registry, paths
// needing escaping, and a file problem.
import type { Finding, RuleMeta } from '../../src/engine/types.js';
import type { ReviewResult } from '../../src/review/types.js';

export const RULES: RuleMeta[] = [
  { id: 'nil-map-write', severity: 'error', description: 'Writes to a map that is nil on every path to the write.', fixable: true },
  { id: 'map-clear-loop', severity: 'notice', description: 'A range loop that only deletes every key; clear(m) says it directly.', minGo: '1.21', fixable: true },
  { id: 'concurrent-map-write', severity: 'error', description: 'A map written from a goroutine while another reads or writes it.', fixable: false },
];

export const fixFinding: Finding = {
  ruleId: 'nil-map-write',
  severity: 'error',
  path: 'pkg/store.go',
  line: 12,
  column: 2,
  endLine: 12,
  endColumn: 14,
  message: 'm is nil here: m[k] = v panics with "assignment to entry in nil map".',
  fix: {
    description: 'Initialise m with make',
    edits: [{ line: 10, column: 6, endLine: 10, endColumn: 22, startIndex: 120, endIndex: 136, newText: 'm := make(map[string]int)' }],
  },
  fingerprint: 'fp-nil-1',
};

export const relatedFinding: Finding = {
  ruleId: 'concurrent-map-write',
  severity: 'warning', // configured down from error
  path: 'server/handler.go',
  line: 40,
  column: 3,
  endLine: 42,
  endColumn: 4,
  message: 'counts is written here while the goroutine at handler.go:55 reads it, with no lock held.',
  related: [{ path: 'server/handler.go', line: 55, column: 7, endLine: 55, endColumn: 19, message: 'the racing read' }],
  fingerprint: 'fp-conc-1',
};

export const noticeFinding: Finding = {
  ruleId: 'map-clear-loop',
  severity: 'notice',
  path: 'odd dir/caf\u00e9, 100%: x.go',
  line: 7,
  column: 1,
  endLine: 9,
  endColumn: 2,
  message: 'Loop deletes every key\nuse clear(m) [Go 1.21](see docs)',
  fix: {
    description: 'Replace the loop with clear(m)',
    edits: [{ line: 7, column: 1, endLine: 9, endColumn: 2, startIndex: 50, endIndex: 90, newText: 'clear(m)' }],
  },
  fingerprint: 'fp-clear-1',
};

export const suppressionFinding: Finding = {
  ruleId: 'mapguard-suppression',
  severity: 'notice',
  path: 'pkg/store.go',
  line: 30,
  column: 5,
  endLine: 30,
  endColumn: 40,
  message: 'This suppression matches no finding; remove it.',
  fingerprint: 'fp-supp-1',
};

export const escapeFinding: Finding = {
  ruleId: 'escape-new-heap',
  severity: 'warning',
  path: 'pkg/hot.go',
  line: 3,
  column: 9,
  endLine: 3,
  endColumn: 10,
  message: 'm escapes to the heap (new in this change).',
  fingerprint: 'fp-esc-1',
};

export function sample(): ReviewResult {
  return {
    findings: [fixFinding, suppressionFinding, relatedFinding, noticeFinding, escapeFinding],
    problems: [{ path: 'broken/x.go', message: 'syntax error: unexpected EOF, expected }' }],
    stats: { files: 12, packages: 4, findingsBeforeFilter: 9, durationMs: 321 },
  };
}

export function empty(): ReviewResult {
  return { findings: [], problems: [], stats: { files: 0, packages: 0, findingsBeforeFilter: 0, durationMs: 1 } };
}

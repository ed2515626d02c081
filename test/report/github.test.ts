// The pure GitHub renderers: markers, fences, suggestions, limits.
import type { Finding } from '../../src/engine/index.js';
import {
  MAX_ANNOTATION_TITLE,
  MAX_OUTPUT_BYTES,
  batches,
  checkTitle,
  conclusionFor,
  fenceFor,
  fingerprintMarker,
  fingerprintOf,
  overflowFingerprintsOf,
  renderAnnotation,
  renderCheckSummary,
  renderCheckText,
  renderComment,
  renderReviewBody,
  suggestionFromEdits,
  truncateUtf8,
} from '../../src/report/github.js';

function f(extra: Partial<Finding> = {}): Finding {
  return { ruleId: 'nil-map-write', severity: 'error', path: 'a.go', line: 2, column: 2, endLine: 2, endColumn: 9, message: 'write to a nil map', fingerprint: 'abc123', ...extra };
}

test('fingerprint markers round-trip and cannot close the HTML comment', () => {
  expect(fingerprintOf(`text\n\n${fingerprintMarker('abc123')}`)).toBe('abc123');
  expect(fingerprintMarker('a-->b')).toBe('<!-- mapguard:fp=ab -->');
  expect(fingerprintOf('no marker')).toBeUndefined();
  const body = renderReviewBody({ inline: 0, overflow: [f({ fingerprint: 'x1' }), f({ fingerprint: 'x2' })] });
  expect(overflowFingerprintsOf(body)).toEqual(['x1', 'x2']);
});

test('a review body with thousands of overflow findings stays under GitHub\'s 65,536 characters', () => {
  // Issue 16: past about 3,850 overflow findings the marker alone overflowed the body and
  // GitHub refused the review.
  const overflow = Array.from({ length: 6000 }, (_, i) => f({ fingerprint: i.toString(16).padStart(16, '0'), line: i + 1 }));
  const body = renderReviewBody({ inline: 0, overflow });
  expect(body.length).toBeLessThanOrEqual(65536);
  const recorded = overflowFingerprintsOf(body);
  expect(recorded.length).toBeGreaterThan(1500);
  expect(recorded).toEqual(overflow.slice(0, recorded.length).map((x) => x.fingerprint));
  expect(body).toMatch(/… and \d+ more in the check run\./);
});

test('suggestion fences are longer than any backtick run in the code', () => {
  expect(fenceFor('plain')).toBe('```');
  expect(fenceFor('s := `raw ``` string`')).toBe('````');
});

test('suggestions replace whole lines, widened to the finding line', () => {
  const text = 'package a\n\nfunc f() {\n\tvar m map[string]int\n\tm["a"] = 1\n}\n';
  const start = text.indexOf('var m');
  const end = text.indexOf('\n', start);
  const edit = { line: 4, column: 2, endLine: 4, endColumn: 22, startIndex: start, endIndex: end, newText: 'm := make(map[string]int)' };
  expect(suggestionFromEdits(text, [edit])).toEqual({ startLine: 4, endLine: 4, text: '\tm := make(map[string]int)' });
  expect(suggestionFromEdits(text, [edit], { start: 5, end: 5 })).toEqual({ startLine: 4, endLine: 5, text: '\tm := make(map[string]int)\n\tm["a"] = 1' });
  // Edits that do not fit the text are not turned into suggestions.
  expect(suggestionFromEdits(text, [{ ...edit, endIndex: text.length + 5 }])).toBeUndefined();
});

test('comments carry the badge, linked rule id, message, suggestion and marker; mentions are defused', () => {
  const body = renderComment(f({ message: 'ping @octocat <!-- x', fix: { description: 'Make the map', edits: [] } }), { suggestion: { startLine: 2, endLine: 2, text: 'm := map[string]int{}' } });
  expect(body).toContain('🔴 **error** [`nil-map-write`](https://github.com/mapguard/mapguard/blob/main/rules/nil-map-write/README.md)');
  expect(body).toContain('```suggestion\nm := map[string]int{}\n```');
  expect(body).not.toContain('@octocat');
  expect(body).not.toContain('<!-- x');
  expect(body.endsWith(fingerprintMarker('abc123'))).toBe(true);
});

test('conclusion: failure at fail_on, neutral for notices only, success otherwise', () => {
  expect(conclusionFor([f()], 'error')).toBe('failure');
  expect(conclusionFor([f({ severity: 'warning' })], 'error')).toBe('success');
  expect(conclusionFor([f({ severity: 'warning' })], 'warning')).toBe('failure');
  expect(conclusionFor([f({ severity: 'notice' })], 'error')).toBe('neutral');
  expect(conclusionFor([f()], 'never')).toBe('success');
  expect(conclusionFor([], 'notice')).toBe('success');
  expect(checkTitle([f(), f(), f({ severity: 'notice' })])).toBe('2 errors, 1 notice');
});

test('summary has a per-rule table and stays under 65,535 bytes', () => {
  const many = Array.from({ length: 5000 }, (_, i) => f({ ruleId: `rule-${i}`, message: 'é'.repeat(50) }));
  const summary = renderCheckSummary({ findings: many, failOn: 'error', notes: ['note one'] });
  expect(Buffer.byteLength(summary)).toBeLessThanOrEqual(MAX_OUTPUT_BYTES);
  expect(summary).toContain('| Rule | Errors | Warnings | Notices |');
  expect(summary).toContain('Output truncated');
  expect(Buffer.byteLength(renderCheckText(many))).toBeLessThanOrEqual(MAX_OUTPUT_BYTES);
});

test('truncation never splits a character', () => {
  const s = truncateUtf8('😀'.repeat(100), 21, '!');
  expect(s).toBe('😀'.repeat(5) + '!');
});

test('annotations: levels, columns on one line only, titles capped at 255', () => {
  const a = renderAnnotation(f({ message: 'x'.repeat(400) }));
  expect(a).toMatchObject({ path: 'a.go', start_line: 2, end_line: 2, start_column: 2, end_column: 9, annotation_level: 'failure' });
  expect(a.title.length).toBeLessThanOrEqual(MAX_ANNOTATION_TITLE);
  expect(renderAnnotation(f({ severity: 'notice', endLine: 3 }))).not.toHaveProperty('start_column');
  expect(batches(Array.from({ length: 101 }, (_, i) => i)).map((b) => b.length)).toEqual([50, 50, 1]);
});

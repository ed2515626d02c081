// Pure renderers for GitHub: review-comment markdown (with a hidden fingerprint
// marker so re-runs never post a finding twice), suggestion blocks, the
// check-run title/summary/text and its annotations. No I/O: src/github posts them.
import type { Finding, Severity, TextEdit } from '../engine/index.js';
import { severityRank } from '../engine/index.js';
import type { FailOn } from '../config/types.js';
import type { EscapeSummary, FileProblem, RaceSummary } from '../review/types.js';
import { renderRaceTable } from './race.js';
import { ruleHelpUri } from './links.js';

/** GitHub refuses check-run output fields (summary, text) over 65,535 bytes. */
export const MAX_OUTPUT_BYTES = 65535;
/** Review and comment bodies are limited to 65,536 characters. */
export const MAX_BODY_CHARS = 65536;
export const MAX_ANNOTATION_TITLE = 255;
/** Annotation messages are limited to 64 KB. */
export const MAX_ANNOTATION_MESSAGE_BYTES = 64 * 1024 - 1;
export const ANNOTATIONS_PER_REQUEST = 50;
/** The rule's page; `docsBase` (MAPGUARD_DOCS_URL) points a deployment at its own copy of rules/. */
export function ruleUrl(ruleId: string, docsBase?: string): string {
  return ruleHelpUri(ruleId, docsBase);
}

// ---------------------------------------------------------------- markers

const FP_MARKER = /<!-- mapguard:fp=([A-Za-z0-9._:+/=-]+) -->/;
const OVERFLOW_MARKER = /<!-- mapguard:overflow=([A-Za-z0-9._:+/=,-]*) -->/;
export const FIXED_MARKER = '<!-- mapguard:fixed -->';

/** Fingerprints are hashes; anything else is dropped so a marker can never close the HTML comment early. */
function safeFingerprint(fp: string): string {
  return fp.replace(/[^A-Za-z0-9._:+/=]/g, '');
}

export function fingerprintMarker(fp: string): string {
  return `<!-- mapguard:fp=${safeFingerprint(fp)} -->`;
}

export function fingerprintOf(body: string | null | undefined): string | undefined {
  return body ? FP_MARKER.exec(body)?.[1] : undefined;
}

/** Fingerprints listed (not commented inline) in an earlier review body. */
export function overflowFingerprintsOf(body: string | null | undefined): string[] {
  const m = body ? OVERFLOW_MARKER.exec(body) : null;
  return m && m[1] ? m[1].split(',').filter(Boolean) : [];
}

// ---------------------------------------------------------------- comments

const BADGE: Record<Severity, string> = {
  error: '🔴 **error**',
  warning: '🟠 **warning**',
  notice: '🔵 **notice**',
};

export function severityBadge(s: Severity): string {
  return BADGE[s];
}

/** A fence longer than any backtick run inside the code, so the code cannot end the block. */
export function fenceFor(code: string, min = 3): string {
  let longest = 0;
  for (const m of code.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(Math.max(min, longest + 1));
}

/** A ```suggestion replacing lines startLine..endLine (1-based, inclusive) of the head file. */
export interface Suggestion {
  startLine: number;
  endLine: number;
  /** Replacement text for those whole lines, without a trailing newline; empty deletes them. */
  text: string;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/**
 * Turns a mechanical fix into whole-line replacement text, as GitHub suggestions
 * replace whole lines (the commented ones). Undefined when the edits do not match the file text.
 */
export function suggestionFromEdits(fileText: string, edits: readonly TextEdit[], cover?: { start: number; end: number }): Suggestion | undefined {
  if (edits.length === 0) return undefined;
  const starts = lineStarts(fileText);
  // `cover` widens the replaced range, e.g. to the finding's own line when the fix edits a declaration above it.
  let startLine = cover?.start ?? Infinity;
  let endLine = cover?.end ?? 0;
  for (const e of edits) {
    if (e.startIndex < 0 || e.endIndex < e.startIndex || e.endIndex > fileText.length) return undefined;
    startLine = Math.min(startLine, e.line);
    // An edit ending at column 1 of a line (a whole-line deletion) does not touch that line.
    const end = e.endColumn === 1 && e.endLine > e.line ? e.endLine - 1 : e.endLine;
    endLine = Math.max(endLine, end);
  }
  if (startLine < 1 || endLine > starts.length || startLine > endLine) return undefined;
  const segStart = starts[startLine - 1]!;
  const segEnd = endLine < starts.length ? starts[endLine]! : fileText.length; // after the newline
  const sorted = [...edits].sort((a, b) => b.startIndex - a.startIndex);
  let seg = fileText.slice(segStart, segEnd);
  for (const e of sorted) {
    if (e.startIndex < segStart || e.endIndex > segEnd) return undefined;
    seg = seg.slice(0, e.startIndex - segStart) + e.newText + seg.slice(e.endIndex - segStart);
  }
  const text = seg.replace(/\r?\n$/, '').replace(/\r(?=\n|$)/g, '');
  return { startLine, endLine, text };
}

export interface CommentOptions {
  docsBase?: string;
  suggestion?: Suggestion;
}

/** Markdown for one inline review comment. */
export function renderComment(f: Finding, opts: CommentOptions = {}): string {
  const parts = [`${severityBadge(f.severity)} [\`${f.ruleId}\`](${ruleUrl(f.ruleId, opts.docsBase)}): ${escapeInline(f.message)}`];
  for (const r of f.related ?? []) parts.push(`- related: \`${r.path}:${r.line}\` ${escapeInline(r.message)}`);
  if (opts.suggestion && f.fix) {
    const fence = fenceFor(opts.suggestion.text);
    parts.push(`${escapeInline(f.fix.description)}:\n\n${fence}suggestion\n${opts.suggestion.text}${opts.suggestion.text ? '\n' : ''}${fence}`);
  } else if (f.fix) {
    parts.push(`Fix: ${escapeInline(f.fix.description)}`);
  }
  // Folded, so it does not dominate the comment; the reason after `--` is required.
  parts.push(`<details><summary>Not a problem here?</summary>\n\nSuppress it on this line (or the line above), saying why:\n\n\`\`\`go\n//mapguard:ignore ${f.ruleId} -- <reason>\n\`\`\`\n</details>`);
  parts.push(fingerprintMarker(f.fingerprint));
  return parts.join('\n\n');
}

/** Keeps finding text from opening HTML comments (which would hide the rest) or mentioning users. */
function escapeInline(s: string): string {
  return s.replace(/<!--/g, '&lt;!--').replace(/@(?=[A-Za-z0-9])/g, '@\u200b');
}

export function fixedReply(sha: string): string {
  return `Fixed in ${sha}. ${FIXED_MARKER}`;
}

/** Review body: counts, plus the findings not shown inline (with their markers for idempotency). */
export function renderReviewBody(input: {
  inline: number;
  overflow: Finding[];
  overflowReason?: string;
  docsBase?: string;
}): string {
  const lines: string[] = [];
  const n = input.inline + input.overflow.length;
  lines.push(`**mapguard** found ${n} new ${plural(n, 'finding')} in this change; ${input.inline} ${input.inline === 1 ? 'is' : 'are'} shown inline.`);
  if (input.overflow.length > 0) {
    lines.push('');
    lines.push(input.overflowReason ?? 'Not shown inline (see the check run annotations):');
    lines.push('');
    // The marker records the overflow's fingerprints, so a later push does not list them again.
    // It gets at most half the body: past about 1,900 findings the rest go unrecorded (they may
    // be listed again, never commented twice inline), rather than a body GitHub refuses.
    const recorded: string[] = [];
    let markerChars = '<!-- mapguard:overflow= -->'.length;
    for (const f of input.overflow) {
      const fp = safeFingerprint(f.fingerprint);
      if (markerChars + fp.length + 1 > MAX_BODY_CHARS / 2) break;
      recorded.push(fp);
      markerChars += fp.length + 1;
    }
    const marker = `<!-- mapguard:overflow=${recorded.join(',')} -->`;
    const budget = MAX_BODY_CHARS - marker.length - 200;
    let used = lines.join('\n').length;
    let shown = 0;
    for (const f of input.overflow) {
      const line = `- ${severityBadge(f.severity)} [\`${f.ruleId}\`](${ruleUrl(f.ruleId, input.docsBase)}) \`${f.path}:${f.line}\`: ${escapeInline(f.message)}`;
      if (used + line.length + 1 > budget) break;
      lines.push(line);
      used += line.length + 1;
      shown++;
    }
    if (shown < input.overflow.length) lines.push(`- … and ${input.overflow.length - shown} more in the check run.`);
    lines.push('');
    lines.push(marker);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------- check run

export type Conclusion = 'success' | 'failure' | 'neutral';

export function failsAt(f: Finding, failOn: FailOn): boolean {
  return failOn !== 'never' && severityRank(f.severity) >= severityRank(failOn);
}

/** failure at/above fail_on; neutral when every finding is a notice; success otherwise. */
export function conclusionFor(findings: readonly Finding[], failOn: FailOn): Conclusion {
  if (findings.some((f) => failsAt(f, failOn))) return 'failure';
  if (findings.length > 0 && findings.every((f) => f.severity === 'notice')) return 'neutral';
  return 'success';
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

export function countsBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, notice: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

export function checkTitle(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'No map misuse found';
  const c = countsBySeverity(findings);
  const parts = (['error', 'warning', 'notice'] as const).filter((s) => c[s] > 0).map((s) => `${c[s]} ${plural(c[s], s)}`);
  return parts.join(', ');
}

export interface SummaryInput {
  findings: readonly Finding[];
  failOn: FailOn;
  /** Findings placed inline in this run and in earlier runs. */
  inlineComments?: number;
  /** Notes shown first, one paragraph each (fallbacks, skipped files, truncation). */
  notes?: string[];
  problems?: readonly FileProblem[];
  escape?: EscapeSummary;
  race?: RaceSummary;
  docsBase?: string;
  /** Where to read everything when the output is truncated. */
  detailsUrl?: string;
}

/** Cuts text to maxBytes of UTF-8 (on a character boundary), appending the note when it cuts. */
export function truncateUtf8(text: string, maxBytes: number, note: string): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  const room = maxBytes - Buffer.byteLength(note, 'utf8');
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (Buffer.byteLength(text.slice(0, mid), 'utf8') <= room) lo = mid;
    else hi = mid - 1;
  }
  let cut = text.slice(0, lo);
  // Never leave half a surrogate pair.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + note;
}

function truncationNote(detailsUrl?: string): string {
  return `\n\n_Output truncated to GitHub's 65,535-byte limit; every finding is still listed as an annotation${detailsUrl ? ` ([details](${detailsUrl}))` : ''}._`;
}

export function renderCheckSummary(input: SummaryInput): string {
  const out: string[] = [];
  const { findings } = input;
  const failing = findings.filter((f) => failsAt(f, input.failOn)).length;
  if (findings.length === 0) out.push('mapguard found no map misuse on the lines this pull request changes.');
  else
    out.push(
      `mapguard found ${findings.length} ${plural(findings.length, 'finding')}` +
        (input.failOn === 'never' ? ' (`fail_on: never`: the check does not fail).' : `; ${failing} at or above \`fail_on: ${input.failOn}\`.`),
    );
  for (const n of input.notes ?? []) out.push(`> ${n.replace(/\n/g, '\n> ')}`);
  if (findings.length > 0) {
    const byRule = new Map<string, Record<Severity, number>>();
    for (const f of findings) {
      const row = byRule.get(f.ruleId) ?? { error: 0, warning: 0, notice: 0 };
      row[f.severity]++;
      byRule.set(f.ruleId, row);
    }
    const rows = [...byRule.entries()].sort(([a], [b]) => a.localeCompare(b));
    const table = ['| Rule | Errors | Warnings | Notices |', '|---|---:|---:|---:|'];
    for (const [id, c] of rows) table.push(`| [\`${id}\`](${ruleUrl(id, input.docsBase)}) | ${c.error} | ${c.warning} | ${c.notice} |`);
    const t = countsBySeverity(findings);
    table.push(`| **total** | ${t.error} | ${t.warning} | ${t.notice} |`);
    out.push(table.join('\n'));
  }
  if (input.escape) out.push(renderEscapeTable(input.escape));
  if (input.race) out.push(renderRaceTable(input.race));
  if (input.problems && input.problems.length > 0) {
    out.push(`${input.problems.length} ${plural(input.problems.length, 'file')} could not be analysed:\n` + input.problems.map((p) => `- \`${p.path}\`: ${p.message}`).join('\n'));
  }
  return truncateUtf8(out.join('\n\n'), MAX_OUTPUT_BYTES, truncationNote(input.detailsUrl));
}

function renderEscapeTable(e: EscapeSummary): string {
  const lines = ['**Escape analysis** (base vs head)'];
  if (e.incomplete) lines.push(`\n_Incomplete: ${e.incomplete}_`);
  if (e.packages.length > 0) {
    lines.push('', '| Package | New heap escapes | Removed |', '|---|---:|---:|');
    for (const p of e.packages) lines.push(`| \`${p.pkg}\` | ${p.added} | ${p.removed} |`);
  }
  if (e.removed.length > 0) {
    lines.push('', 'Escapes this change removed:');
    for (const r of e.removed) lines.push(`- \`${r.path}:${r.line}\` ${r.message}`);
  }
  return lines.join('\n');
}

/** The check run's `text`: one line per finding, truncated under the byte limit. */
export function renderCheckText(findings: readonly Finding[], detailsUrl?: string): string {
  const lines = findings.map((f) => `- **${f.severity}** \`${f.path}:${f.line}:${f.column}\` [${f.ruleId}] ${escapeInline(f.message)}`);
  return truncateUtf8(lines.join('\n'), MAX_OUTPUT_BYTES, truncationNote(detailsUrl));
}

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  message: string;
  title: string;
  raw_details?: string;
}

const LEVEL: Record<Severity, Annotation['annotation_level']> = { error: 'failure', warning: 'warning', notice: 'notice' };

export function renderAnnotation(f: Finding, docsBase?: string): Annotation {
  const a: Annotation = {
    path: f.path,
    start_line: f.line,
    end_line: f.line,
    annotation_level: LEVEL[f.severity],
    message: truncateUtf8(f.message + (f.fix ? `\nFix: ${f.fix.description}` : ''), MAX_ANNOTATION_MESSAGE_BYTES, '…'),
    title: truncateChars(`${f.ruleId}: ${f.message.split('\n')[0]}`, MAX_ANNOTATION_TITLE),
  };
  // GitHub accepts columns only on single-line annotations; findings anchor on one line.
  if (f.endLine === f.line && f.endColumn > f.column) {
    a.start_column = f.column;
    a.end_column = f.endColumn;
  }
  const details = [`${ruleUrl(f.ruleId, docsBase)}`, ...(f.related ?? []).map((r) => `${r.path}:${r.line}: ${r.message}`)];
  a.raw_details = truncateUtf8(details.join('\n'), MAX_ANNOTATION_MESSAGE_BYTES, '…');
  return a;
}

function truncateChars(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}

export function batches<T>(items: readonly T[], size = ANNOTATIONS_PER_REQUEST): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

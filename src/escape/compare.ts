// Head-versus-base diff of escape verdicts, and the escape-new-heap findings.
// Verdicts are matched by package directory + function + kind + normalised
// verdict text (a multiset, so two identical escapes in one function need two
// matches); line numbers never take part, so code that merely moved does not count.
import { posix } from 'node:path';
import { Fingerprinter, normaliseLine } from '../engine/fingerprint.js';
import type { Finding, Severity } from '../engine/types.js';
import type { FileDiff } from '../diff/types.js';
import type { EscapeComparison, EscapeSummary } from '../review/types.js';
import type { EscapeDiag } from './parse.js';
import { ESCAPE_RULE_ID } from './rule.js';

/** A verdict whose `file` (and explanation paths) are relative to the repository root. */
export type RepoDiag = EscapeDiag;

export interface DiffResult {
  added: RepoDiag[];
  removed: RepoDiag[];
}

/** Kinds that become findings (RULES.md: "escapes to heap" or "moved to heap: x"). */
export function isHeapVerdict(d: EscapeDiag): boolean {
  return d.kind === 'escapes' || d.kind === 'moved';
}

function matchKey(d: RepoDiag, file: string): string {
  return [posix.dirname(file), d.func, d.kind, normaliseLine(d.message)].join('\0');
}

/**
 * New and removed verdicts. `renamedFrom` maps a head path to its base path so a
 * renamed file's escapes are compared with its own past (matching is per package
 * directory, so a move to another directory counts as new).
 */
export function diffEscapes(base: RepoDiag[], head: RepoDiag[], renamedFrom: Map<string, string> = new Map()): DiffResult {
  const toHead = new Map<string, string>();
  for (const [h, b] of renamedFrom) toHead.set(b, h);
  // Base verdicts by key, each list consumed front to back (an index, not shift(): one key can
  // hold tens of thousands of identical verdicts in generated code).
  const pool = new Map<string, { list: RepoDiag[]; next: number }>();
  for (const d of sortDiags(base)) {
    const key = matchKey(d, toHead.get(d.file) ?? d.file);
    const entry = pool.get(key);
    if (entry) entry.list.push(d);
    else pool.set(key, { list: [d], next: 0 });
  }
  const added: RepoDiag[] = [];
  for (const d of sortDiags(head)) {
    const entry = pool.get(matchKey(d, d.file));
    if (entry && entry.next < entry.list.length) entry.next++;
    else added.push(d);
  }
  const removed = [...pool.values()].flatMap((e) => e.list.slice(e.next));
  return { added, removed: sortDiags(removed) };
}

export function sortDiags(list: RepoDiag[]): RepoDiag[] {
  return [...list].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
}

export interface FindingOptions {
  severity: Severity;
  /** Head file text by repo-relative path, for fingerprints and UTF-16 columns; undefined when unreadable. */
  readHead: (path: string) => string | undefined;
  /** Explanation lines quoted at most (the chain can be long for deep flows). */
  maxExplanationLines?: number;
}

/** Turns a diff into findings (new heap verdicts on added lines only) and the summary. */
export function buildComparison(result: DiffResult, diff: FileDiff[], opts: FindingOptions): EscapeComparison {
  const addedLines = new Map<string, FileDiff['added']>();
  for (const f of diff) if (f.status !== 'deleted') addedLines.set(f.path, f.added);
  const onChangedLine = (d: RepoDiag) => (addedLines.get(d.file) ?? []).some((r) => d.line >= r.start && d.line <= r.end);

  // The engine's fingerprint (rule + path + normalised line + occurrence), so re-runs never duplicate comments.
  const fingerprints = new Fingerprinter();
  const findings: Finding[] = [];
  // Each head file is read and split once: a change can add tens of thousands of escapes to one file.
  const lines = new Map<string, string[] | undefined>();
  const linesOf = (file: string) => {
    if (!lines.has(file)) lines.set(file, opts.readHead(file)?.split('\n'));
    return lines.get(file);
  };
  for (const d of result.added) {
    if (!isHeapVerdict(d) || !onChangedLine(d)) continue;
    const lineText = linesOf(d.file)?.[d.line - 1] ?? '';
    const column = utf16Column(lineText, d.column);
    findings.push({
      ruleId: ESCAPE_RULE_ID,
      severity: opts.severity,
      path: d.file,
      line: d.line,
      column,
      endLine: d.line,
      endColumn: Math.max(column + 1, lineText.replace(/\s+$/, '').length + 1),
      message: findingMessage(d, opts.maxExplanationLines ?? 8),
      fingerprint: fingerprints.next(ESCAPE_RULE_ID, d.file, lineText),
    });
  }

  const perPkg = new Map<string, { added: number; removed: number }>();
  const bump = (file: string, field: 'added' | 'removed') => {
    const pkg = posix.dirname(file);
    const row = perPkg.get(pkg) ?? { added: 0, removed: 0 };
    row[field]++;
    perPkg.set(pkg, row);
  };
  for (const d of result.added) if (isHeapVerdict(d)) bump(d.file, 'added');
  for (const d of result.removed) if (isHeapVerdict(d)) bump(d.file, 'removed');
  const summary: EscapeSummary = {
    packages: [...perPkg.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([pkg, c]) => ({ pkg, ...c })),
    removed: result.removed.filter(isHeapVerdict).map((d) => ({ path: d.file, line: d.line, message: withFunc(d) })),
  };
  return { findings, summary };
}

function withFunc(d: RepoDiag): string {
  return d.func ? `${d.message} (in ${d.func})` : d.message;
}

/** The compiler's words first, then its -m=2 reasoning, on one line. */
export function findingMessage(d: RepoDiag, maxLines: number): string {
  let msg = `New heap allocation: the compiler reports "${d.message}"${d.func ? ` in ${d.func}` : ''}, which the base revision did not.`;
  if (d.explanation.length > 0) {
    const shown = d.explanation.slice(0, maxLines).map((l) => l.replace(/:$/, ''));
    const more = d.explanation.length - shown.length;
    msg += ` Why (-m=2): ${shown.join('; ')}${more > 0 ? `; … (${more} more)` : ''}`;
  }
  return msg;
}

/** The compiler counts bytes; findings count UTF-16 units (like tree-sitter). Both are 1-based. */
export function utf16Column(lineText: string, byteColumn: number): number {
  const bytes = Buffer.from(lineText, 'utf8');
  if (byteColumn - 1 > bytes.length) return byteColumn;
  return bytes.subarray(0, byteColumn - 1).toString('utf8').length + 1;
}

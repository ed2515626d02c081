// go vet style text for terminals and editors' problem matchers.
import type { ReviewResult } from '../review/types.js';

/**
 * One `path:line:col: message [rule-id]` line per finding. Related sites follow as
 * `    related: path:line:col message`: indented, and with no colon after the column, so a
 * problem matcher for `^([^\s].*):(\d+):(\d+): (.*) \[([a-z0-9-]+)\]$` (or any
 * `file:line:col: message` pattern) never takes them for findings.
 */
export function renderText(result: ReviewResult): string {
  let out = '';
  for (const f of result.findings) {
    out += `${f.path}:${f.line}:${f.column}: ${oneLine(f.message)} [${f.ruleId}]\n`;
    for (const r of f.related ?? []) out += `    related: ${r.path}:${r.line}:${r.column} ${oneLine(r.message)}\n`;
  }
  return out;
}

/** Files that could not be analysed, `path: message` per line (for stderr). */
export function renderProblems(result: ReviewResult): string {
  return result.problems.map((p) => `${p.path}: ${oneLine(p.message)}\n`).join('');
}

function oneLine(s: string): string {
  return s.replace(/\r?\n/g, ' ');
}

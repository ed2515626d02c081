// Suppression comments, like staticcheck's lint:ignore: they need a reason and
// report themselves when they match nothing.
//   //mapguard:ignore <rule-id>[,<rule-id>] -- <reason>
//   //nolint:mapguard // <reason>        (golangci-lint style; also //nolint:a,mapguard)
// A comment applies to its own line (trailing) and, when it stands alone on its
// line, to the next line.
import type { SyntaxNode } from './types.js';

import type { RuleMeta } from './types.js';

export const SUPPRESSION_RULE_ID = 'mapguard-suppression';

/** Not a RULES.md rule: the engine's own notice about suppression comments, listed so SARIF consumers know it. */
export const SUPPRESSION_RULE_META: RuleMeta = {
  id: SUPPRESSION_RULE_ID,
  severity: 'notice',
  description: 'A mapguard suppression comment without a reason, naming no known rule, or matching no finding.',
  fixable: false,
};

export interface Suppression {
  line: number;
  column: number;
  endColumn: number;
  /** Lines it covers. */
  lines: number[];
  /** Rule ids; undefined means every mapguard rule (nolint form). */
  ruleIds?: string[];
  reason: string;
  text: string;
  used: boolean;
}

const IGNORE = /^\/\/\s*mapguard:ignore\s+([A-Za-z0-9_,\s-]*?)(?:\s+--\s*(.*))?\s*$/;
const NOLINT = /^\/\/\s*nolint:([A-Za-z0-9_,-]+)(?:\s*\/\/\s*(.*))?\s*$/;

export function parseSuppression(comment: SyntaxNode, lineText: (line: number) => string): Suppression | undefined {
  const text = comment.text;
  let ruleIds: string[] | undefined;
  let reason: string;
  const ignore = IGNORE.exec(text);
  if (ignore) {
    ruleIds = ignore[1]!.split(',').map((s) => s.trim()).filter(Boolean);
    reason = (ignore[2] ?? '').trim();
  } else {
    const nolint = NOLINT.exec(text);
    if (!nolint || !nolint[1]!.split(',').includes('mapguard')) return undefined;
    reason = (nolint[2] ?? '').trim();
  }
  const line = comment.startPosition.row + 1;
  const before = lineText(line).slice(0, comment.startPosition.column);
  const standalone = before.trim() === '';
  return {
    line,
    column: comment.startPosition.column + 1,
    endColumn: comment.endPosition.column + 1,
    lines: standalone ? [line, line + 1] : [line],
    ruleIds,
    reason,
    text,
    used: false,
  };
}

/** The suppression covering this finding, if any; marks it used. */
export function matchSuppression(suppressions: Suppression[], ruleId: string, line: number): Suppression | undefined {
  for (const s of suppressions) {
    if (!s.lines.includes(line)) continue;
    if (s.ruleIds && !s.ruleIds.includes(ruleId)) continue;
    s.used = true;
    return s;
  }
  return undefined;
}

/**
 * Whether a suppression comment in the source text covers `line` for `ruleId`, for
 * findings that do not come from the syntax tree (escape-analysis findings are compiler
 * output matched to lines). Same forms and placement as comment-node suppression.
 */
export function textSuppresses(lineText: (line: number) => string, line: number, ruleId: string): boolean {
  const matches = (text: string): boolean => {
    const at = text.indexOf('//');
    if (at < 0) return false;
    const comment = text.slice(at).trim();
    const ignore = IGNORE.exec(comment);
    if (ignore) return ignore[1]!.split(',').map((s) => s.trim()).includes(ruleId);
    const nolint = NOLINT.exec(comment);
    return !!nolint && nolint[1]!.split(',').includes('mapguard');
  };
  if (matches(lineText(line))) return true;
  const above = lineText(line - 1);
  return above.trim().startsWith('//') && matches(above);
}

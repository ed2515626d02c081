// Public types of the mapguard engine. Everything outside src/engine (rules,
// review, report, front ends) speaks in these terms.
import type { SyntaxNode, SyntaxTree as Tree } from './syntax/tree.js';

export type { SyntaxNode, Tree };

export type Severity = 'error' | 'warning' | 'notice';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'notice'];

/** Higher is more serious; used for fail-on thresholds and sorting. */
export function severityRank(s: Severity): number {
  return s === 'error' ? 3 : s === 'warning' ? 2 : 1;
}

/** A 1-based line/column span in a file; columns count UTF-16 code units + 1 like tree-sitter's. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** One replacement in a file. Offsets are byte-free: they index the JS string of the file. */
export interface TextEdit extends Span {
  startIndex: number;
  endIndex: number;
  newText: string;
}

export interface Fix {
  /** One line, imperative: "Replace RLock with Lock". */
  description: string;
  edits: TextEdit[];
}

/** Another place a finding refers to, e.g. the racing read of a concurrent write. */
export interface RelatedLocation extends Span {
  path: string;
  message: string;
}

export interface Finding extends Span {
  ruleId: string;
  severity: Severity;
  /** Path relative to the analysis root, with forward slashes. */
  path: string;
  message: string;
  fix?: Fix;
  related?: RelatedLocation[];
  /** rule + path + normalised source line + occurrence index; stable across unrelated edits. */
  fingerprint: string;
}

/** What a rule needs from the engine beyond the syntax tree; the engine computes each once per package. */
export type RuleNeed = 'scopes' | 'types' | 'locks' | 'concurrency' | 'flow' | 'sizes';

export interface RuleMeta {
  /** The contract id from RULES.md. */
  id: string;
  severity: Severity;
  /** One sentence, used for `mapguard rules`, SARIF shortDescription and the README table. */
  description: string;
  /** Minimum Go version (go.mod `go` line) for the rule to run at all, e.g. "1.21". */
  minGo?: string;
  /** True when the rule can attach a mechanical fix. */
  fixable: boolean;
  needs?: RuleNeed[];
}

/** A version from go.mod's `go` directive, e.g. {major:1, minor:22}. */
export interface GoVersion {
  major: number;
  minor: number;
  patch: number;
  raw: string;
}

export interface SourceInput {
  /** Path relative to the analysis root, forward slashes. */
  path: string;
  text: string;
}

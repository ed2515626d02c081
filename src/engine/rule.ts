// The rule API, modelled on ESLint's create(context) and go/analysis facts:
// a rule declares meta, and create() returns a visitor keyed by tree-sitter
// node type (`'node_type:exit'` runs when the walk leaves the node).
import type { Fix, GoVersion, RelatedLocation, RuleMeta, Severity, Span, SyntaxNode } from './types.js';
import type { GoFile } from './source.js';
import type { Fact, PackageModel } from './model.js';
import type { Scopes } from './scope.js';

export type Listener = (node: SyntaxNode) => void;
export type Visitor = Record<string, Listener>;

export interface EditSpec {
  /** Replace this node's text... */
  node?: SyntaxNode;
  /** ...or this string range of the file (start inclusive, end exclusive). */
  startIndex?: number;
  endIndex?: number;
  text: string;
}

export interface RelatedSpec {
  node: SyntaxNode;
  /** The file holding the node, when it is not the current file. */
  file?: GoFile;
  message: string;
}

export interface ReportDescriptor {
  /** The node whose span the finding covers; or give `span`. */
  node?: SyntaxNode;
  span?: Span;
  message: string;
  fix?: { description: string; edits: EditSpec[] };
  related?: RelatedSpec[];
  /**
   * The most this finding may be, whatever the rule's configured severity: evidence-based rules
   * report a finding without a full witness as at most a warning (RULES.md, "Evidence and severity").
   */
  atMost?: Severity;
  /**
   * This finding's severity while the rule runs at its default severity (a rule whose default is
   * `notice` can say `warning` for the cases with more evidence); a severity configured for the
   * rule replaces it.
   */
  severity?: Severity;
}

export interface RuleContext {
  readonly meta: RuleMeta;
  readonly file: GoFile;
  readonly pkg: PackageModel;
  readonly scopes: Scopes;
  readonly goVersion: GoVersion | undefined;
  /** True when go.mod says at least this version ("1.21"); false when unknown. */
  atLeastGo(version: string): boolean;
  /** A shared package-level analysis, computed once per package. */
  fact<T>(f: Fact<T>): T;
  report(d: ReportDescriptor): void;
  /** "file.go:42" for messages that name another site. */
  where(node: SyntaxNode, file?: GoFile): string;
}

export interface Rule {
  meta: RuleMeta;
  create(ctx: RuleContext): Visitor;
}

export function defineRule(rule: Rule): Rule {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(rule.meta.id)) throw new Error(`bad rule id ${rule.meta.id}`);
  return rule;
}

export type { Fix, RelatedLocation };

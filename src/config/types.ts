// The configuration users write in mapguard.yml / .github/mapguard.yml.
import type { Severity } from '../engine/types.js';
import type { FilterMode } from '../diff/types.js';

export type RuleSetting = 'off' | Severity;
export type FailOn = Severity | 'never';
export type CommentsMode = 'review' | 'annotations' | 'none';

export interface EscapeAnalysisConfig {
  enabled: boolean;
  packages: 'changed' | 'all';
  timeout_seconds: number;
}

export interface RaceCheckConfig {
  enabled: boolean;
  packages: 'changed' | 'all';
  /** go test -count. */
  count: number;
  /** go test -cpu (GOMAXPROCS values); empty: the machine's. */
  cpu: number[];
  /** go test -run; empty: every test. */
  run: string;
  timeout_seconds: number;
}

export interface Config {
  rules: Record<string, RuleSetting>;
  paths: { include: string[]; exclude: string[] };
  filter: FilterMode;
  fail_on: FailOn;
  comments: CommentsMode;
  max_comments: number;
  /** App only: review draft pull requests too. */
  review_drafts: boolean;
  escape_analysis: EscapeAnalysisConfig;
  race_check: RaceCheckConfig;
  /** Where rule pages live (`<docs_url>/<rule-id>/README.md`) in comments, annotations and SARIF; empty: the project's. */
  docs_url: string;
  /** False: `_test.go` files are not analysed. */
  tests: boolean;
  /** A baseline file (from --write-baseline), relative to the repository root; empty: none. */
  baseline: string;
  /** Read the Go module around the analysed packages (types, callers in other packages) as evidence. */
  module_view: boolean;
}

/** A configuration problem, phrased for the user, naming the key and (when known) the line. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly key?: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** A partial override of T: nested objects partial too; arrays are replaced whole. */
export type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

// The one entry point every front end (CLI, App, Action) calls: analyse a
// workspace, optionally compare escapes, filter to the diff.
import type { Finding, SourceInput } from '../engine/types.js';
import type { FileDiff } from '../diff/types.js';
import type { Config } from '../config/types.js';
import type { RaceRunner, RaceSummary } from '../race/types.js';
import type { Baseline } from './baseline.js';
import type { ModuleSource } from './module-source.js';
import type { ResultStore } from './result-cache.js';
export type { RaceRunner, RaceRun, RaceSummary, RacePackageSummary, RacePackageStatus } from '../race/types.js';

export interface Workspace {
  /** Every .go file to analyse (whole packages, so package-level rules see siblings). */
  files: SourceInput[];
  /** go.mod files (directory relative to the root, text), for the `go` version gates;
   *  each package uses the nearest one above it. */
  goMods?: { dir: string; text: string }[];
  /** The module around the files: other packages' types and callers count as evidence, findings stay in `files`. */
  module?: ModuleSource;
  /** With an in-memory module (no fsRoot): every file of the module, of which `files` are analysed. */
  moduleFiles?: SourceInput[];
}

/** A file the engine could not analyse, with a one-line reason. */
export interface FileProblem {
  path: string;
  message: string;
}

/** Escapes the change removed (improvements), listed in summaries. */
export interface EscapeSummary {
  packages: { pkg: string; added: number; removed: number }[];
  removed: { path: string; line: number; message: string }[];
  /** Set when the comparison did not finish (timeout, sandbox failure): said in the summary. */
  incomplete?: string;
}

export interface EscapeComparison {
  findings: Finding[];
  summary: EscapeSummary;
}

/** Injected by front ends that enable escape analysis; never implemented in src/review. */
export interface EscapeRunner {
  compare(diff: FileDiff[]): Promise<EscapeComparison>;
}

export interface ReviewInput {
  workspace: Workspace;
  /** The change; absent means "no diff": every finding is kept. */
  diff?: FileDiff[];
  config: Config;
  escape?: EscapeRunner;
  /** Runs the change's tests under the race detector; its reports confirm or add findings. */
  race?: RaceRunner;
  /** Findings recorded earlier (`--write-baseline`): reported no more. */
  baseline?: Baseline;
  /** A directory of parsed trees kept across runs (tree-cache.ts); absent: parse every file. */
  treeCacheDir?: string;
  /** Results kept across runs, per directory (result-cache.ts); absent: analyse every directory. */
  resultCache?: ResultStore;
  /** Analyse on a worker thread even when one thread would do (the App: its event loop answers webhooks). */
  offThread?: boolean;
  /** Aborts the analysis on worker threads (the App's job: superseded, shut down or out of time); one-thread analysis runs to its end. */
  signal?: AbortSignal;
  /** Told after each analysed directory: how many are done, of how many (the CLI's progress line). */
  onProgress?: (done: number, total: number) => void;
}

export interface ReviewResult {
  /** Findings after suppression, config severities and the diff filter, sorted by path/line. */
  findings: Finding[];
  problems: FileProblem[];
  escape?: EscapeSummary;
  race?: RaceSummary;
  /** `baselined`: findings left out because the baseline holds them. */
  /** `keptDirectories`: directories whose kept result (result-cache.ts) was used instead of an analysis. */
  stats: { files: number; packages: number; findingsBeforeFilter: number; baselined?: number; keptDirectories?: number; durationMs: number };
}

/** `stopped`: the run hit a limit before this package reported; `not run`: never started (time, download). */

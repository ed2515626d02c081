// What the race check hands the review: its runner interface, the reports (in
// repository terms) and the summary every front end prints. The review
// injects a RaceRunner; it never runs one itself.
import type { FileDiff } from '../diff/types.js';
import type { RepoRaceReport } from './confirm.js';
import type { PackageStatus } from './report.js';

export type RacePackageStatus = PackageStatus | 'not run' | 'stopped';

/** One tested package in the race check's summary. */
export interface RacePackageSummary {
  /** Repository-relative directory ('' for the root). */
  pkg: string;
  importPath: string;
  status: RacePackageStatus;
  tests: { passed: number; failed: number; skipped: number };
  failedTests: string[];
  /** Distinct racing line pairs seen in this package's tests. */
  races: { map: number; other: number };
  /** Why it did not pass or was not run (build error, timeout, limit), one line. */
  note?: string;
  seconds?: number;
}

/** What the race check did, for summaries: never silent about a timeout or a limit. */
export interface RaceSummary {
  packages: RacePackageSummary[];
  races: { map: number; other: number };
  settings: { count: number; cpu?: string; run?: string; timeoutSeconds: number };
  /** Static findings the race detector confirmed, and map races that became findings of their own (set by analyze). */
  confirmed: number;
  added: number;
  durationMs: number;
  /** Set when something was not tested (refused, skipped, timed out, stopped at a limit). */
  incomplete?: string;
}

export interface RaceRun {
  reports: RepoRaceReport[];
  summary: RaceSummary;
}

/** Injected by front ends that enable the race check; never implemented in src/review. */
export interface RaceRunner {
  run(diff?: FileDiff[]): Promise<RaceRun>;
}

// Public API of the race runner (CLI, Action and App wire these).
export { createRaceRunner, RACE_SEED_PACKAGES } from './runner.js';
export type { RaceRunnerOptions } from './runner.js';
export { parseTestJson, parseRaceOutput, isMapFrame } from './report.js';
export type { RaceReport, RaceAccess, StackFrame, PackageRun, TestRunOutput } from './report.js';
export { confirmRaces, siteOf, CONFIRMABLE_RULES, RACE_RULE_ID } from './confirm.js';
export type { RepoRaceReport, RepoAccess, RepoFrame, ConfirmResult } from './confirm.js';
export type { RaceRunner, RaceRun, RaceSummary, RacePackageSummary, RacePackageStatus } from './types.js';

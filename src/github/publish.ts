// The App's half of publishing: the shared review (src/publish/review.ts: inline comments,
// dedupe, fixed threads) and then the check run's completion with every finding as an
// annotation, in batches of 50.
import type { Finding } from '../engine/index.js';
import type { FileDiff } from '../diff/index.js';
import type { Config } from '../config/types.js';
import type { EscapeSummary, FileProblem, RaceSummary } from '../review/types.js';
import { batches, checkTitle, conclusionFor, renderAnnotation, renderCheckSummary, renderCheckText } from '../report/github.js';
import { publishReview } from '../publish/review.js';
import type { OnceOptions } from '../publish/idempotent.js';
import type { PullRef } from './source.js';
import type { Log, Octokit } from './types.js';
import { checkpoint } from './queue.js';

export interface PublishInput {
  octokit: Octokit;
  pr: PullRef;
  checkRunId: number;
  config: Config;
  /** Findings after the diff filter: what this run reports. */
  findings: Finding[];
  /** Fingerprints of every finding in the analysed files before the diff filter: still present. */
  present: Set<string>;
  /** Paths analysed in this run (or deleted by the PR): a missing fingerprint there means fixed. */
  covered: Set<string>;
  diff: FileDiff[];
  /** Paths without real hunks: no inline comments there. */
  wholeFile: Set<string>;
  /** Head file text by path, for suggestions. */
  texts: Map<string, string>;
  notes: string[];
  problems: FileProblem[];
  escape?: EscapeSummary;
  race?: RaceSummary;
  docsBase?: string;
  detailsUrl?: string;
  log: Log;
  signal: AbortSignal;
  /** Retries of a create after an ambiguous answer (idempotent.ts). */
  writeRetry?: OnceOptions;
}

export interface PublishResult {
  conclusion: string;
  posted: number;
  overflow: number;
  refused: number;
  fixed: number;
}

export async function publish(input: PublishInput): Promise<PublishResult> {
  const { octokit, ...rest } = input;
  const review = await publishReview({ ...rest, client: octokit });
  checkpoint(input.signal);
  const conclusion = await completeCheckRun(input, [...input.notes, ...review.notes]);
  return { conclusion, posted: review.posted, overflow: review.overflow, refused: review.refused, fixed: review.fixed };
}

/** Completes the check run; annotations go 50 per request, the last request completes it. */
export async function completeCheckRun(input: PublishInput, notes: string[]): Promise<string> {
  const { octokit, pr, config, findings } = input;
  const conclusion = conclusionFor(findings, config.fail_on);
  const title = checkTitle(findings);
  const summary = renderCheckSummary({
    findings,
    failOn: config.fail_on,
    notes,
    problems: input.problems,
    ...(input.escape ? { escape: input.escape } : {}),
    ...(input.race ? { race: input.race } : {}),
    ...(input.docsBase !== undefined ? { docsBase: input.docsBase } : {}),
    ...(input.detailsUrl !== undefined ? { detailsUrl: input.detailsUrl } : {}),
  });
  const annotations = config.comments === 'none' ? [] : findings.map((f) => renderAnnotation(f, input.docsBase));
  const chunks = batches(annotations);
  const text = findings.length > 0 ? renderCheckText(findings, input.detailsUrl) : undefined;
  const base = { owner: pr.owner, repo: pr.repo, check_run_id: input.checkRunId };
  for (let i = 0; i < chunks.length - 1; i++) {
    checkpoint(input.signal);
    await octokit.rest.checks.update({ ...base, output: { title, summary, annotations: chunks[i]! } });
  }
  const last = chunks[chunks.length - 1];
  await octokit.rest.checks.update({
    ...base,
    status: 'completed',
    conclusion,
    completed_at: new Date().toISOString(),
    output: { title, summary, ...(text !== undefined ? { text } : {}), ...(last ? { annotations: last } : {}) },
  });
  return conclusion;
}

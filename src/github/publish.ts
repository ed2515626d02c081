// The App's half of publishing: the shared review (src/publish/review.ts: inline comments,
// dedupe, fixed threads) and then the check run's completion with every finding as an
// annotation, in batches of 50.
import type { Config } from '../config/types.js';
import type { EscapeSummary, FileProblem, RaceSummary } from '../review/types.js';
import { batches, checkTitle, conclusionFor, renderAnnotation, renderCheckSummary, renderCheckText } from '../report/github.js';
import { publishReview, type ReviewPublishInput } from '../publish/review.js';
import type { PullRef } from './source.js';
import type { Octokit } from './types.js';
import { checkpoint } from './queue.js';

/** What the App publishes: the shared review's input, and the check run's. */
export interface PublishInput extends Omit<ReviewPublishInput, 'client' | 'config' | 'signal'> {
  octokit: Octokit;
  pr: PullRef;
  checkRunId: number;
  config: Config;
  notes: string[];
  problems: FileProblem[];
  escape?: EscapeSummary;
  race?: RaceSummary;
  detailsUrl?: string;
  signal: AbortSignal;
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

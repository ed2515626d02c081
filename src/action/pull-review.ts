// A pull_request run of the Action: the changed lines from the files API, the changed packages
// from the checkout, the analysis, and the review posted through the App's publisher
// (src/publish/review.ts: inline comments with suggestions, dedupe against earlier runs,
// replies and resolved threads for fixed findings, the max_comments cap).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { filterFindings } from '../diff/index.js';
import type { Config } from '../config/index.js';
import type { Finding } from '../engine/index.js';
import { createRaceRunner, RACE_SEED_PACKAGES } from '../race/index.js';
import { escapeData } from '../report/index.js';
import { applyBaseline, type Baseline } from '../review/baseline.js';
import type { ReviewInput, ReviewResult } from '../review/types.js';
import { publishReview } from '../publish/review.js';
import { httpStatus, type Log } from '../publish/client.js';
import { actionClient } from './client.js';
import type { ActionInputs } from './inputs.js';
import { fetchPullFiles, gitBlobSha, readWorkspace, FILES_API_CAP } from './pull.js';
import type { ActionDeps } from './run.js';

interface PullPayload {
  pull_request?: { number: number; draft?: boolean; head?: { sha?: string } };
}

export interface PullRun {
  env: NodeJS.ProcessEnv;
  root: string;
  inScope: (path: string) => boolean;
  inputs: ActionInputs;
  config: Config;
  baseline?: Baseline;
  /** The kept results and trees (cache-dir), when the workflow keeps a directory. */
  kept?: Pick<ReviewInput, 'treeCacheDir' | 'resultCache'>;
  deps: ActionDeps;
}

export interface PullOutcome {
  /** A misuse to report (exit 2). */
  usage?: string;
  /** Why nothing was reviewed (a draft). */
  skipped?: string;
  result: ReviewResult;
  /** Findings to print as workflow annotations: what has no inline comment. */
  annotate: Finding[];
  inline: number;
  notes: string[];
}

/** A review of nothing: no files analysed. */
export const EMPTY_RESULT: ReviewResult = { findings: [], problems: [], stats: { files: 0, packages: 0, findingsBeforeFilter: 0, durationMs: 0 } };

/** The publisher's log as workflow commands: warnings and errors show in the run's log. */
function workflowLog(out: (s: string) => void): Log {
  const line = (level: 'warning' | 'error') => (obj: unknown, msg?: string) => {
    const err = (obj as { err?: unknown } | undefined)?.err;
    const why = err instanceof Error ? `: ${err.message}` : '';
    out(`::${level} title=mapguard::${escapeData(`${msg ?? ''}${why}`)}\n`);
  };
  return { info: () => undefined, debug: () => undefined, warn: line('warning'), error: line('warning') };
}

export async function reviewPull(run: PullRun): Promise<PullOutcome> {
  const { env, root, inputs, config, deps } = run;
  const none: PullOutcome = { result: EMPTY_RESULT, annotate: [], inline: 0, notes: [] };
  const payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH ?? '', 'utf8')) as PullPayload;
  const pull = payload.pull_request;
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!pull || !owner || !repo) return { ...none, usage: 'no pull request in the event payload' };
  if (pull.draft && !config.review_drafts) return { ...none, skipped: 'draft pull request skipped (review-drafts: false)' };
  if (!inputs.token) return { ...none, usage: 'no token: pass github-token (default: the workflow GITHUB_TOKEN)' };
  const headSha = pull.head?.sha ?? env.GITHUB_SHA ?? '';
  const client = actionClient({
    token: inputs.token,
    baseUrl: env.GITHUB_API_URL ?? 'https://api.github.com',
    userAgent: `mapguard-action/${deps.version}`,
    warn: (m) => deps.stdout(`::warning title=mapguard::${escapeData(m)}\n`),
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...deps.clientTuning,
  });
  const pulled = await fetchPullFiles(client, owner, repo, pull.number);
  const diff = pulled.diff.filter((d) => run.inScope(d.path));
  const notes: string[] = [];
  if (pulled.capped) notes.push(`GitHub lists only the first ${FILES_API_CAP} changed files of a pull request; files past that were not reviewed.`);
  if (diff.length === 0) return { ...none, notes };

  // The checkout is the pull request's code: its tests run only in the sandbox, reading the tree, never writing it.
  const race = config.race_check.enabled
    ? createRaceRunner({
        dir: root,
        sandbox: inputs.sandbox,
        trusted: false,
        packages: config.race_check.packages,
        count: config.race_check.count,
        cpu: config.race_check.cpu,
        ...(config.race_check.run ? { run: config.race_check.run } : {}),
        timeoutSeconds: config.race_check.timeout_seconds,
        ...(env.RUNNER_TEMP ? { stdCacheDir: join(env.RUNNER_TEMP, 'mapguard-race-std'), stdCachePackages: RACE_SEED_PACKAGES } : {}),
        log: (line) => deps.stdout(`mapguard: ${line}\n`),
      })
    : undefined;
  const workspace = readWorkspace(root, diff);
  // `module_view: false`: the changed packages alone, as the CLI's --no-module.
  if (!config.module_view) delete workspace.module;
  // Whole changed files are analysed and filtered here, as the App does: a finding outside the
  // changed lines is still "present", so its earlier thread is not declared fixed.
  const analysed = await deps.analyze({ workspace, diff, config: { ...config, filter: 'file' }, ...(race ? { race } : {}), ...run.kept });
  const present = new Set(analysed.findings.map((f) => f.fingerprint));
  let findings = filterFindings(analysed.findings, diff, config.filter);
  let baselined = 0;
  if (run.baseline) ({ findings, baselined } = applyBaseline(findings, run.baseline));
  const result: ReviewResult = { ...analysed, findings, stats: { ...analysed.stats, ...(run.baseline ? { baselined } : {}) } };
  if (baselined > 0) notes.push(`${baselined} finding${baselined === 1 ? ' is' : 's are'} in the baseline \`${config.baseline}\` and not reported.`);
  if (config.comments === 'none') return { result, annotate: [], inline: 0, notes };
  if (config.comments === 'annotations') {
    // max-comments caps the annotations printed (the runner shows only a few per step anyway); SARIF has all.
    const shown = findings.slice(0, config.max_comments);
    if (shown.length < findings.length) notes.push(`${findings.length - shown.length} more findings are in the SARIF file (max-comments: ${config.max_comments})`);
    return { result, annotate: shown, inline: 0, notes };
  }

  // Inline comments only where the checkout holds the head's text: actions/checkout's default for
  // pull_request is the merge commit, whose lines can differ from the head's the diff is about.
  const wholeFile = new Set(pulled.noPatch);
  const texts = new Map(workspace.files.map((f) => [f.path, f.text]));
  let moved = 0;
  for (const d of diff) {
    const blob = pulled.headBlobs.get(d.path);
    const text = texts.get(d.path);
    if (!blob || text === undefined) continue;
    // The text readWorkspace read (UTF-8, as Go source is): its bytes are the file's.
    if (gitBlobSha(Buffer.from(text, 'utf8')) !== blob) {
      wholeFile.add(d.path);
      moved++;
    }
  }
  if (moved > 0) notes.push(`${moved} changed ${moved === 1 ? 'file is' : 'files are'} not at the pull request's head in the checkout (check out \`github.event.pull_request.head.sha\`); ${moved === 1 ? 'its findings are' : 'their findings are'} annotations only.`);
  const failed = new Set(analysed.problems.map((p) => p.path));
  const published = await publishReview({
    client,
    pr: { owner, repo, number: pull.number, headSha },
    config,
    findings,
    present,
    covered: new Set(diff.filter((d) => !failed.has(d.path)).map((d) => d.path)),
    diff,
    wholeFile,
    texts,
    ...(config.docs_url ? { docsBase: config.docs_url } : {}),
    log: workflowLog(deps.stdout),
  });
  notes.push(...published.notes);
  if (published.failure !== undefined && httpStatus(published.failure) === 403) {
    // A pull request from a fork gets a read-only token on `pull_request`: no review is possible.
    notes.push('The workflow token may not write to this pull request (pull requests from forks get a read-only token, or the workflow lacks `pull-requests: write`); the findings are annotations.');
  }
  return { result, annotate: published.notInline, inline: published.posted, notes };
}

// One review job: read the config, create the `mapguard` check run (start phase,
// right after the webhook), then load the pull request, analyse it and publish
// (run phase, when a queue slot is free).
import { ConfigError, DEFAULT_CONFIG, parseConfig, type Config } from '../config/index.js';
import { filterFindings } from '../diff/index.js';
import type { EscapeRunner, RaceRunner, ReviewInput, ReviewResult } from '../review/types.js';
import { isSuperseded, isShutdown, checkpoint, type JobSpec } from './queue.js';
import { createOnce, NO_AUTOMATIC_RETRY, type OnceOptions } from '../publish/idempotent.js';
import { randomUUID } from 'node:crypto';
import { CONFIG_PATH, loadBaselineText, loadConfigText, loadPull, type Limits, type PullRef } from './source.js';
import { applyBaseline, BaselineError, parseBaseline, type Baseline } from '../review/baseline.js';
import type { InstallationResultStores } from '../review/result-cache.js';
import { publish } from './publish.js';
import { prepareModule } from './module.js';
import type { ModuleArchives } from './archive.js';
import type { Log, Octokit } from './types.js';
import { jobDuration, jobsTotal } from './metrics.js';
import { isTimedOut, startBudget, untilAborted, type JobBudget } from './budget.js';

/** The text of a check run the server could not finish before it stopped. */
export const RESTART_TEXT = 'The mapguard server stopped (a restart or a deploy) before it finished reviewing this commit. Re-run the check to review it.';

export const CHECK_NAME = 'mapguard';

/** A review's time budget when the deployment sets none (MAPGUARD_JOB_TIMEOUT_SECONDS). */
export const DEFAULT_JOB_TIMEOUT_SECONDS = 1800;

/**
 * Builds the sandboxed runs the config enables for one pull request: the
 * escape comparison (base and head sources) and the race check (head).
 * Injected: without it, `escape_analysis.enabled` and `race_check.enabled` are
 * answered with a note in the summary.
 */
export interface SandboxProvider {
  /** `budget`: the job's clock; each run's timeout is capped by what is left of it when the run starts. */
  prepare(octokit: Octokit, pr: PullRef, config: Config, log: Log, budget?: Pick<JobBudget, 'left'>): Promise<{ escape?: EscapeRunner; race?: RaceRunner; cleanup: () => Promise<void> }>;
}

export interface JobDeps {
  analyze: (input: ReviewInput) => Promise<ReviewResult>;
  sandbox?: SandboxProvider;
  /** Rule ids the config may name. */
  ruleIds: readonly string[];
  limits: Limits;
  docsBase?: string;
  /**
   * Head archives for the module view (createApp supplies one). Without it, the
   * module view reads only the loaded packages.
   */
  archives?: ModuleArchives;
  /** Retries of a create after an ambiguous answer (tests shorten the backoff). */
  writeRetry?: OnceOptions;
  /** The run phase's time budget in seconds (default DEFAULT_JOB_TIMEOUT_SECONDS). */
  timeBudgetSeconds?: number;
  /** Results kept in memory across reviews, one store per installation's account (result-cache.ts). */
  resultStores?: InstallationResultStores;
}

export interface JobRequest {
  octokit: Octokit;
  log: Log;
  pr: PullRef;
  draft: boolean;
  /** Re-run requested by a user: ignore the draft setting. */
  rerequested: boolean;
  /** The repository's web URL, for links in the check run. */
  htmlUrl?: string;
  /**
   * A durable job's check run (durable.ts): its external id is fixed when the job is queued, so a
   * worker taking over a job whose first worker died finds the run that one created instead of
   * creating a second; `checkRunId` when it is already known, and `onCheckRun` to record it.
   */
  resume?: { externalId: string; checkRunId?: number; onCheckRun?: (id: number) => Promise<void> };
}

interface Started {
  checkRunId?: number;
  config?: Config;
}

function repoParams(pr: PullRef): { owner: string; repo: string } {
  return { owner: pr.owner, repo: pr.repo };
}

async function readConfig(req: JobRequest, deps: JobDeps): Promise<Config> {
  const found = await loadConfigText(req.octokit, req.pr.owner, req.pr.repo);
  if (!found) return DEFAULT_CONFIG;
  return parseConfig(found.text, found.source, deps.ruleIds);
}

async function completeCheck(req: JobRequest, checkRunId: number, conclusion: 'cancelled' | 'failure' | 'neutral' | 'timed_out', title: string, summary: string): Promise<void> {
  await req.octokit.rest.checks.update({
    ...repoParams(req.pr),
    check_run_id: checkRunId,
    status: 'completed',
    conclusion,
    completed_at: new Date().toISOString(),
    output: { title, summary },
  });
}

async function start(req: JobRequest, deps: JobDeps): Promise<Started> {
  const { octokit, pr, log } = req;
  let config: Config;
  try {
    config = await readConfig(req, deps);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    // A bad config: say exactly what is wrong and post nothing else.
    await octokit.rest.checks.create({
      ...repoParams(pr),
      name: CHECK_NAME,
      head_sha: pr.headSha,
      status: 'completed',
      conclusion: 'action_required',
      completed_at: new Date().toISOString(),
      ...(req.htmlUrl ? { details_url: `${req.htmlUrl}/blob/HEAD/${CONFIG_PATH}` } : {}),
      output: {
        title: 'Invalid mapguard configuration',
        summary: `mapguard did not review this pull request because its configuration is invalid:\n\n\`\`\`\n${e.message}\n\`\`\`\n\nFix the file on the default branch, then re-run this check.`,
      },
    });
    log.info({ problem: e.message }, 'invalid configuration');
    return {};
  }
  if (req.draft && !req.rerequested && !config.review_drafts) {
    log.info('draft pull request skipped (review_drafts: false)');
    return {};
  }
  // A token of this job in the check run, to find it again after an ambiguous answer.
  const externalId = req.resume?.externalId ?? `mapguard/${randomUUID()}`;
  const findRun = async () => {
    const { data } = await octokit.rest.checks.listForRef({ ...repoParams(pr), ref: pr.headSha, check_name: CHECK_NAME, per_page: 100 });
    return data.check_runs.find((r) => r.external_id === externalId)?.id;
  };
  // A durable job taken over from a worker that died: its check run may exist already.
  const known = req.resume ? (req.resume.checkRunId ?? (await findRun())) : undefined;
  if (known !== undefined) return { checkRunId: known, config };
  const checkRunId = await createOnce(
    async () =>
      (
        await octokit.rest.checks.create({
          ...repoParams(pr),
          name: CHECK_NAME,
          head_sha: pr.headSha,
          external_id: externalId,
          status: 'in_progress',
          started_at: new Date().toISOString(),
          output: { title: 'Reviewing Go map usage…', summary: 'mapguard is analysing the changed Go packages.' },
          ...NO_AUTOMATIC_RETRY,
        })
      ).data.id,
    findRun,
    deps.writeRetry,
  );
  await req.resume?.onCheckRun?.(checkRunId);
  return { checkRunId, config };
}

async function review(req: JobRequest, deps: JobDeps, started: Started, budget: JobBudget): Promise<void> {
  const signal = budget.signal;
  const { octokit, pr, log } = req;
  const checkRunId = started.checkRunId!;
  const config = started.config!;
  const t0 = Date.now();
  const loaded = await loadPull(octokit, pr, deps.limits);
  checkpoint(signal);
  const notes = [...loaded.notes];
  let findings: ReviewResult['findings'] = [];
  let present = new Set<string>();
  let problems: ReviewResult['problems'] = [];
  let escape: ReviewResult['escape'];
  let race: ReviewResult['race'];
  // The module view fell back to less evidence than it had before: a finding missing now may only be unseen.
  let partialEvidence = false;
  if (loaded.diff.length === 0) {
    notes.push(loaded.changedCount === 0 ? 'This pull request changes no files.' : 'This pull request changes no Go files.');
  } else {
    let runners: { escape?: EscapeRunner; race?: RaceRunner } = {};
    let cleanup: (() => Promise<void>) | undefined;
    const wanted = [config.escape_analysis.enabled ? 'Escape analysis' : '', config.race_check.enabled ? 'The race check' : ''].filter(Boolean);
    if (wanted.length) {
      if (!deps.sandbox) notes.push(`${wanted.join(' and ')} ${wanted.length > 1 ? 'are' : 'is'} enabled in the configuration but not available in this deployment.`);
      else {
        try {
          const prepared = await deps.sandbox.prepare(octokit, pr, config, log, budget);
          cleanup = prepared.cleanup;
          runners = { ...(prepared.escape ? { escape: prepared.escape } : {}), ...(prepared.race ? { race: prepared.race } : {}) };
        } catch (e) {
          log.warn({ err: e }, 'sandboxed runs could not start');
          notes.push(`${wanted.join(' and ')} could not run: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }
    let baseline: Baseline | undefined;
    if (config.baseline) {
      const text = await loadBaselineText(octokit, pr.owner, pr.repo, config.baseline);
      if (text === undefined) notes.push(`The baseline \`${config.baseline}\` named in the configuration is not in the repository's default branch; every finding is reported.`);
      else {
        try {
          baseline = parseBaseline(text, config.baseline);
        } catch (e) {
          if (!(e instanceof BaselineError)) throw e;
          notes.push(`${e.message}; every finding is reported.`);
        }
      }
    }
    const mod = await prepareModule(octokit, pr, loaded, config, deps.archives, log);
    if (mod.note) notes.push(mod.note);
    partialEvidence = mod.via === 'fallback';
    try {
      checkpoint(signal);
      const workspace = { ...loaded.workspace, ...(mod.module ? { module: mod.module } : {}) };
      // Analyse whole changed files, then filter here: fingerprints outside the diff
      // lines still count as "present", so their threads are not declared fixed.
      const resultCache = deps.resultStores?.for(pr.owner.toLowerCase());
      const result = await deps.analyze({ workspace, diff: loaded.diff, config: { ...config, filter: 'file' }, ...runners, signal, ...(resultCache ? { resultCache } : {}) });
      checkpoint(signal);
      present = new Set(result.findings.map((f) => f.fingerprint));
      findings = filterFindings(result.findings, loaded.diff, config.filter);
      if (baseline) {
        const applied = applyBaseline(findings, baseline);
        findings = applied.findings;
        if (applied.baselined > 0) notes.push(`${applied.baselined} finding${applied.baselined === 1 ? ' is' : 's are'} in the baseline \`${config.baseline}\` and not reported.`);
      }
      problems = result.problems;
      escape = result.escape;
      race = result.race;
    } finally {
      await cleanup?.().catch((e: unknown) => log.warn({ err: e }, 'sandbox workspace cleanup failed'));
      await mod.cleanup().catch((e: unknown) => log.warn({ err: e }, 'module view cleanup failed'));
    }
  }
  const failed = new Set(problems.map((p) => p.path));
  const covered = partialEvidence ? new Set<string>() : new Set(loaded.diff.filter((d) => !failed.has(d.path)).map((d) => d.path));
  const texts = new Map(loaded.workspace.files.map((f) => [f.path, f.text]));
  const result = await publish({
    octokit,
    pr,
    checkRunId,
    config,
    findings,
    present,
    covered,
    diff: loaded.diff,
    wholeFile: loaded.wholeFile,
    texts,
    notes,
    problems,
    ...(escape ? { escape } : {}),
    ...(race ? { race } : {}),
    // The repository's own docs_url wins over the deployment's MAPGUARD_DOCS_URL.
    ...(config.docs_url ? { docsBase: config.docs_url } : deps.docsBase !== undefined ? { docsBase: deps.docsBase } : {}),
    ...(req.htmlUrl ? { detailsUrl: `${req.htmlUrl}/pull/${pr.number}/checks` } : {}),
    log,
    signal,
    ...(deps.writeRetry ? { writeRetry: deps.writeRetry } : {}),
  });
  log.info({ ...result, findings: findings.length, ms: Date.now() - t0 }, 'review done');
}

/** A pull request's queue key, "owner/repo#number": one live review per key. */
export function pullKey(pr: PullRef): string {
  return `${pr.owner}/${pr.repo}#${pr.number}`;
}

/** The queue job for one pull request at one head SHA. */
export function reviewJob(req: JobRequest, deps: JobDeps, deliveryId: string): JobSpec<Started> {
  const key = pullKey(req.pr);
  return {
    key,
    sha: req.pr.headSha,
    deliveryId: `${deliveryId}/${key}`,
    force: req.rerequested,
    start: () =>
      start(req, deps).catch((e: unknown) => {
        req.log.error({ err: e }, 'could not start the review (config or check run creation failed)');
        throw e;
      }),
    run: async (signal, started) => {
      // No check run: start() failed (already logged), or nothing is to be reviewed.
      if (started?.checkRunId === undefined) return void jobsTotal.inc({ outcome: 'skipped' });
      const t0 = Date.now();
      const outcome = (name: string) => {
        jobsTotal.inc({ outcome: name });
        jobDuration.observe((Date.now() - t0) / 1000);
      };
      const budget = startBudget(deps.timeBudgetSeconds ?? DEFAULT_JOB_TIMEOUT_SECONDS, signal);
      try {
        checkpoint(budget.signal);
        // A step that hangs (a GitHub answer that never comes) ends the job when the budget does.
        await untilAborted(review(req, deps, started, budget), budget.expired);
        outcome('completed');
      } catch (e) {
        if (isTimedOut(e)) {
          outcome('timed_out');
          req.log.warn({ seconds: e.seconds }, 'review timed out');
          await completeCheck(
            req,
            started.checkRunId,
            'timed_out',
            'mapguard ran out of time',
            `The review did not finish within its time budget of ${e.seconds} s (the deployment's MAPGUARD_JOB_TIMEOUT_SECONDS) and was stopped. Re-run the check; if it times out again, the escape analysis or the race check (\`timeout_seconds\` in \`.github/mapguard.yml\`) may need less of the budget.`,
          ).catch((err: unknown) => req.log.error({ err }, 'could not complete the check run'));
          return;
        }
        if (isSuperseded(e)) {
          outcome('superseded');
          await completeCheck(req, started.checkRunId, 'cancelled', 'Superseded', `A newer commit (${e.bySha}) is being reviewed.`);
          throw e;
        }
        // The queue completes the check run (onShutdown) once it has stopped every job.
        if (isShutdown(e)) {
          outcome('shutdown');
          throw e;
        }
        outcome('failed');
        req.log.error({ err: e }, 'review failed');
        const message = e instanceof Error ? e.message : String(e);
        await completeCheck(req, started.checkRunId, 'failure', 'mapguard could not complete the review', `mapguard hit an error while reviewing this commit; re-run the check to try again.\n\n\`\`\`\n${message.slice(0, 2000)}\n\`\`\``).catch(
          (err: unknown) => req.log.error({ err }, 'could not complete the check run'),
        );
      } finally {
        budget.stop();
      }
    },
    onCancel: async (started, bySha) => {
      if (started?.checkRunId !== undefined) await completeCheck(req, started.checkRunId, 'cancelled', 'Superseded', `A newer commit (${bySha}) is being reviewed.`);
    },
    onShutdown: async (started) => {
      if (started?.checkRunId !== undefined) await completeCheck(req, started.checkRunId, 'neutral', 'mapguard restarted before this review finished', RESTART_TEXT);
    },
  };
}

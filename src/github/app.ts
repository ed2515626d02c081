// The Probot application: thin webhook handlers that turn events into queue jobs
// and answer at once, plus a /healthz route. All I/O happens in the jobs.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApplicationFunction, Context, Probot } from 'probot';
import { ReviewQueue, type SubmitResult } from './queue.js';
import { pullKey, reviewJob, CHECK_NAME, type JobDeps, type JobRequest } from './job.js';
import type { PullRef } from './source.js';
import type { Log, Octokit } from './types.js';
import { ModuleArchives } from './archive.js';
import type { DurableQueue, ReviewJobData } from './durable.js';
import { metricsHandler, queueDepth } from './metrics.js';
import { recoverStranded, type StrandedRun } from './recover.js';
import { randomUUID } from 'node:crypto';

export interface AppOptions extends JobDeps {
  /** Reviews running at once (MAPGUARD_CONCURRENCY, default 2). */
  concurrency: number;
  /** Reviews of one installation running at once (MAPGUARD_CONCURRENCY_PER_INSTALLATION, default: all of them). */
  concurrencyPerInstallation?: number;
  /**
   * REDIS_URL set: reviews go to the durable queue and workers run them (`npm run worker`);
   * this process only receives webhooks.
   */
  durable?: DurableQueue;
  /**
   * Embedded queue: on start, review again the head commits whose `mapguard` check run an earlier
   * process left unfinished (a crash), at most this many open pull requests looked at (recover.ts).
   */
  recoverOnStart?: { appId?: number; maxPulls: number };
}

export interface MapguardApp {
  appFn: ApplicationFunction;
  queue: ReviewQueue;
  /** Stops taking reviews, gives running ones `graceMs`, and completes every unfinished check run as neutral with a re-run hint. */
  shutdown(graceMs: number): Promise<void>;
}

const PR_ACTIONS = ['opened', 'synchronize', 'reopened', 'ready_for_review'] as const;

interface PullLike {
  number: number;
  head: { sha: string };
  base: { sha: string };
}

function pullRef(owner: string, repo: string, pr: PullLike, changedFiles?: number): PullRef {
  return { owner, repo, number: pr.number, headSha: pr.head.sha, baseSha: pr.base.sha, ...(changedFiles !== undefined ? { changedFiles } : {}) };
}

type QueueSize = { queued: number; running: number };

export function healthHandler(size: () => QueueSize | Promise<QueueSize>) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/healthz' || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    Promise.resolve()
      .then(size)
      .then(
        (queue) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(req.method === 'HEAD' ? undefined : JSON.stringify({ status: 'ok', queue }));
        },
        // The durable queue's Redis is unreachable: webhooks cannot be queued.
        (e: unknown) => {
          res.writeHead(503, { 'content-type': 'application/json' });
          res.end(req.method === 'HEAD' ? undefined : JSON.stringify({ status: 'unavailable', error: e instanceof Error ? e.message : String(e) }));
        },
      );
    return true;
  };
}

export function createApp(appOptions: AppOptions): MapguardApp {
  // One archive cache per App: reviews of the same tree share a download.
  const options: AppOptions = { ...appOptions, archives: appOptions.archives ?? new ModuleArchives() };
  let log: Log | undefined;
  const queue = new ReviewQueue(
    options.concurrency,
    (err, spec) => log?.error({ err, job: spec.key, sha: spec.sha }, 'review job failed'),
    Math.min(options.concurrency, options.concurrencyPerInstallation ?? options.concurrency),
  );

  const durable = options.durable;
  const submit = async (context: Context, req: Omit<JobRequest, 'octokit' | 'log'>): Promise<SubmitResult> => {
    const key = pullKey(req.pr);
    const jobLog = context.log.child({ pr: key, sha: req.pr.headSha, delivery: context.id });
    const installation = (context.payload as { installation?: { id?: number } }).installation?.id;
    const r = durable
      ? await durable.submit(durableJob(context.id, installation, key, req))
      : queue.submit({ ...reviewJob({ ...req, octokit: context.octokit as Octokit, log: jobLog }, options, context.id), ...(installation !== undefined ? { group: String(installation) } : {}) });
    // Shutting down: fail the delivery (GitHub shows it as failed; it can be redelivered).
    if (r === 'closing') throw new Error('mapguard is shutting down; redeliver this webhook later');
    jobLog.info({ event: context.name, delivery: context.id, result: r }, r === 'queued' ? 'review queued' : 'nothing new to review');
    return r;
  };

  const appFn: ApplicationFunction = (app: Probot, { addHandler }) => {
    log = app.log;
    const size = () => (durable ? durable.size() : Promise.resolve(queue.size));
    queueDepth.collect = async () => {
      const { queued, running } = await size();
      return [
        { labels: { state: 'queued' }, value: queued },
        { labels: { state: 'running' }, value: running },
      ];
    };
    addHandler(healthHandler(size));
    addHandler(metricsHandler());
    if (options.recoverOnStart && !durable) {
      const { appId, maxPulls } = options.recoverOnStart;
      const resubmit = (r: StrandedRun) => {
        const jobLog = app.log.child({ pr: pullKey(r.pr), sha: r.pr.headSha });
        const resume = { externalId: r.externalId ?? `mapguard/${randomUUID()}`, checkRunId: r.checkRunId };
        const req: JobRequest = { octokit: r.octokit, log: jobLog, pr: r.pr, draft: false, rerequested: true, ...(r.htmlUrl ? { htmlUrl: r.htmlUrl } : {}), resume };
        const result = queue.submit(reviewJob(req, options, `recover-${r.checkRunId}`));
        jobLog.info({ checkRun: r.checkRunId, result }, 'check run left unfinished by an earlier process: reviewing again');
      };
      void recoverStranded({ appOctokit: async () => (await app.auth()) as Octokit, installationOctokit: async (id) => (await app.auth(id)) as Octokit, ...(appId !== undefined ? { appId } : {}), maxPulls, log: app.log, resubmit }).then(
        (n) => app.log.info({ found: n }, 'start-up scan for unfinished check runs done'),
        (e: unknown) => app.log.warn({ err: e }, 'start-up scan for unfinished check runs failed'),
      );
    }

    app.on(
      PR_ACTIONS.map((a) => `pull_request.${a}` as const),
      async (context) => {
        const { pull_request: pr, repository } = context.payload;
        if (pr.state !== 'open') return;
        await submit(context, {
          pr: pullRef(repository.owner.login, repository.name, pr, pr.changed_files),
          draft: pr.draft === true,
          rerequested: false,
          htmlUrl: repository.html_url,
        });
      },
    );

    // "Re-run" on our check run or the whole suite: review the pull requests of that commit again.
    app.on(['check_run.rerequested', 'check_suite.rerequested'], async (context) => {
      const { repository } = context.payload;
      const owner = repository.owner.login;
      const repo = repository.name;
      let headSha: string;
      let pulls: PullLike[];
      if ('check_run' in context.payload) {
        const run = context.payload.check_run;
        if (run.name !== CHECK_NAME) return;
        headSha = run.head_sha;
        pulls = run.pull_requests;
      } else {
        headSha = context.payload.check_suite.head_sha;
        pulls = context.payload.check_suite.pull_requests;
      }
      if (pulls.length === 0) {
        // GitHub leaves pull_requests empty for forks; ask which open PRs hold the commit.
        const { data } = await context.octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: headSha });
        pulls = data.filter((p) => p.state === 'open' && p.head.sha === headSha);
      }
      for (const p of pulls) {
        await submit(context, { pr: pullRef(owner, repo, p), draft: false, rerequested: true, htmlUrl: repository.html_url });
      }
    });
  };
  // With the durable queue nothing runs here: jobs wait in Redis for the workers.
  return { appFn, queue, shutdown: (graceMs) => (durable ? durable.close() : queue.shutdown(graceMs)) };
}

/** The durable queue's job for a pull request: data only, the installation to authenticate as. */
function durableJob(deliveryId: string, installationId: number | undefined, key: string, req: Omit<JobRequest, 'octokit' | 'log'>): ReviewJobData {
  if (typeof installationId !== 'number') throw new Error('the webhook names no installation: a worker could not act for it');
  return {
    key,
    installationId,
    pr: req.pr,
    draft: req.draft,
    rerequested: req.rerequested,
    ...(req.htmlUrl ? { htmlUrl: req.htmlUrl } : {}),
    deliveryId: `${deliveryId}/${key}`,
    externalId: `mapguard/${randomUUID()}`,
  };
}

// A review worker (`npm run worker`, REDIS_URL required): takes review jobs from the durable
// queue (durable.ts) and runs them as the embedded App does (job.ts), with an installation client
// of its own: the App's id and key come from the same environment as `npm start`'s.
import { createProbot } from 'probot';
import { DurableWorker, type ReviewJobData } from './durable.js';
import { reviewJob, type JobRequest } from './job.js';
import { isShutdown, isSuperseded, ShutdownError } from './queue.js';
import { optionsFromEnv, positiveInt, withoutRedis } from './server.js';
import { MapguardOctokit } from './octokit.js';
import { healthHandler, type AppOptions } from './app.js';
import { metricsHandler, queueDepth } from './metrics.js';
import { createServer, type Server } from 'node:http';
import type { Octokit } from './types.js';

export interface StartedWorker {
  worker: DurableWorker;
  /** Stops taking jobs; running ones get graceMs, then are handed back to the queue. */
  stop(graceMs: number): Promise<void>;
}

export async function startWorker(opts: { env?: NodeJS.ProcessEnv; override?: (o: AppOptions) => AppOptions } = {}): Promise<StartedWorker> {
  const env = opts.env ?? process.env;
  const url = env.REDIS_URL;
  if (!url) throw new Error('REDIS_URL is not set: a worker takes its jobs from the durable queue in Redis');
  const base = optionsFromEnv(env);
  const deps = opts.override ? opts.override(base) : base;
  // Probot reads APP_ID, PRIVATE_KEY(_PATH), GHE_HOST, LOG_LEVEL; not REDIS_URL (see server.ts).
  const probot = createProbot({ env: withoutRedis(env), overrides: { Octokit: MapguardOctokit } });
  // Probot initialises itself (its logger too) asynchronously; the App's own client waits for it.
  await probot.auth();
  const log = probot.log;
  const request = async (data: ReviewJobData, extra: Partial<JobRequest> = {}): Promise<JobRequest> => ({
    octokit: (await probot.auth(data.installationId)) as Octokit,
    log: log.child({ pr: data.key, sha: data.pr.headSha, delivery: data.deliveryId }),
    pr: data.pr,
    draft: data.draft,
    rerequested: data.rerequested,
    ...(data.htmlUrl ? { htmlUrl: data.htmlUrl } : {}),
    ...extra,
  });
  const worker = new DurableWorker(
    {
      url,
      concurrency: deps.concurrency,
      lockMs: positiveInt(env.MAPGUARD_JOB_LOCK_MS, 'MAPGUARD_JOB_LOCK_MS', 30_000),
      pollMs: positiveInt(env.MAPGUARD_SUPERSEDE_POLL_MS, 'MAPGUARD_SUPERSEDE_POLL_MS', 2_000),
      ...(deps.concurrencyPerInstallation ? { perInstallation: deps.concurrencyPerInstallation } : {}),
    },
    async (data, ctx) => {
      const req = await request(data, { resume: { externalId: data.externalId, ...(data.checkRunId !== undefined ? { checkRunId: data.checkRunId } : {}), onCheckRun: ctx.setCheckRun } });
      const spec = reviewJob(req, deps, data.deliveryId);
      req.log.info({ resumed: data.checkRunId !== undefined }, 'review started');
      const started = await spec.start!(ctx.signal);
      try {
        await spec.run(ctx.signal, started);
      } catch (e) {
        // Superseded: run() has completed the check run as cancelled; the job itself is done.
        if (isSuperseded(e)) return;
        // Shutting down: the job fails and BullMQ retries it on another worker (same check run).
        if (isShutdown(e)) req.log.info('worker stopping: review handed back to the queue');
        throw e;
      }
    },
    async (data, bySha) => {
      if (data.checkRunId === undefined) return;
      const req = await request(data);
      await reviewJob(req, deps, data.deliveryId).onCancel?.({ checkRunId: data.checkRunId }, bySha);
    },
  );
  worker.on('failed', (job, err) => log.warn({ err, job: job?.data.key, attempts: job?.attemptsMade }, 'review job failed (retried while attempts remain)'));
  await worker.ready();
  const server = env.MAPGUARD_METRICS_PORT ? await serveMetrics(positiveInt(env.MAPGUARD_METRICS_PORT, 'MAPGUARD_METRICS_PORT', 9464), env.HOST ?? '127.0.0.1', worker) : undefined;
  log.info({ concurrency: deps.concurrency, ...(server ? { metrics: env.MAPGUARD_METRICS_PORT } : {}) }, 'mapguard worker taking review jobs');
  return {
    worker,
    stop: async (graceMs) => {
      await worker.close(graceMs, () => new ShutdownError());
      await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    },
  };
}

/** A worker's own /metrics and /healthz (it receives no webhooks, so it has no other server). */
async function serveMetrics(port: number, host: string, worker: DurableWorker): Promise<Server> {
  queueDepth.collect = async () => [{ labels: { state: 'running' }, value: worker.runningCount }];
  const metrics = metricsHandler();
  const health = healthHandler(() => ({ queued: 0, running: worker.runningCount }));
  const server = createServer((req, res) => {
    if (metrics(req, res) || health(req, res)) return;
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(port, host, r));
  return server;
}

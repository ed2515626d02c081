// The durable review queue (REDIS_URL set): the receiver puts each review on a BullMQ queue in
// Redis and answers the webhook; workers (`npm run worker`, any number, on any machine) take the
// jobs. What the in-memory queue (queue.ts) keeps in one process lives in Redis here, so that every
// receiver and worker agrees on it:
// - a delivery id seen before is dropped (`delivery:<id>`, kept three days: GitHub redelivers
//   by hand or through its API within that);
// - `live:<pr>` holds the newest head SHA queued: a webhook for it is a duplicate while its review
//   is unfinished, a newer SHA replaces it, and a worker whose job's SHA is no longer live stops
//   (superseded);
// - `done:<pr>@<sha>` marks a reviewed head (a redelivery of it is a duplicate, a re-run is not);
//   a superseded review is not done (a force-push back to that commit is reviewed again).
// The three checks and the update run as one Lua script, so two receivers cannot both queue.
// A job carries only data (the installation, the pull request, a fixed check-run external id),
// so any worker can run it: a worker that dies mid-job loses its lock, BullMQ's stalled-job check
// hands the job to another worker, and that one finds the check run the first created (job.ts,
// `resume`) and the comments it posted (publish.ts dedupes by fingerprint): nothing twice.
import { DelayedError, Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { PullRef } from './source.js';
import { isSuperseded, SupersededError, type SubmitResult } from './queue.js';

export const QUEUE_NAME = 'mapguard-reviews';
const PREFIX = 'mapguard';
const DELIVERY_TTL_S = 3 * 24 * 3600;
const DONE_TTL_S = 30 * 24 * 3600;
/** A live head whose job is lost (a flushed Redis) stops blocking its SHA after a week. */
const LIVE_TTL_S = 7 * 24 * 3600;

/** One review, as data: what a worker needs to run it anywhere. */
export interface ReviewJobData {
  /** "owner/repo#number". */
  key: string;
  installationId: number;
  pr: PullRef;
  draft: boolean;
  rerequested: boolean;
  htmlUrl?: string;
  /** X-GitHub-Delivery of the webhook (with the pull request, as one event can name several). */
  deliveryId: string;
  /** The check run's external id, fixed here so a worker taking the job over finds the run. */
  externalId: string;
  /** Set by the worker once the check run exists. */
  checkRunId?: number;
}

const SUBMIT_SCRIPT = `
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[3]) == false then return 'duplicate-delivery' end
local cur = redis.call('GET', KEYS[2])
local done = redis.call('EXISTS', KEYS[3])
if cur == ARGV[1] and done == 0 then return 'duplicate-sha' end
if ARGV[2] ~= '1' and done == 1 then return 'duplicate-sha' end
redis.call('SET', KEYS[2], ARGV[1], 'EX', ARGV[4])
return 'queued'
`;

/**
 * A slot of an installation's share (MAPGUARD_CONCURRENCY_PER_INSTALLATION across every worker):
 * a sorted set of the jobs holding one, each scored by when its lease ends (Redis's clock, so
 * workers on machines whose clocks differ agree). A lease not renewed (its worker died) lapses.
 * Returns 1 when the job holds a slot (taken now or renewed), 0 when the installation is full.
 */
const SLOT_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) * 2)
return 1
`;

const slotsKey = (installationId: number) => `${PREFIX}:slots:${installationId}`;
const liveKey = (key: string) => `${PREFIX}:live:${key}`;
const doneKey = (key: string, sha: string) => `${PREFIX}:done:${key}@${sha}`;
const deliveryKey = (id: string) => `${PREFIX}:delivery:${id}`;

/** A connection as BullMQ needs it for blocking commands (no per-request retry limit). */
function connect(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}

/** The receiver's side: dedup, supersede and enqueue. */
export class DurableQueue {
  private readonly redis: Redis;
  private readonly queueConnection: Redis;
  private readonly queue: Queue<ReviewJobData>;

  constructor(url: string) {
    this.redis = connect(url);
    // BullMQ leaves a connection it is handed open when it closes: close() ends it.
    this.queueConnection = connect(url);
    this.queue = new Queue<ReviewJobData>(QUEUE_NAME, { connection: this.queueConnection, prefix: PREFIX });
  }

  async submit(data: ReviewJobData): Promise<SubmitResult> {
    const r = (await this.redis.eval(SUBMIT_SCRIPT, 3, deliveryKey(data.deliveryId), liveKey(data.key), doneKey(data.key, data.pr.headSha), data.pr.headSha, data.rerequested ? '1' : '0', DELIVERY_TTL_S, LIVE_TTL_S)) as SubmitResult;
    if (r !== 'queued') return r;
    // One job per head (a re-run gets its own); a job id BullMQ already holds is not added twice.
    const jobId = `${data.key}@${data.pr.headSha}${data.rerequested ? `@${data.deliveryId}` : ''}`.replace(/:/g, '_');
    await this.queue.add('review', data, { jobId, attempts: 3, backoff: { type: 'exponential', delay: 5000 }, removeOnComplete: 1000, removeOnFail: 1000 });
    return 'queued';
  }

  async size(): Promise<{ queued: number; running: number }> {
    const c = await this.queue.getJobCounts('waiting', 'delayed', 'prioritized', 'active');
    return { queued: (c.waiting ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0), running: c.active ?? 0 };
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.queueConnection.disconnect();
    this.redis.disconnect();
  }
}

export interface WorkerOptions {
  url: string;
  /** Jobs this process runs at once. */
  concurrency: number;
  /** How long a job's lock lasts without renewal: a dead worker's job is taken over after about this long. */
  lockMs: number;
  /** How often the live SHA is checked while a job runs (a newer head stops it). */
  pollMs: number;
  /**
   * Reviews of one installation running at once across every worker sharing the Redis; a job
   * over the share waits (delayed, about a second) while other installations' jobs run.
   */
  perInstallation?: number;
}

/** What the worker does with one job: `superseded` is a SHA when a newer head replaced it meanwhile. */
export type ProcessJob = (data: ReviewJobData, ctx: { signal: AbortSignal; superseded: () => string | undefined; setCheckRun: (id: number) => Promise<void> }) => Promise<void>;

/** A worker process's side: takes jobs, watches for superseding heads, marks heads done. */
export class DurableWorker {
  private readonly redis: Redis;
  private readonly workerConnection: Redis;
  private readonly worker: Worker<ReviewJobData>;
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly opts: WorkerOptions,
    processJob: ProcessJob,
    onSuperseded: (data: ReviewJobData, bySha: string) => Promise<void>,
  ) {
    this.redis = connect(opts.url);
    this.workerConnection = connect(opts.url);
    this.worker = new Worker<ReviewJobData>(QUEUE_NAME, (job, token) => this.run(job, token, processJob, onSuperseded), {
      connection: this.workerConnection,
      prefix: PREFIX,
      concurrency: opts.concurrency,
      lockDuration: opts.lockMs,
      stalledInterval: Math.max(1000, Math.floor(opts.lockMs / 2)),
      // A job whose worker died twice is still worth a third try.
      maxStalledCount: 2,
    });
  }

  /** Reviews this worker is running now. */
  get runningCount(): number {
    return this.running.size;
  }

  /** Resolves when the worker is connected and taking jobs. */
  ready(): Promise<void> {
    return this.worker.waitUntilReady().then(() => undefined);
  }

  on(event: 'failed', listener: (job: Job<ReviewJobData> | undefined, err: Error) => void): void {
    this.worker.on(event, listener);
  }

  /** Takes or renews the job's slot of its installation's share; true without a share. */
  private async holdSlot(data: ReviewJobData, member: string): Promise<boolean> {
    if (!this.opts.perInstallation) return true;
    return (await this.redis.eval(SLOT_SCRIPT, 1, slotsKey(data.installationId), member, Math.max(this.opts.lockMs, 3 * this.opts.pollMs), this.opts.perInstallation)) === 1;
  }

  private async run(job: Job<ReviewJobData>, token: string | undefined, processJob: ProcessJob, onSuperseded: (data: ReviewJobData, bySha: string) => Promise<void>): Promise<void> {
    const data = job.data;
    const live = await this.redis.get(liveKey(data.key));
    if (live !== null && live !== data.pr.headSha) {
      // Replaced before it ran (or while its first worker was dying): say so on its check run, if it has one.
      await onSuperseded(data, live);
      return;
    }
    const member = job.id ?? data.key;
    if (!(await this.holdSlot(data, member))) {
      // The installation has its share running: back in the queue for a moment, not an attempt.
      await job.moveToDelayed(Date.now() + 500 + Math.floor(Math.random() * 1000), token);
      throw new DelayedError();
    }
    const controller = new AbortController();
    let bySha: string | undefined;
    this.running.set(member, controller);
    const timer = setInterval(() => {
      void this.holdSlot(data, member).catch(() => undefined);
      void this.redis.get(liveKey(data.key)).then(
        (sha) => {
          if (sha !== null && sha !== data.pr.headSha && !bySha) {
            bySha = sha;
            controller.abort(new SupersededError(sha));
          }
        },
        () => undefined,
      );
    }, this.opts.pollMs);
    try {
      await processJob(data, {
        signal: controller.signal,
        superseded: () => bySha,
        setCheckRun: async (id) => {
          await job.updateData({ ...data, checkRunId: id });
          data.checkRunId = id;
        },
      });
    } catch (e) {
      // Superseded: done with (the newer head's job reviews the pull request); anything else fails the job.
      if (isSuperseded(e)) return;
      throw e;
    } finally {
      clearInterval(timer);
      this.running.delete(member);
      if (this.opts.perInstallation) await this.redis.zrem(slotsKey(data.installationId), member).catch(() => undefined);
    }
    await this.redis.set(doneKey(data.key, data.pr.headSha), '1', 'EX', DONE_TTL_S);
  }

  /**
   * Stops taking jobs; running ones get `graceMs`, then are aborted with `reason` (the job fails
   * and BullMQ hands it to another worker, which resumes its check run).
   */
  async close(graceMs: number, reason: () => Error): Promise<void> {
    const closing = this.worker.close();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([closing, new Promise<void>((r) => (timer = setTimeout(r, graceMs)))]);
    clearTimeout(timer);
    for (const c of this.running.values()) c.abort(reason());
    await closing;
    this.workerConnection.disconnect();
    this.redis.disconnect();
  }
}

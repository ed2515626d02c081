// Starts the App the way `npm start` does: Probot's `run` reads the standard
// environment (APP_ID, PRIVATE_KEY / PRIVATE_KEY_PATH, WEBHOOK_SECRET, PORT,
// HOST, LOG_LEVEL, GHE_HOST / GHE_PROTOCOL); without APP_ID it serves Probot's
// setup flow, which registers the App from app.yml.
import { run, type Server } from 'probot';
import { analyze, InstallationResultStores, ruleCatalogue } from '../review/index.js';
import { createApp, type AppOptions, type MapguardApp } from './app.js';
import { DEFAULT_LIMITS } from './source.js';
import { MapguardOctokit } from './octokit.js';
import { sandboxProviderFromEnv } from './sandboxed.js';
import { DEFAULT_ARCHIVE_LIMITS, ModuleArchives } from './archive.js';
import { installBodyLimit } from './body-limit.js';
import { DurableQueue } from './durable.js';
import { DEFAULT_JOB_TIMEOUT_SECONDS } from './job.js';

export function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${value}"`);
  return n;
}

function mebibytes(value: string | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer of at least ${min} (MiB), got "${value}"`);
  return n * 1024 * 1024;
}

/** App options from the environment (MAPGUARD_* variables, all optional). */
export function optionsFromEnv(env: NodeJS.ProcessEnv): AppOptions {
  const sandbox = sandboxProviderFromEnv(env);
  return {
    ...(sandbox ? { sandbox } : {}),
    // Off the event loop: webhooks and /healthz are answered while a review is analysed.
    analyze: (input) => analyze({ ...input, offThread: true }),
    ruleIds: ruleCatalogue().map((r) => r.id),
    concurrency: positiveInt(env.MAPGUARD_CONCURRENCY, 'MAPGUARD_CONCURRENCY', 2),
    ...(env.MAPGUARD_CONCURRENCY_PER_INSTALLATION ? { concurrencyPerInstallation: positiveInt(env.MAPGUARD_CONCURRENCY_PER_INSTALLATION, 'MAPGUARD_CONCURRENCY_PER_INSTALLATION', 1) } : {}),
    // Not in the setup flow (no APP_ID yet), and off on request.
    ...(env.APP_ID && env.MAPGUARD_RECOVER_ON_START !== 'off'
      ? { recoverOnStart: { ...(Number.isInteger(Number(env.APP_ID)) ? { appId: Number(env.APP_ID) } : {}), maxPulls: positiveInt(env.MAPGUARD_RECOVER_MAX_PULLS, 'MAPGUARD_RECOVER_MAX_PULLS', 500) } }
      : {}),
    limits: {
      ...DEFAULT_LIMITS,
      maxFiles: positiveInt(env.MAPGUARD_MAX_FILES, 'MAPGUARD_MAX_FILES', DEFAULT_LIMITS.maxFiles),
    },
    ...(env.MAPGUARD_DOCS_URL ? { docsBase: env.MAPGUARD_DOCS_URL } : {}),
    timeBudgetSeconds: positiveInt(env.MAPGUARD_JOB_TIMEOUT_SECONDS, 'MAPGUARD_JOB_TIMEOUT_SECONDS', DEFAULT_JOB_TIMEOUT_SECONDS),
    // Each installation's directory results kept between reviews (0 turns it off).
    ...(env.MAPGUARD_RESULT_CACHE_MB === '0' ? {} : { resultStores: new InstallationResultStores(mebibytes(env.MAPGUARD_RESULT_CACHE_MB, 'MAPGUARD_RESULT_CACHE_MB', 8 * 1024 * 1024, 1)) }),
    archives: new ModuleArchives({
      ...DEFAULT_ARCHIVE_LIMITS,
      maxArchiveBytes: mebibytes(env.MAPGUARD_MODULE_ARCHIVE_MB, 'MAPGUARD_MODULE_ARCHIVE_MB', DEFAULT_ARCHIVE_LIMITS.maxArchiveBytes, 1),
      cacheBytes: mebibytes(env.MAPGUARD_MODULE_CACHE_MB, 'MAPGUARD_MODULE_CACHE_MB', DEFAULT_ARCHIVE_LIMITS.cacheBytes, 0),
    }),
  };
}

export interface StartOptions {
  env?: NodeJS.ProcessEnv;
  /** Test seam: wrap or replace option values (e.g. a slower analyze). */
  override?: (options: AppOptions) => AppOptions;
}

/**
 * The environment Probot is given: without REDIS_URL, which is the review queue's. Given it,
 * Probot would also cluster its rate limiter through Redis with a client it fetches at run time.
 */
export function withoutRedis(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { REDIS_URL: _queue, ...rest } = env;
  return rest;
}

export async function startServer(opts: StartOptions = {}): Promise<{ server: Server; app: MapguardApp }> {
  installBodyLimit();
  const env = opts.env ?? process.env;
  const base = { ...optionsFromEnv(env), ...(env.REDIS_URL ? { durable: new DurableQueue(env.REDIS_URL) } : {}) };
  const app = createApp(opts.override ? opts.override(base) : base);
  const server = await run(app.appFn, { env: withoutRedis(env), Octokit: MapguardOctokit });
  return { server, app };
}

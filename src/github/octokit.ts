// Probot's Octokit (retry + throttling plugins on) with our rate-limit policy.
// Probot gives installation clients handlers that never retry a secondary rate
// limit; ours wait out `retry-after` (or the primary limit's reset) a bounded
// number of times. Writes stay paced by the throttling plugin's defaults (one
// write a second, one notifying write such as a review or comment every three
// seconds: under GitHub's 80-per-minute content-creation limit), per installation:
// GitHub's secondary limits count per token, and the plugin's pacing is shared by
// every client with the same throttle id (one id for the whole App paced a burst
// of 300 pull requests across 30 installations at one write a second in all).
import { ProbotOctokit } from 'probot';
import { olderWordingAware, shouldWaitOutLimit } from '../publish/client.js';
import { githubRequests, rateLimitWaits } from './metrics.js';

interface LimitedRequest {
  method: string;
  url: string;
}
interface OctokitWithLog {
  log: { warn(msg: string): void };
}

export function onRateLimit(retryAfter: number, options: LimitedRequest, octokit: OctokitWithLog, retryCount: number): boolean {
  const retry = shouldWaitOutLimit('primary', retryAfter, retryCount);
  if (retry) rateLimitWaits.inc({ kind: 'primary' });
  octokit.log.warn(`Rate limit hit with "${options.method} ${options.url}"; ${retry ? `retrying in ${retryAfter} s` : 'giving up'}.`);
  return retry;
}

export function onSecondaryRateLimit(retryAfter: number, options: LimitedRequest, octokit: OctokitWithLog, retryCount: number): boolean {
  const retry = shouldWaitOutLimit('secondary', retryAfter, retryCount);
  if (retry) rateLimitWaits.inc({ kind: 'secondary' });
  octokit.log.warn(`Secondary rate limit hit with "${options.method} ${options.url}"; ${retry ? `retrying in ${retryAfter} s` : 'giving up'}.`);
  return retry;
}

type Options = NonNullable<ConstructorParameters<typeof ProbotOctokit>[0]>;

/** Extra plugin options, e.g. tests shrinking waits (retryAfterBaseValue) or unpacing writes. */
export interface OctokitTuning {
  throttle?: Record<string, unknown>;
  retry?: Record<string, unknown>;
}

/**
 * An Octokit class whose rate-limit handlers survive Probot's own defaults: Probot
 * merges its throttle options into every client it builds, so ours are applied
 * last, in the constructor.
 */
export function octokitClass(tuning: OctokitTuning = {}): typeof ProbotOctokit {
  return class MapguardOctokit extends ProbotOctokit {
    constructor(options: Options = {}) {
      const throttle = { ...(options.throttle as Record<string, unknown> | undefined), id: throttleId(options), onRateLimit, onSecondaryRateLimit, ...tuning.throttle };
      const retry = { ...(options.retry as Record<string, unknown> | undefined), ...tuning.retry };
      const request = (options.request ?? {}) as { fetch?: typeof fetch };
      super({ ...options, throttle, retry, request: { ...request, fetch: counted(olderWordingAware(request.fetch ?? globalThis.fetch)) } });
    }
  };
}

/** The pacing key of a client: its installation's (GitHub limits each installation token), else the App's own. */
export function throttleId(options: Options): string {
  const auth = options.auth as { installationId?: unknown } | undefined;
  const id = auth && typeof auth === 'object' ? auth.installationId : undefined;
  return typeof id === 'number' || typeof id === 'string' ? `mapguard-installation-${id}` : 'mapguard-app';
}

/** Counts every answer GitHub gives (each retry too) by status, for /metrics. */
function counted(inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    try {
      const res = await inner(input, init);
      githubRequests.inc({ status: String(res.status) });
      return res;
    } catch (e) {
      githubRequests.inc({ status: 'none' });
      throw e;
    }
  };
}

export const MapguardOctokit = octokitClass();

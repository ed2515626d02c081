// Probot's Octokit (retry + throttling plugins on) with our rate-limit policy.
// Probot gives installation clients handlers that never retry a secondary rate
// limit; ours wait out `retry-after` (or the primary limit's reset) a bounded
// number of times. Writes stay paced by the throttling plugin's defaults (one
// write a second, one notifying write such as a review or comment every three
// seconds: under GitHub's 80-per-minute content-creation limit).
import { ProbotOctokit } from 'probot';

interface LimitedRequest {
  method: string;
  url: string;
}
interface OctokitWithLog {
  log: { warn(msg: string): void };
}

/** Longest wait worth making inside a job (a primary limit reset can be an hour away). */
const MAX_WAIT_SECONDS = 15 * 60;

export function onRateLimit(retryAfter: number, options: LimitedRequest, octokit: OctokitWithLog, retryCount: number): boolean {
  const retry = retryCount < 2 && retryAfter <= MAX_WAIT_SECONDS;
  octokit.log.warn(`Rate limit hit with "${options.method} ${options.url}"; ${retry ? `retrying in ${retryAfter} s` : 'giving up'}.`);
  return retry;
}

export function onSecondaryRateLimit(retryAfter: number, options: LimitedRequest, octokit: OctokitWithLog, retryCount: number): boolean {
  const retry = retryCount < 3 && retryAfter <= MAX_WAIT_SECONDS;
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
      const throttle = { ...(options.throttle as Record<string, unknown> | undefined), onRateLimit, onSecondaryRateLimit, ...tuning.throttle };
      const retry = { ...(options.retry as Record<string, unknown> | undefined), ...tuning.retry };
      super({ ...options, throttle, retry });
    }
  };
}

export const MapguardOctokit = octokitClass();

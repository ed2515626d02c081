// Probot's Octokit (retry + throttling plugins on) with bounded rate-limit
// retries: Probot's own handlers retry forever. Writes stay paced by the
// throttling plugin's defaults (one write a second, one notifying write such as
// a review or comment every three seconds: under GitHub's 80-per-minute
// content-creation limit), and retry-after / x-ratelimit-reset are honoured.
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

export const MapguardOctokit = ProbotOctokit.defaults({
  throttle: { onRateLimit, onSecondaryRateLimit },
});

// The Action's GitHub client: Octokit with the workflow token, the REST methods, pagination,
// retries of server errors and the throttling plugin (the same rate-limit policy as the App's
// client, src/publish/client.ts). It is what the shared publisher writes the review through.
import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { restEndpointMethods } from '@octokit/plugin-rest-endpoint-methods';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { olderWordingAware, shouldWaitOutLimit, type GitHubClient } from '../publish/client.js';

const ActionOctokit = Octokit.plugin(restEndpointMethods, paginateRest, retry, throttling);

export interface ActionClientOptions {
  token: string;
  /** GITHUB_API_URL: https://api.github.com, or https://<host>/api/v3 on GitHub Enterprise Server. */
  baseUrl: string;
  userAgent: string;
  /** Where the client's warnings go (workflow-command warnings in the log). */
  warn: (message: string) => void;
  fetch?: typeof fetch;
  /** Tests shrink the plugins' waits. */
  throttle?: Record<string, unknown>;
  retry?: Record<string, unknown>;
}

interface LimitedRequest {
  method: string;
  url: string;
}

export function actionClient(opts: ActionClientOptions): GitHubClient {
  const limited = (kind: 'primary' | 'secondary') => (retryAfter: number, options: LimitedRequest, _octokit: unknown, retryCount: number) => {
    const again = shouldWaitOutLimit(kind, retryAfter, retryCount);
    opts.warn(`${kind === 'primary' ? 'Rate' : 'Secondary rate'} limit hit with "${options.method} ${options.url}"; ${again ? `retrying in ${retryAfter} s` : 'giving up'}.`);
    return again;
  };
  const silent = () => undefined;
  return new ActionOctokit({
    auth: opts.token,
    baseUrl: opts.baseUrl.replace(/\/+$/, ''),
    userAgent: opts.userAgent,
    request: { fetch: olderWordingAware(opts.fetch ?? globalThis.fetch) },
    // Octokit logs to the console by default; an action's stderr is for the runner.
    log: { debug: silent, info: silent, warn: (m: string) => opts.warn(m), error: (m: string) => opts.warn(m) },
    throttle: { onRateLimit: limited('primary'), onSecondaryRateLimit: limited('secondary'), ...opts.throttle },
    retry: { ...opts.retry },
  });
}

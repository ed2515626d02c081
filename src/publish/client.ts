// What the publisher needs of GitHub, shared by the App (Probot's installation client) and the
// Action (an Octokit with the workflow token): REST methods, pagination and GraphQL (both clients
// are built from the same @octokit packages, so either satisfies the type), and what both clients
// do about GitHub's rate limits.
import type { Octokit } from '@octokit/core';
import type { Api } from '@octokit/plugin-rest-endpoint-methods';
import type { PaginateInterface } from '@octokit/plugin-paginate-rest';

export type GitHubClient = Pick<Octokit, 'graphql'> & Api & { paginate: PaginateInterface };

/** Minimal logger surface (pino's), so collaborators can be tested without Probot. */
export interface Log {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
  debug(obj: unknown, msg?: string): void;
}

/** The pull request a review is posted on, at the head commit its lines refer to. */
export interface ReviewTarget {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
}

/** The HTTP status of a failed GitHub request (Octokit's RequestError), if it got an answer. */
export function httpStatus(e: unknown): number | undefined {
  const s = (e as { status?: unknown } | undefined)?.status;
  return typeof s === 'number' ? s : undefined;
}

/** Throws the abort reason (superseded, shut down, out of time) between two writes. */
export function stopIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('review stopped');
}

/** Longest wait worth making inside a review (a primary limit's reset can be an hour away). */
const MAX_WAIT_SECONDS = 15 * 60;

/**
 * The rate-limit policy of both clients (the throttling plugin asks it after each limited
 * answer): wait out `retry-after` or the reset a few times, never for longer than 15 minutes.
 */
export function shouldWaitOutLimit(kind: 'primary' | 'secondary', retryAfter: number, retryCount: number): boolean {
  return retryCount < (kind === 'primary' ? 2 : 3) && retryAfter <= MAX_WAIT_SECONDS;
}

/** GitHub's older wording of a secondary rate limit, still sent by some endpoints and GitHub Enterprise Server versions. */
const ABUSE_WORDING = /abuse detection mechanism|abuse rate limit/i;

/**
 * The throttling plugin recognises a secondary rate limit only by the words "secondary rate";
 * a 403 with `retry-after` in the older "abuse detection" wording was failed at once (no check
 * run was ever created). This fetch puts those words in front of the older message, so the
 * plugin waits it out and retries like any secondary limit (onSecondaryRateLimit's policy).
 */
export function olderWordingAware(inner: typeof fetch): typeof fetch {
  return async (input, init) => {
    const res = await inner(input, init);
    if (res.status !== 403 || !res.headers.get('retry-after')) return res;
    const text = await res.text();
    let body: { message?: unknown } | undefined;
    try {
      body = JSON.parse(text) as { message?: unknown };
    } catch {
      body = undefined;
    }
    const message = typeof body?.message === 'string' ? body.message : '';
    const out = ABUSE_WORDING.test(message) && !/\bsecondary rate\b/i.test(message) ? JSON.stringify({ ...body, message: `You have exceeded a secondary rate limit (${message})` }) : text;
    return new Response(out, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}

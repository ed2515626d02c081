// Creates that must happen once. GitHub sometimes applies a write and then answers 5xx (its
// front end timed out after the write went through); retrying blindly then makes two check
// runs or two reviews. So these creates are sent without the retry plugin's automatic retries,
// and after an ambiguous answer (a 5xx or no answer at all) the object is looked up by a token
// of ours before the create is tried again.
import { httpStatus } from './client.js';

export interface OnceOptions {
  /** Attempts in all (default 3). */
  attempts?: number;
  /** Wait before attempt n (1-based after the first): n × this (default 1000 ms). */
  backoffMs?: number;
  /**
   * The job's signal: once it is aborted (a newer head superseded the job, or the server shuts
   * down) no further attempt is made, so a stale job does not post after the fact.
   */
  signal?: AbortSignal;
}

function ambiguous(e: unknown): boolean {
  const status = httpStatus(e);
  // No status: the request never got an answer (connection reset, timeout).
  return status === undefined || status >= 500;
}

/**
 * Runs `create`; after an ambiguous failure, `lookup` says whether the write went through (and
 * gives its result), else `create` is tried again. Definite refusals (4xx) are thrown at once.
 */
export async function createOnce<T>(create: () => Promise<T>, lookup: () => Promise<T | undefined>, opts: OnceOptions = {}): Promise<T> {
  const attempts = opts.attempts ?? 3;
  const backoff = opts.backoffMs ?? 1000;
  for (let n = 1; ; n++) {
    try {
      return await create();
    } catch (e) {
      if (!ambiguous(e) || n >= attempts) throw e;
      const found = await lookup().catch(() => undefined);
      if (found !== undefined) return found;
      await new Promise((r) => setTimeout(r, n * backoff));
      if (opts.signal?.aborted) throw opts.signal.reason instanceof Error ? opts.signal.reason : e;
    }
  }
}

/** Request options that turn off the retry plugin for one call (the caller retries idempotently). */
export const NO_AUTOMATIC_RETRY = { request: { retries: 0 } } as const;

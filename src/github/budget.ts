// A review job's time budget (MAPGUARD_JOB_TIMEOUT_SECONDS): every step of the run phase
// (loading the pull request, the sandboxed runs, the analysis, publishing) counts against one
// clock. A step that does not end in time is abandoned, not waited for: the job's signal aborts,
// the queue slot is freed and the check run is completed as `timed_out` (a write GitHub is still
// answering at that moment may land after it). Superseding and shutdown only abort the signal: the
// job stops at its next checkpoint, after any write in flight. The sandboxed runs are
// given what is left of the budget as their own timeout, so a slow compile stops by itself.

/** The reason a job's signal aborts when its time budget is spent. */
export class JobTimeoutError extends Error {
  constructor(readonly seconds: number) {
    super(`the review ran out of its ${seconds} s time budget`);
    this.name = 'JobTimeoutError';
  }
}

export function isTimedOut(e: unknown): e is JobTimeoutError {
  return e instanceof JobTimeoutError;
}

export interface JobBudget {
  /** Aborts with the outer signal's reason, or with a JobTimeoutError when the budget is spent. */
  signal: AbortSignal;
  /**
   * Aborts only when the budget is spent. A superseded or shut-down job is not abandoned: it runs to
   * its next checkpoint, so a write in flight lands before its check run says so (issue 16, item 5).
   */
  expired: AbortSignal;
  /** Whole seconds left (0 when spent). */
  left(): number;
  /** Stops the clock (the job ended). */
  stop(): void;
}

/** Starts a budget of `seconds` under an outer signal (superseded, shut down). */
export function startBudget(seconds: number, outer: AbortSignal): JobBudget {
  const ends = Date.now() + seconds * 1000;
  const expiry = new AbortController();
  const timer = setTimeout(() => expiry.abort(new JobTimeoutError(seconds)), seconds * 1000);
  timer.unref();
  return {
    signal: AbortSignal.any([outer, expiry.signal]),
    expired: expiry.signal,
    left: () => Math.max(0, Math.floor((ends - Date.now()) / 1000)),
    stop: () => clearTimeout(timer),
  };
}

/**
 * The step's result, or the signal's reason as soon as it aborts, whichever comes first. An
 * abandoned step runs on to its next checkpoint, where it stops; its late failure is dropped.
 */
export function untilAborted<T>(step: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    step.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    // The step's own late rejection is handled by the `then` below.
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    step.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

// In-process review queue: bounded concurrency, one live job per pull request
// (a newer head SHA supersedes the queued or running job), and duplicate
// suppression for redelivered webhooks (same delivery id, or a head SHA that is
// already queued, running or done).

export interface JobSpec<S = unknown> {
  /** One pull request: "owner/repo#number". */
  key: string;
  /** Head SHA the job reviews. */
  sha: string;
  /** X-GitHub-Delivery id of the webhook that asked for it. */
  deliveryId: string;
  /** Run again even when this SHA was already reviewed (check run "Re-run"). */
  force?: boolean;
  /** Whose job it is (the installation): free slots go to the group running fewest, up to `perGroup` each. */
  group?: string;
  /** Started as soon as the job is accepted, outside the concurrency limit (creates the check run). */
  start?: (signal: AbortSignal) => Promise<S>;
  /** The analysis, run when a slot is free; receives start's result. */
  run: (signal: AbortSignal, started: S | undefined) => Promise<void>;
  /** Called when the job is superseded before it ran (run is then never called). */
  onCancel?: (started: S | undefined, bySha: string) => Promise<void>;
  /** Called when the server shuts down before the job finished (queued, or running past the grace period). */
  onShutdown?: (started: S | undefined) => Promise<void>;
}

export type SubmitResult = 'queued' | 'duplicate-delivery' | 'duplicate-sha' | 'closing';

interface Entry {
  spec: JobSpec<unknown>;
  controller: AbortController;
  state: 'queued' | 'running';
  started: Promise<unknown>;
  supersededBy?: string;
}

/** A bounded insertion-ordered set: remembers the newest `limit` keys. */
class RecentSet {
  private readonly items = new Set<string>();
  constructor(private readonly limit: number) {}
  has(k: string): boolean {
    return this.items.has(k);
  }
  add(k: string): void {
    this.items.delete(k);
    this.items.add(k);
    if (this.items.size > this.limit) this.items.delete(this.items.values().next().value as string);
  }
}

export class ReviewQueue {
  private readonly pending: Entry[] = [];
  private readonly live = new Map<string, Entry>();
  private running = 0;
  private readonly deliveries = new RecentSet(5000);
  private readonly done = new RecentSet(5000);
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly waiters: (() => void)[] = [];

  /** Running jobs by group. */
  private readonly runningByGroup = new Map<string, number>();

  constructor(
    readonly concurrency = 2,
    private readonly onError: (err: unknown, spec: JobSpec<unknown>) => void = () => {},
    /** Most jobs of one group (installation) running at once. */
    readonly perGroup = concurrency,
  ) {
    if (!(concurrency >= 1)) throw new Error(`queue concurrency must be at least 1, got ${concurrency}`);
    if (!(perGroup >= 1)) throw new Error(`queue concurrency per installation must be at least 1, got ${perGroup}`);
  }

  /**
   * The next job to start: of the groups under their cap, the one running fewest (one
   * installation's burst of pushes does not hold every slot while others wait), oldest first.
   */
  private nextIndex(): number {
    let best = -1;
    let bestRunning = Infinity;
    for (let i = 0; i < this.pending.length && bestRunning > 0; i++) {
      const n = this.runningByGroup.get(this.pending[i]!.spec.group ?? '') ?? 0;
      if (n < this.perGroup && n < bestRunning) {
        best = i;
        bestRunning = n;
      }
    }
    return best;
  }

  submit<S>(spec: JobSpec<S>): SubmitResult {
    if (this.closing) return 'closing';
    if (this.deliveries.has(spec.deliveryId)) return 'duplicate-delivery';
    this.deliveries.add(spec.deliveryId);
    const cur = this.live.get(spec.key);
    if (cur && cur.spec.sha === spec.sha) return 'duplicate-sha';
    if (!spec.force && this.done.has(`${spec.key}@${spec.sha}`)) return 'duplicate-sha';
    if (cur) this.supersede(cur, spec.sha);
    const controller = new AbortController();
    const started = spec.start ? this.track(spec.start(controller.signal)) : Promise.resolve(undefined);
    // A failed start (e.g. the check run could not be created) is reported by run().
    started.catch(() => {});
    const entry: Entry = { spec: spec as JobSpec<unknown>, controller, state: 'queued', started };
    this.live.set(spec.key, entry);
    this.pending.push(entry);
    this.pump();
    return 'queued';
  }

  private closing = false;
  private readonly runningEntries = new Set<Entry>();

  /**
   * Graceful shutdown: takes no new job; a queued job is not started and its check run is
   * completed by onShutdown; running jobs get `graceMs` to finish, then are aborted and
   * completed by onShutdown too, so no check run is left in progress for a required check
   * to wait on forever.
   */
  async shutdown(graceMs: number): Promise<void> {
    this.closing = true;
    const stranded: Entry[] = this.pending.splice(0);
    for (const e of stranded) {
      e.controller.abort(new ShutdownError());
      this.live.delete(e.spec.key);
    }
    const finished = this.idle();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([finished, new Promise<void>((r) => (timer = setTimeout(r, graceMs)))]);
    clearTimeout(timer);
    const late = [...this.runningEntries];
    for (const e of late) e.controller.abort(new ShutdownError());
    await Promise.all(
      [...stranded, ...late].map((e) =>
        e.started
          .then(
            (s) => e.spec.onShutdown?.(s),
            () => e.spec.onShutdown?.(undefined),
          )
          .catch((err: unknown) => this.onError(err, e.spec)),
      ),
    );
  }

  /** Resolves when nothing is queued, running, starting or being cancelled. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  get size(): { queued: number; running: number } {
    return { queued: this.pending.length, running: this.running };
  }

  private isIdle(): boolean {
    return this.pending.length === 0 && this.running === 0 && this.inflight.size === 0;
  }

  private supersede(cur: Entry, bySha: string): void {
    cur.supersededBy = bySha;
    cur.controller.abort(new SupersededError(bySha));
    this.live.delete(cur.spec.key);
    if (cur.state === 'queued') {
      this.pending.splice(this.pending.indexOf(cur), 1);
      const onCancel = cur.spec.onCancel;
      if (onCancel) {
        this.track(
          cur.started.then(
            (s) => onCancel(s, bySha),
            () => onCancel(undefined, bySha),
          ),
        ).catch((e) => this.onError(e, cur.spec));
      }
    }
  }

  private pump(): void {
    while (this.running < this.concurrency && this.pending.length > 0) {
      const at = this.nextIndex();
      if (at < 0) break;
      const entry = this.pending.splice(at, 1)[0]!;
      const group = entry.spec.group ?? '';
      entry.state = 'running';
      this.running++;
      this.runningByGroup.set(group, (this.runningByGroup.get(group) ?? 0) + 1);
      this.runningEntries.add(entry);
      const { spec, controller } = entry;
      let startFailed = false;
      const job = entry.started
        .then(
          (s) => s,
          () => {
            startFailed = true;
            return undefined;
          },
        )
        .then((s) => spec.run(controller.signal, s));
      job
        .then(
          () => {
            // A job that could not start (say, the check run was not created) may be tried again.
            if (!controller.signal.aborted && !startFailed) this.done.add(`${spec.key}@${spec.sha}`);
          },
          (e) => {
            if (!isSuperseded(e) && !isShutdown(e)) this.onError(e, spec);
          },
        )
        .finally(() => {
          this.running--;
          const left = (this.runningByGroup.get(group) ?? 1) - 1;
          if (left > 0) this.runningByGroup.set(group, left);
          else this.runningByGroup.delete(group);
          this.runningEntries.delete(entry);
          if (this.live.get(spec.key) === entry) this.live.delete(spec.key);
          this.pump();
          this.settle();
        });
    }
    this.settle();
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inflight.add(p);
    const remove = () => {
      this.inflight.delete(p);
      this.settle();
    };
    p.then(remove, remove);
    return p;
  }

  private settle(): void {
    if (!this.isIdle()) return;
    for (const w of this.waiters.splice(0)) w();
  }
}

export class SupersededError extends Error {
  constructor(readonly bySha: string) {
    super(`superseded by ${bySha}`);
    this.name = 'SupersededError';
  }
}

/** The reason a job is aborted when the server shuts down. */
export class ShutdownError extends Error {
  constructor() {
    super('the server is shutting down');
    this.name = 'ShutdownError';
  }
}

export function isShutdown(e: unknown): e is ShutdownError {
  return e instanceof ShutdownError;
}

export function isSuperseded(e: unknown): e is SupersededError {
  return e instanceof SupersededError;
}

/** Throws the abort reason when the job was superseded; call between steps. */
export function checkpoint(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new SupersededError('unknown');
}

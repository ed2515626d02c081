// The progress line on a terminal: `mapguard: 12/208 directories` on stderr, redrawn in place,
// shown only once a run has lasted `afterMs` (a quick run prints nothing) and only when stderr
// is a terminal; cleared before the results. Never written to stdout (text, JSON, SARIF).

export interface ProgressOptions {
  write: (s: string) => void;
  /** Show nothing before this many milliseconds (default 2000). */
  afterMs?: number;
  /** Redraw at most this often (default 100 ms). */
  everyMs?: number;
  now?: () => number;
}

export class ProgressLine {
  private readonly started: number;
  private lastDraw = -Infinity;
  private shown = false;
  private readonly now: () => number;

  constructor(private readonly opts: ProgressOptions) {
    this.now = opts.now ?? Date.now;
    this.started = this.now();
  }

  update(done: number, total: number): void {
    const t = this.now();
    if (t - this.started < (this.opts.afterMs ?? 2000)) return;
    if (done < total && t - this.lastDraw < (this.opts.everyMs ?? 100)) return;
    this.lastDraw = t;
    this.shown = true;
    this.opts.write(`\r\x1b[Kmapguard: ${done}/${total} director${total === 1 ? 'y' : 'ies'} analysed`);
  }

  /** Erases the line (when one was drawn), so the results start on a clean line. */
  done(): void {
    if (this.shown) this.opts.write('\r\x1b[K');
    this.shown = false;
  }
}

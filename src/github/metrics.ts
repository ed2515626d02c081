// The App's metrics, served at /metrics in Prometheus's text format (version 0.0.4): review jobs
// by outcome and their duration, the queue's depth, GitHub requests by status and rate-limit
// waits. One registry per process: the receiver's and each worker's (a worker serves it when
// MAPGUARD_METRICS_PORT is set). Hand-written: four metric kinds do not need a client library.
import type { IncomingMessage, ServerResponse } from 'node:http';

type Labels = Readonly<Record<string, string>>;

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

function labelText(labels: Labels, extra?: [string, string]): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  if (extra) parts.push(`${extra[0]}="${escapeLabel(extra[1])}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

const keyOf = (labels: Labels) => JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));

interface Metric {
  render(): Promise<string[]>;
}

export class Counter implements Metric {
  private readonly values = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    private readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    const k = keyOf(labels);
    const cur = this.values.get(k);
    if (cur) cur.value += by;
    else this.values.set(k, { labels, value: by });
  }

  value(labels: Labels = {}): number {
    return this.values.get(keyOf(labels))?.value ?? 0;
  }

  async render(): Promise<string[]> {
    const out = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const { labels, value } of this.values.values()) out.push(`${this.name}${labelText(labels)} ${value}`);
    return out;
  }
}

export class Histogram implements Metric {
  private readonly series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  constructor(
    readonly name: string,
    private readonly help: string,
    private readonly buckets: readonly number[],
  ) {}

  observe(value: number, labels: Labels = {}): void {
    const k = keyOf(labels);
    let s = this.series.get(k);
    if (!s) this.series.set(k, (s = { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
    this.buckets.forEach((b, i) => {
      if (value <= b) s!.counts[i]!++;
    });
    s.sum += value;
    s.count++;
  }

  async render(): Promise<string[]> {
    const out = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const s of this.series.values()) {
      this.buckets.forEach((b, i) => out.push(`${this.name}_bucket${labelText(s.labels, ['le', String(b)])} ${s.counts[i]}`));
      out.push(`${this.name}_bucket${labelText(s.labels, ['le', '+Inf'])} ${s.count}`);
      out.push(`${this.name}_sum${labelText(s.labels)} ${s.sum}`);
      out.push(`${this.name}_count${labelText(s.labels)} ${s.count}`);
    }
    return out;
  }
}

/** A gauge read when scraped (the queue's depth lives in the queue, or in Redis). */
export class CollectedGauge implements Metric {
  collect: () => Promise<{ labels: Labels; value: number }[]> = async () => [];
  constructor(
    readonly name: string,
    private readonly help: string,
  ) {}

  async render(): Promise<string[]> {
    const out = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`];
    for (const { labels, value } of await this.collect()) out.push(`${this.name}${labelText(labels)} ${value}`);
    return out;
  }
}

export const jobsTotal = new Counter('mapguard_jobs_total', 'Review jobs finished, by outcome (completed, skipped, superseded, shutdown, failed).');
export const jobDuration = new Histogram('mapguard_job_duration_seconds', 'Time from a review job starting to run to its end.', [1, 2, 5, 10, 30, 60, 120, 300, 600]);
export const githubRequests = new Counter('mapguard_github_requests_total', 'GitHub API requests answered, by HTTP status ("none": no answer).');
export const rateLimitWaits = new Counter('mapguard_rate_limit_waits_total', 'GitHub rate limits waited out before a retry, by kind (primary, secondary).');
export const queueDepth = new CollectedGauge('mapguard_queue_depth', 'Review jobs waiting (queued) and running, in this process or, with REDIS_URL, in the durable queue.');

const ALL: Metric[] = [jobsTotal, jobDuration, githubRequests, rateLimitWaits, queueDepth];

export async function renderMetrics(): Promise<string> {
  const lines: string[] = [];
  for (const m of ALL) lines.push(...(await m.render()));
  return `${lines.join('\n')}\n`;
}

/** The /metrics route (GET), for Probot's addHandler or a worker's own server. */
export function metricsHandler() {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics' || req.method !== 'GET') return false;
    renderMetrics().then(
      (text) => {
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
        res.end(text);
      },
      (e: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`metrics unavailable: ${e instanceof Error ? e.message : String(e)}\n`);
      },
    );
    return true;
  };
}

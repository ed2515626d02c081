// /metrics (issue 16, item 3): the real server against the loopback fake GitHub answers in
// Prometheus's text format with what happened: the review's outcome and duration, the queue's
// depth, GitHub's answers by status, and a secondary rate limit waited out.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeGitHub, readTree } from './fake-github.js';
import { deliver, pullRequestPayload, startLiveApp, type LiveApp } from './live-app.js';
import { jobsTotal, githubRequests, rateLimitWaits } from '../../src/github/metrics.js';

const here = dirname(fileURLToPath(import.meta.url));
const gh = new FakeGitHub();
let live: LiveApp;
let head = '';
let base = '';

beforeAll(async () => {
  const baseFiles = readTree(join(here, '..', 'fixtures', 'github', 'repo', 'base'));
  base = gh.commit(baseFiles);
  head = gh.commit({ ...baseFiles, ...readTree(join(here, '..', 'fixtures', 'github', 'repo', 'head')) });
  gh.pulls.set(1, { number: 1, base, head });
  live = await startLiveApp(await gh.start(), { secret: 'metrics-secret', override: (o) => o });
});

afterAll(async () => {
  await live?.app.queue.idle();
  await live?.server.stop();
  await gh.stop();
});

/** Parses the exposition text: sample lines by name+labels, and checks every line's shape. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.trimEnd().split('\n')) {
    if (line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const m = /^([a-z_:][a-z0-9_:]*(?:\{[^}]*\})?) (-?[0-9.e+]+|\+Inf)$/i.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    out.set(m[1]!, Number(m[2]));
  }
  return out;
}

test('after one review: its outcome, its duration, the queue and GitHub answers are counted', async () => {
  const completedBefore = jobsTotal.value({ outcome: 'completed' });
  const createdBefore = githubRequests.value({ status: '201' });
  const waitsBefore = rateLimitWaits.value({ kind: 'secondary' });
  // GitHub's first answer to the check run create is a secondary rate limit: waited out and retried.
  gh.secondaryLimitOnce.add('POST check-runs');
  expect((await deliver(live, 'pull_request', pullRequestPayload('opened', 1, head, base), 'metrics-1')).status).toBe(200);
  for (let i = 0; i < 1200 && !gh.checkRuns.some((c) => c.status === 'completed'); i++) await new Promise((r) => setTimeout(r, 25));
  await live.app.queue.idle();

  const res = await fetch(`http://127.0.0.1:${live.port}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
  const text = await res.text();
  const s = samples(text);
  expect(text).toContain('# TYPE mapguard_job_duration_seconds histogram');
  expect(s.get('mapguard_jobs_total{outcome="completed"}')).toBe(completedBefore + 1);
  expect(s.get('mapguard_job_duration_seconds_count')).toBeGreaterThanOrEqual(1);
  expect(s.get('mapguard_job_duration_seconds_bucket{le="+Inf"}')).toBe(s.get('mapguard_job_duration_seconds_count'));
  expect(s.get('mapguard_queue_depth{state="queued"}')).toBe(0);
  expect(s.get('mapguard_queue_depth{state="running"}')).toBe(0);
  // The check run and the review were created (201), and the limit answered 403 once.
  expect(s.get('mapguard_github_requests_total{status="201"}')).toBeGreaterThanOrEqual(createdBefore + 2);
  expect(s.get('mapguard_github_requests_total{status="403"}')).toBeGreaterThanOrEqual(1);
  expect(s.get('mapguard_rate_limit_waits_total{kind="secondary"}')).toBe(waitsBefore + 1);
}, 60_000);

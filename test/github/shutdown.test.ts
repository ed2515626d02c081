// Graceful shutdown (issue 16: a SIGTERM used to strand 29 of 30 check runs `in_progress`, and a
// required check then blocks those pull requests for good). The real server against the loopback
// fake GitHub: six pull requests, two reviews at a time, each lasting past the grace period;
// shutting down (what the SIGTERM handler of `npm start` calls) leaves no check run unfinished,
// and a webhook that arrives meanwhile is refused, not silently dropped.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RESTART_TEXT } from '../../src/github/job.js';
import { FakeGitHub, readTree } from './fake-github.js';
import { deliver, pullRequestPayload, startLiveApp, type LiveApp } from './live-app.js';

const here = dirname(fileURLToPath(import.meta.url));
const PULLS = 6;
// Reviews wait on this gate: none can finish before the shutdown, all end right after it.
let release!: () => void;
const gate = new Promise<void>((r) => (release = r));

const gh = new FakeGitHub();
let live: LiveApp;
const heads: string[] = [];
let base: string;

beforeAll(async () => {
  const baseFiles = readTree(join(here, '..', 'fixtures', 'github', 'repo', 'base'));
  const headFiles = { ...baseFiles, ...readTree(join(here, '..', 'fixtures', 'github', 'repo', 'head')) };
  base = gh.commit(baseFiles);
  for (let n = 1; n <= PULLS; n++) {
    const head = gh.commit(headFiles, `pull ${n}`);
    heads.push(head);
    gh.pulls.set(n, { number: n, base, head });
  }
  live = await startLiveApp(await gh.start(), {
    secret: 'shutdown-webhook-secret',
    env: { MAPGUARD_CONCURRENCY: '2' },
    // Each review lasts past the grace period below.
    override: (o) => ({ ...o, analyze: async (input) => (await gate, o.analyze(input)) }),
  });
});

afterAll(async () => {
  release();
  // The aborted reviews stop at their next checkpoint.
  await live?.app.queue.idle();
  await live?.server.stop();
  await gh.stop();
});

test('shutting down with reviews running and queued leaves no check run in progress', async () => {
  for (let n = 1; n <= PULLS; n++) expect((await deliver(live, 'pull_request', pullRequestPayload('opened', n, heads[n - 1]!, base), `delivery-${n}`)).status).toBe(200);
  // Every check run created (in progress; writes are paced, about one a second), two reviews running, the rest queued.
  for (let i = 0; i < 800 && gh.checkRuns.length < PULLS; i++) await new Promise((r) => setTimeout(r, 25));
  expect(gh.checkRuns).toHaveLength(PULLS);
  expect(gh.checkRuns.every((c) => c.status !== 'completed')).toBe(true);

  const stopping = live.app.shutdown(300);
  // Meanwhile a webhook is refused (GitHub records a failed delivery that can be redelivered).
  expect((await deliver(live, 'pull_request', pullRequestPayload('opened', 1, heads[0]!, base), 'delivery-late')).status).toBeGreaterThanOrEqual(500);
  await stopping;

  expect(gh.checkRuns.filter((c) => c.status !== 'completed')).toEqual([]);
  const neutral = gh.checkRuns.filter((c) => c.conclusion === 'neutral');
  expect(neutral).toHaveLength(PULLS);
  for (const c of neutral) expect(JSON.stringify(c.output)).toContain(RESTART_TEXT.slice(0, 40));
  // Nothing is posted for a review that did not finish.
  expect(gh.reviews).toEqual([]);
}, 60_000);

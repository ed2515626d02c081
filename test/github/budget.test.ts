// A review job's time budget (issue 16: "every step counts against its job's time budget").
// Before the budget, a step that never ended (a GitHub answer held back, an analysis that does
// not return) left its check run `in_progress` for good and held a queue slot, so every later
// pull request of the deployment waited behind it. The real server against the loopback fake
// GitHub, one review at a time, a budget of 8 s (a normal review here takes 2 to 4 s: writes are paced).
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeGitHub, readTree } from './fake-github.js';
import { deliver, pullRequestPayload, startLiveApp, type LiveApp } from './live-app.js';
import { JobTimeoutError, startBudget, untilAborted } from '../../src/github/budget.js';

const here = dirname(fileURLToPath(import.meta.url));
const gh = new FakeGitHub();
let live: LiveApp;
let base: string;
const heads: string[] = [];
// Pull request 3's analysis never returns (until the test ends).
let release!: () => void;
const never = new Promise<void>((r) => (release = r));

beforeAll(async () => {
  const baseFiles = readTree(join(here, '..', 'fixtures', 'github', 'repo', 'base'));
  const headFiles = { ...baseFiles, ...readTree(join(here, '..', 'fixtures', 'github', 'repo', 'head')) };
  base = gh.commit(baseFiles);
  for (let n = 1; n <= 3; n++) {
    heads.push(gh.commit(headFiles, `pull ${n}`));
    gh.pulls.set(n, { number: n, base, head: heads[n - 1]! });
  }
  live = await startLiveApp(await gh.start(), {
    secret: 'budget-webhook-secret',
    env: { MAPGUARD_CONCURRENCY: '1', MAPGUARD_JOB_TIMEOUT_SECONDS: '8' },
    // Pull request 1 never reaches the analysis (its file list is held); the second analysis is pull request 3's.
    override: (o) => ({
      ...o,
      analyze: async (input) => {
        if (++analyses === 2) await never;
        return o.analyze(input);
      },
    }),
  });
});
let analyses = 0;

afterAll(async () => {
  release();
  await live?.app.shutdown(5);
  await live?.server.stop();
  await gh.stop();
});

const runOf = (sha: string) => gh.checkRuns.find((c) => c.head_sha === sha);

async function until(done: () => boolean, ms: number): Promise<void> {
  for (const end = Date.now() + ms; !done() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 25));
}

test('a GitHub answer that never comes ends the review at its budget: check run timed_out, the next pull request reviewed', async () => {
  // Pull request 1's file list is held for a minute; pull request 2 queues behind it.
  gh.slow.push({ match: /^GET \/api\/v3\/repos\/octo\/shop\/pulls\/1\/files$/, ms: 60_000, times: 1 });
  const t0 = Date.now();
  expect((await deliver(live, 'pull_request', pullRequestPayload('opened', 1, heads[0]!, base), 'budget-1')).status).toBe(200);
  expect((await deliver(live, 'pull_request', pullRequestPayload('opened', 2, heads[1]!, base), 'budget-2')).status).toBe(200);
  await until(() => runOf(heads[0]!)?.status === 'completed' && runOf(heads[1]!)?.status === 'completed', 30_000);
  expect(runOf(heads[0]!)).toMatchObject({ status: 'completed', conclusion: 'timed_out' });
  expect(JSON.stringify(runOf(heads[0]!)!.output)).toContain('time budget of 8 s');
  // Well before the held answer would have come: the budget, not the minute.
  expect(Date.now() - t0).toBeLessThan(30_000);
  expect(runOf(heads[1]!)?.conclusion).not.toBe('timed_out');
  expect(runOf(heads[1]!)?.status).toBe('completed');
}, 60_000);

test('an analysis that does not return ends at the budget too', async () => {
  expect((await deliver(live, 'pull_request', pullRequestPayload('opened', 3, heads[2]!, base), 'budget-3')).status).toBe(200);
  await until(() => runOf(heads[2]!)?.status === 'completed', 30_000);
  expect(runOf(heads[2]!)).toMatchObject({ status: 'completed', conclusion: 'timed_out' });
  expect(gh.checkRuns.filter((c) => c.status !== 'completed')).toEqual([]);
}, 60_000);

describe('startBudget / untilAborted', () => {
  it('aborts with JobTimeoutError when the budget is spent, and counts down', async () => {
    const outer = new AbortController();
    const b = startBudget(1, outer.signal);
    expect(b.left()).toBeLessThanOrEqual(1);
    await expect(untilAborted(new Promise(() => undefined), b.signal)).rejects.toBeInstanceOf(JobTimeoutError);
    expect(b.left()).toBe(0);
    b.stop();
  });

  it('passes the outer reason through (a superseded job stays superseded), and a step that ends first wins', async () => {
    const outer = new AbortController();
    const b = startBudget(60, outer.signal);
    await expect(untilAborted(Promise.resolve(7), b.signal)).resolves.toBe(7);
    const reason = new Error('superseded by abc');
    const pending = untilAborted(new Promise(() => undefined), b.signal);
    outer.abort(reason);
    await expect(pending).rejects.toBe(reason);
    b.stop();
  });
});

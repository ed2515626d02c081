// A superseded review never posts after its check run says so (issue 16, item 5: with pushes
// 500 to 900 ms apart, the old head got its review after its check said "superseded"). The real
// server against the loopback fake GitHub: the old head's review is in flight (GitHub holds its
// answer) when the new head arrives 500, 700 or 900 ms later. Whatever the old head managed to
// post comes before its `cancelled` check run, never after; the new head is reviewed in full.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeGitHub, readTree } from './fake-github.js';
import { deliver, pullRequestPayload, startLiveApp, type LiveApp } from './live-app.js';

const here = dirname(fileURLToPath(import.meta.url));
const gh = new FakeGitHub();
let live: LiveApp;
let base: string;
let headFiles: Record<string, string>;

beforeAll(async () => {
  const baseFiles = readTree(join(here, '..', 'fixtures', 'github', 'repo', 'base'));
  headFiles = { ...baseFiles, ...readTree(join(here, '..', 'fixtures', 'github', 'repo', 'head')) };
  base = gh.commit(baseFiles);
  live = await startLiveApp(await gh.start(), { secret: 'superseded-webhook-secret', env: { MAPGUARD_CONCURRENCY: '2' } });
});

afterAll(async () => {
  await live?.app.shutdown(5);
  await live?.server.stop();
  await gh.stop();
});

async function until(what: string, done: () => boolean, ms = 30_000): Promise<void> {
  for (const end = Date.now() + ms; !done(); ) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

test.each([500, 700, 900])('a push %i ms after the old head started posting: nothing of the old head after its check says superseded', async (gap) => {
  const n = gap; // one pull request per case
  const oldHead = gh.commit(headFiles, `old ${n}`);
  const newHead = gh.commit({ ...headFiles, 'shop/extra.go': `package shop\n\nvar extra${n} = map[string]int{}\n` }, `new ${n}`);
  gh.pulls.set(n, { number: n, base, head: oldHead });
  // GitHub takes its time over the old head's review: the new head arrives while it is in flight.
  const held = { match: new RegExp(`^POST /api/v3/repos/octo/shop/pulls/${n}/reviews$`), ms: 1500, times: 1 };
  gh.slow.push(held);
  expect((await deliver(live, 'pull_request', pullRequestPayload('opened', n, oldHead, base), `old-${n}`)).status).toBe(200);
  await until('the old head to start posting its review', () => held.times === 0);
  await new Promise((r) => setTimeout(r, gap));
  gh.pulls.set(n, { number: n, base, head: newHead });
  expect((await deliver(live, 'pull_request', pullRequestPayload('synchronize', n, newHead, base), `new-${n}`)).status).toBe(200);

  const runOf = (sha: string) => gh.checkRuns.find((c) => c.head_sha === sha);
  await until('both check runs to complete', () => runOf(oldHead)?.status === 'completed' && runOf(newHead)?.status === 'completed');
  const oldRun = runOf(oldHead)!;
  expect(oldRun.conclusion).toBe('cancelled');
  // In the order GitHub applied them: the old run's `cancelled`, then nothing for the old head.
  const cancelledAt = gh.writes.findIndex((w) => w.request.endsWith(`/check-runs/${oldRun.id}`) && w.conclusion === 'cancelled');
  expect(cancelledAt).toBeGreaterThanOrEqual(0);
  const lateForOld = gh.writes.slice(cancelledAt + 1).filter((w) => w.commit === oldHead || w.request.endsWith(`/check-runs/${oldRun.id}`));
  expect(lateForOld).toEqual([]);
  // The new head is reviewed in full: its check run concluded and its review posted on it.
  expect(['success', 'failure', 'neutral']).toContain(runOf(newHead)!.conclusion);
  expect(gh.reviews.some((r) => r.commit_id === newHead)).toBe(true);
}, 60_000);

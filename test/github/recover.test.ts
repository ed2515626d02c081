// A crash leaves check runs `in_progress` (issue 16: a required check then blocks the pull request
// for good; a graceful stop completes them, a kill -9 cannot). On its next start the App finds its
// unfinished check run on an open pull request's head and reviews that commit again on the same
// check run: no second check run, and the stranded one ends completed.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeGitHub, readTree } from './fake-github.js';
import { startLiveApp, type LiveApp } from './live-app.js';

const here = dirname(fileURLToPath(import.meta.url));
const gh = new FakeGitHub();
let live: LiveApp | undefined;

afterAll(async () => {
  await live?.app.queue.idle();
  await live?.server.stop();
  await gh.stop();
});

test('an in-progress check run left by a crashed process is completed after the next start', async () => {
  const baseFiles = readTree(join(here, '..', 'fixtures', 'github', 'repo', 'base'));
  const base = gh.commit(baseFiles);
  const head = gh.commit({ ...baseFiles, ...readTree(join(here, '..', 'fixtures', 'github', 'repo', 'head')) });
  const other = gh.commit({ ...baseFiles, ...readTree(join(here, '..', 'fixtures', 'github', 'repo', 'head')) }, 'finished');
  gh.pulls.set(1, { number: 1, base, head });
  gh.pulls.set(2, { number: 2, base, head: other });
  // What the crashed process left: pull 1's run in progress, pull 2's finished.
  gh.checkRuns.push({ id: 1, head_sha: head, name: 'mapguard', status: 'in_progress', external_id: 'mapguard/crashed', annotations: [], batches: [] });
  gh.checkRuns.push({ id: 2, head_sha: other, name: 'mapguard', status: 'completed', conclusion: 'success', external_id: 'mapguard/fine', annotations: [], batches: [] });

  live = await startLiveApp(await gh.start(), { secret: 'recover-secret', env: { MAPGUARD_RECOVER_ON_START: 'on' } });
  for (let i = 0; i < 1200 && gh.checkRuns[0]!.status !== 'completed'; i++) await new Promise((r) => setTimeout(r, 25));
  await live.app.queue.idle();

  expect(gh.checkRuns[0]!.status).toBe('completed');
  expect(gh.checkRuns[0]!.conclusion).toBeDefined();
  // Reviewed on the stranded run itself; the finished pull request is left alone.
  expect(gh.checkRuns).toHaveLength(2);
  expect(gh.checkRuns[1]!.conclusion).toBe('success');
  expect(gh.reviews.filter((r) => r.commit_id === head)).toHaveLength(1);
  expect(gh.reviews.filter((r) => r.commit_id === other)).toHaveLength(0);
}, 60_000);

// Issue 16: a write GitHub applied but answered 502 was retried blindly: two check runs (one
// left in progress), two reviews, duplicate inline comments. The real server against the
// loopback fake GitHub, which applies the check-run create and the review and then answers 502:
// exactly one check run (completed) and one review with its comments.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeGitHub, readTree } from './fake-github.js';
import { deliver, pullRequestPayload, startLiveApp, type LiveApp } from './live-app.js';

const here = dirname(fileURLToPath(import.meta.url));
const gh = new FakeGitHub();
let live: LiveApp;
let base: string;
let head: string;

beforeAll(async () => {
  const baseFiles = readTree(join(here, '..', 'fixtures', 'github', 'repo', 'base'));
  const headFiles = { ...baseFiles, ...readTree(join(here, '..', 'fixtures', 'github', 'repo', 'head')) };
  base = gh.commit(baseFiles);
  head = gh.commit(headFiles);
  gh.pulls.set(3, { number: 3, base, head });
  live = await startLiveApp(await gh.start(), { secret: 'ambiguous-webhook-secret', override: (o) => ({ ...o, writeRetry: { backoffMs: 20 } }) });
});

afterAll(async () => {
  await live?.app.queue.idle();
  await live?.server.stop();
  await gh.stop();
});

test('a create GitHub applied but answered 502 is found again, not made twice', async () => {
  gh.applyThen502.add('POST check-runs');
  gh.applyThen502.add('POST reviews');
  expect((await deliver(live, 'pull_request', pullRequestPayload('opened', 3, head, base), 'ambiguous-1')).status).toBe(200);
  for (let i = 0; i < 600 && !(gh.checkRuns.length && gh.checkRuns.every((c) => c.status === 'completed') && gh.reviews.length); i++) await new Promise((r) => setTimeout(r, 50));
  await live.app.queue.idle();
  // Both faults were hit.
  expect(gh.applyThen502.size).toBe(0);
  expect(gh.checkRuns).toHaveLength(1);
  expect(gh.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  expect(gh.reviews).toHaveLength(1);
  const fingerprints = gh.comments.map((c) => /mapguard:fp=([^ ]+) -->/.exec(c.body)?.[1]);
  expect(new Set(fingerprints).size).toBe(fingerprints.length);
  expect(gh.comments.length).toBeGreaterThan(0);
}, 60_000);

// The App through probot.receive with nock: every event and error path, with a
// stub analyze so these tests pin the GitHub I/O, not the rules.
import nock from 'nock';
import type { ReviewInput } from '../../src/review/types.js';
import { fingerprintMarker, FIXED_MARKER } from '../../src/report/github.js';
import { FILES_API_CAP } from '../../src/github/source.js';
import {
  BASE,
  GO_MOD,
  HEAD,
  Mocks,
  REPO_PATH,
  addedPatch,
  deliver,
  done,
  finding,
  fixture,
  prPayload,
  resultOf,
  setup,
  type Analyze,
  type Json,
} from './helpers.js';

const A_GO = 'package shop\n\nvar hits map[string]int\n\nfunc Hit(k string) {\n\thits[k]++\n}\n';
const B_GO = 'package shop\n\nfunc B() {}\n';
const FILES = { 'go.mod': GO_MOD, 'shop/a.go': A_GO, 'shop/b.go': B_GO };

beforeAll(() => nock.disableNetConnect());
afterEach(() => done());
afterAll(() => nock.enableNetConnect());

function recorder(findings: (input: ReviewInput) => ReturnType<typeof finding>[]): { analyze: Analyze; calls: ReviewInput[] } {
  const calls: ReviewInput[] = [];
  return {
    calls,
    analyze: async (input) => {
      calls.push(input);
      return resultOf(findings(input));
    },
  };
}

function standardReads(m: Mocks, files = [{ filename: 'shop/a.go', status: 'added', patch: addedPatch(A_GO) }]): Mocks {
  return m.token().config().createCheck().files(files).repo(FILES, ['shop']);
}

test('pull_request.opened: check run, one review with inline comments, completed check with annotations', async () => {
  const { analyze, calls } = recorder(() => [finding('shop/a.go', 6, 'nil-map-write', { fix: { description: 'Initialise the map', edits: [{ line: 3, column: 1, endLine: 3, endColumn: 24, startIndex: 14, endIndex: 37, newText: 'var hits = map[string]int{}' }] } }), finding('shop/a.go', 3, 'map-clear-loop', { severity: 'warning' })]);
  const { probot, app } = await setup(analyze);
  const m = standardReads(new Mocks()).existing().review().updateCheck();
  const t0 = Date.now();
  await deliver(probot, 'pull_request', prPayload('opened'));
  expect(Date.now() - t0).toBeLessThan(1000);
  await app.queue.idle();

  expect(m.checkCreate).toMatchObject({ name: 'mapguard', head_sha: HEAD, status: 'in_progress' });
  // The whole package is analysed (sibling b.go too), with the go.mod for version gates.
  expect(calls).toHaveLength(1);
  expect(calls[0]!.workspace.files.map((f) => f.path).sort()).toEqual(['shop/a.go', 'shop/b.go']);
  expect(calls[0]!.workspace.goMods).toEqual([{ dir: '', text: GO_MOD }]);
  expect(calls[0]!.diff).toEqual([expect.objectContaining({ path: 'shop/a.go', status: 'added', added: [{ start: 1, end: 7 }] })]);

  expect(m.reviews).toHaveLength(1);
  const review = m.reviews[0]!;
  expect(review).toMatchObject({ commit_id: HEAD, event: 'COMMENT' });
  const comments = review.comments as Json[];
  expect(comments).toHaveLength(2);
  // Errors first; the fix (on the declaration) and the finding's line make one multi-line suggestion.
  expect(comments[0]).toMatchObject({ path: 'shop/a.go', start_line: 3, start_side: 'RIGHT', line: 6, side: 'RIGHT' });
  expect(comments[1]).toMatchObject({ path: 'shop/a.go', line: 3, side: 'RIGHT' });
  expect(comments[1]).not.toHaveProperty('start_line');
  const nil = comments[0]!;
  expect(nil.body).toContain('```suggestion\nvar hits = map[string]int{}\n\nfunc Hit(k string) {\n\thits[k]++\n```');
  expect(nil.body).toContain('rules/nil-map-write/README.md');
  expect(nil.body).toContain(fingerprintMarker(finding('shop/a.go', 6).fingerprint));

  expect(m.checkUpdates).toHaveLength(1);
  expect(m.checkUpdates[0]).toMatchObject({ status: 'completed', conclusion: 'failure', output: { title: '1 error, 1 warning' } });
  const annotations = (m.checkUpdates[0]!.output as Json).annotations as Json[];
  expect(annotations.map((a) => a.annotation_level)).toEqual(['failure', 'warning']);
});

test('annotations are sent 50 per request and max_comments caps inline comments', async () => {
  const many = Array.from({ length: 120 }, (_, i) => finding('shop/a.go', 1 + (i % 7), 'nil-map-write', { fingerprint: `fp${i}` }));
  const { analyze } = recorder(() => many);
  const { probot, app } = await setup(analyze);
  const m = standardReads(new Mocks()).existing().review().updateCheck(3);
  await deliver(probot, 'pull_request', prPayload('opened'));
  await app.queue.idle();
  expect(m.checkUpdates.map((u) => ((u.output as Json).annotations as Json[]).length)).toEqual([50, 50, 20]);
  expect(m.checkUpdates.map((u) => u.status)).toEqual([undefined, undefined, 'completed']);
  expect((m.reviews[0]!.comments as Json[]).length).toBe(30);
  expect(m.reviews[0]!.body).toMatch(/<!-- mapguard:overflow=fp\d+(,fp\d+){89} -->/);
});

test('a review GitHub refuses (422) is retried comment by comment; the refused one goes to the check run', async () => {
  const { analyze } = recorder(() => [finding('shop/a.go', 6), finding('shop/a.go', 5, 'map-clear-loop')]);
  const { probot, app } = await setup(analyze);
  const m = standardReads(new Mocks()).existing().review(422);
  const single: Json[] = [];
  m.scope
    .post(`${REPO_PATH}/pulls/7/comments`, (b: Json) => (single.push(b), true))
    .reply(201, { id: 1 })
    .post(`${REPO_PATH}/pulls/7/comments`)
    .reply(422, { message: 'Validation Failed', errors: ['pull_request_review_thread.line must be part of the diff'] });
  m.review().updateCheck();
  await deliver(probot, 'pull_request', prPayload('opened'));
  await app.queue.idle();
  expect(single[0]).toMatchObject({ commit_id: HEAD, path: 'shop/a.go', line: 5 });
  // The follow-up review only carries the refused finding in its body.
  expect(m.reviews).toHaveLength(2);
  expect(m.reviews[1]!.comments).toBeUndefined();
  expect(m.reviews[1]!.body).toContain(finding('shop/a.go', 6).fingerprint);
  const out = m.checkUpdates[0]!.output as Json;
  expect((out.annotations as Json[]).length).toBe(2);
  expect(out.summary).toContain('GitHub refused 1 inline comment');
});

test('a secondary rate limit (403 + retry-after) is waited out and retried', async () => {
  const { analyze } = recorder(() => []);
  const { probot, app } = await setup(analyze);
  const m = new Mocks().token().config();
  m.scope.post(`${REPO_PATH}/check-runs`).reply(403, { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }, { 'retry-after': '30' });
  m.createCheck().files([{ filename: 'shop/a.go', status: 'added', patch: addedPatch(A_GO) }]).repo(FILES, ['shop']).existing().updateCheck();
  const t0 = Date.now();
  await deliver(probot, 'pull_request', prPayload('opened'));
  await app.queue.idle();
  // retry-after 30 s at 1 ms per second in tests: waited, but briefly.
  expect(Date.now() - t0).toBeGreaterThanOrEqual(30);
  expect(m.checkUpdates[0]).toMatchObject({ conclusion: 'success' });
});

test('a 403 with retry-after in the older "abuse detection" wording is waited out and retried too', async () => {
  const { analyze } = recorder(() => []);
  const { probot, app } = await setup(analyze);
  const m = new Mocks().token().config();
  m.scope.post(`${REPO_PATH}/check-runs`).reply(403, { message: 'You have triggered an abuse detection mechanism. Please wait a few minutes before you try again.', documentation_url: 'https://docs.github.com/rest/overview/resources-in-the-rest-api#abuse-rate-limits' }, { 'retry-after': '20' });
  m.createCheck().files([{ filename: 'shop/a.go', status: 'added', patch: addedPatch(A_GO) }]).repo(FILES, ['shop']).existing().updateCheck();
  const t0 = Date.now();
  await deliver(probot, 'pull_request', prPayload('opened'));
  await app.queue.idle();
  expect(Date.now() - t0).toBeGreaterThanOrEqual(20);
  expect(m.checkUpdates[0]).toMatchObject({ conclusion: 'success' });
});

test('a 500 is retried, then the review continues', async () => {
  const { analyze } = recorder(() => []);
  const { probot, app } = await setup(analyze);
  const m = new Mocks().token().config().createCheck();
  m.scope.get(`${REPO_PATH}/pulls/7/files`).query(true).reply(500, { message: 'Server Error' });
  m.files([{ filename: 'shop/a.go', status: 'added', patch: addedPatch(A_GO) }]).repo(FILES, ['shop']).existing().updateCheck();
  await deliver(probot, 'pull_request', prPayload('opened'));
  await app.queue.idle();
  expect(m.checkUpdates[0]).toMatchObject({ status: 'completed', conclusion: 'success', output: { title: 'No map misuse found' } });
});

test('a bad config completes the check as action_required with the exact problem, and nothing else', async () => {
  const { analyze, calls } = recorder(() => []);
  const { probot, app } = await setup(analyze);
  const m = new Mocks().token().config('rules:\n  nil-map-write: loud\n').createCheck();
  await deliver(probot, 'pull_request', prPayload('opened'));
  await app.queue.idle();
  expect(calls).toHaveLength(0);
  expect(m.checkCreate).toMatchObject({ status: 'completed', conclusion: 'action_required', output: { title: 'Invalid mapguard configuration' } });
  const summary = String((m.checkCreate!.output as Json).summary);
  expect(summary).toContain('.github/mapguard.yml:2');
  expect(summary).toContain('nil-map-write');
});

test('an empty pull request and one without Go files complete with success and no review', async () => {
  const { analyze, calls } = recorder(() => []);
  const { probot, app } = await setup(analyze);
  const m = new Mocks().token().config().createCheck().files([]).updateCheck();
  await deliver(probot, 'pull_request', prPayload('opened', { changed_files: 0 }));
  await app.queue.idle();
  expect(m.checkUpdates[0]).toMatchObject({ conclusion: 'success' });
  expect(String((m.checkUpdates[0]!.output as Json).summary)).toContain('changes no files');

  const m2 = new Mocks().config().createCheck(43).files([{ filename: 'README.md', status: 'modified', patch: '@@ -1 +1 @@\n-a\n+b' }]).updateCheck(1, 43);
  await deliver(probot, 'pull_request', prPayload('synchronize', { head: { sha: 'f'.repeat(40) }, changed_files: 1 }));
  await app.queue.idle();
  expect(calls).toHaveLength(0);
  expect(String((m2.checkUpdates[0]!.output as Json).summary)).toContain('changes no Go files');
});

test('deleted and renamed files: siblings analysed, old thread answered "fixed in" and resolved', async () => {
  const renamed = 'package shop\n\nfunc C() {}\n';
  const files = { 'go.mod': GO_MOD, 'shop/b.go': B_GO, 'shop/c.go': renamed };
  const { analyze, calls } = recorder(() => []);
  const { probot, app } = await setup(analyze);
  const m = new Mocks()
    .token()
    .config()
    .createCheck()
    .files([
      { filename: 'shop/a.go', status: 'removed', patch: '@@ -1,7 +0,0 @@\n-package shop' },
      { filename: 'shop/c.go', previous_filename: 'shop/old.go', status: 'renamed', patch: '@@ -1,3 +1,3 @@\n package shop\n \n-func Old() {}\n+func C() {}' },
    ])
    .repo(files, ['shop']);
  const old = finding('shop/a.go', 6);
  m.existing([{ id: 501, path: 'shop/a.go', line: 6, body: `old ${fingerprintMarker(old.fingerprint)}` }]);
  const gql: Json[] = [];
  m.scope
    .post('/graphql', (b: Json) => (gql.push(b), true))
    .reply(200, { data: { repository: { pullRequest: { reviewThreads: { nodes: [{ id: 'T1', isResolved: false, comments: { nodes: [{ databaseId: 501 }] } }], pageInfo: { hasNextPage: false, endCursor: null } } } } } })
    .post('/graphql', (b: Json) => (gql.push(b), true))
    .reply(200, { data: { resolveReviewThread: { thread: { id: 'T1', isResolved: true } } } });
  const replies: Json[] = [];
  m.scope.post(`${REPO_PATH}/pulls/7/comments/501/replies`, (b: Json) => (replies.push(b), true)).reply(201, { id: 502 });
  m.updateCheck();
  await deliver(probot, 'pull_request', prPayload('synchronize'));
  await app.queue.idle();
  expect(calls[0]!.workspace.files.map((f) => f.path).sort()).toEqual(['shop/b.go', 'shop/c.go']);
  expect(calls[0]!.diff).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ path: 'shop/a.go', status: 'deleted' }),
      expect.objectContaining({ path: 'shop/c.go', status: 'renamed', oldPath: 'shop/old.go', added: [{ start: 3, end: 3 }] }),
    ]),
  );
  expect(replies[0]!.body).toBe(`Fixed in ${HEAD}. ${FIXED_MARKER}`);
  expect(JSON.stringify(gql[1])).toContain('resolveReviewThread');
  expect(String((m.checkUpdates[0]!.output as Json).summary)).toContain('1 earlier finding was fixed');
});

test(`a PR over the files API's ${FILES_API_CAP}-file cap falls back to a tree diff and says so`, async () => {
  const { analyze, calls } = recorder(() => [finding('shop/a.go', 6)]);
  const { probot, app } = await setup(analyze);
  const listed = Array.from({ length: FILES_API_CAP }, (_, i) => ({ filename: `docs/page${i}.md`, status: 'added', patch: '@@ -0,0 +1 @@\n+x' }));
  const m = new Mocks().token().config().createCheck().files(listed);
  m.scope
    .get(`${REPO_PATH}/compare/${BASE}...${HEAD}`)
    .query(true)
    .reply(200, { merge_base_commit: { sha: 'b'.repeat(40) }, files: [] })
    .get(`${REPO_PATH}/git/trees/${'b'.repeat(40)}`)
    .query({ recursive: 'true' })
    .reply(200, { truncated: false, tree: [{ path: 'go.mod', type: 'blob', mode: '100644', sha: 'm1' }, { path: 'shop/b.go', type: 'blob', mode: '100644', sha: 'old-b' }] })
    .get(`${REPO_PATH}/git/trees/${HEAD}`)
    .query({ recursive: 'true' })
    .reply(200, { truncated: false, tree: [{ path: 'go.mod', type: 'blob', mode: '100644', sha: 'm1' }, { path: 'shop/a.go', type: 'blob', mode: '100644', sha: 'new-a' }, { path: 'shop/b.go', type: 'blob', mode: '100644', sha: 'old-b' }] });
  m.repo(FILES, ['shop']).existing().review().updateCheck();
  await deliver(probot, 'pull_request', prPayload('opened', { changed_files: 3500 }));
  await app.queue.idle();
  expect(calls[0]!.diff).toEqual([{ path: 'shop/a.go', status: 'added', binary: false, added: [{ start: 1, end: 7 }], hunks: [{ start: 1, end: 7 }] }]);
  // Whole-file ranges are not real hunks: no inline comment, the finding is listed in the body.
  expect(m.reviews[0]!.comments).toEqual([]);
  const summary = String((m.checkUpdates[0]!.output as Json).summary);
  expect(summary).toContain('changes 3500 files');
  expect(summary).toContain('comparing the base and head trees');
  expect(((m.checkUpdates[0]!.output as Json).annotations as Json[]).length).toBe(1);
});

test('drafts are skipped unless review_drafts is set', async () => {
  const { analyze, calls } = recorder(() => []);
  const { probot, app } = await setup(analyze);
  new Mocks().token().config();
  await deliver(probot, 'pull_request', prPayload('opened', { draft: true }));
  await app.queue.idle();
  expect(calls).toHaveLength(0);

  const m = new Mocks().config('review_drafts: true\n').createCheck().files([{ filename: 'shop/a.go', status: 'added', patch: addedPatch(A_GO) }]).repo(FILES, ['shop'], 'd'.repeat(40)).existing().updateCheck();
  await deliver(probot, 'pull_request', prPayload('opened', { draft: true, head: { sha: 'd'.repeat(40) } }));
  await app.queue.idle();
  expect(calls).toHaveLength(1);
  expect(m.checkCreate).toMatchObject({ head_sha: 'd'.repeat(40) });
});

test('redelivery (same delivery id, or same head SHA) and a synchronize with the same findings post nothing new', async () => {
  const f = finding('shop/a.go', 6);
  const { analyze, calls } = recorder(() => [f]);
  const { probot, app } = await setup(analyze);
  const m = standardReads(new Mocks()).existing().review().updateCheck();
  const id = await deliver(probot, 'pull_request', prPayload('opened'));
  await app.queue.idle();
  expect(m.reviews).toHaveLength(1);
  done();

  // Same delivery id, then a new delivery for the same SHA: no request at all.
  await deliver(probot, 'pull_request', prPayload('opened'), id);
  await deliver(probot, 'pull_request', prPayload('reopened'));
  await app.queue.idle();
  expect(calls).toHaveLength(1);

  // A new commit with the same content: new check run, no new comment.
  const sha2 = '2'.repeat(40);
  const m2 = new Mocks()
    .config()
    .createCheck(44)
    .files([{ filename: 'shop/a.go', status: 'added', patch: addedPatch(A_GO) }])
    .repo(FILES, ['shop'], sha2)
    .existing([{ id: 9, path: 'shop/a.go', line: 6, body: `x ${fingerprintMarker(f.fingerprint)}` }])
    .updateCheck(1, 44);
  await deliver(probot, 'pull_request', prPayload('synchronize', { head: { sha: sha2 } }));
  await app.queue.idle();
  expect(m2.reviews).toHaveLength(0);
  expect(m2.checkUpdates[0]).toMatchObject({ conclusion: 'failure' });
});

test('a newer push supersedes the running review; its check run is completed as cancelled', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const calls: string[] = [];
  const analyze: Analyze = async (input) => {
    calls.push(input.workspace.files[0]!.text);
    if (calls.length === 1) await gate;
    return resultOf([]);
  };
  const { probot, app } = await setup(analyze);
  const sha2 = '2'.repeat(40);
  const m = standardReads(new Mocks()).updateCheck(1, 42);
  m.config().createCheck(43).files([{ filename: 'shop/a.go', status: 'added', patch: addedPatch(A_GO) }]).repo(FILES, ['shop'], sha2).existing().updateCheck(1, 43);
  await deliver(probot, 'pull_request', prPayload('opened'));
  while (calls.length === 0) await new Promise((r) => setTimeout(r, 5));
  await deliver(probot, 'pull_request', prPayload('synchronize', { head: { sha: sha2 } }));
  release();
  await app.queue.idle();
  expect(m.checkUpdates).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ conclusion: 'cancelled', output: expect.objectContaining({ title: 'Superseded' }) }),
      expect.objectContaining({ conclusion: 'success' }),
    ]),
  );
});

test('check_run.rerequested re-runs the same SHA; known fingerprints are not posted again', async () => {
  const f = finding('shop/a.go', 6);
  const { analyze, calls } = recorder(() => [f]);
  const { probot, app } = await setup(analyze);
  const m = standardReads(new Mocks())
    .existing([{ id: 9, path: 'shop/a.go', line: 6, body: `x ${fingerprintMarker(f.fingerprint)}` }])
    .updateCheck();
  await deliver(probot, 'check_run', fixture('check_run.rerequested'));
  await app.queue.idle();
  expect(calls).toHaveLength(1);
  expect(m.reviews).toHaveLength(0);
  expect(m.checkUpdates[0]).toMatchObject({ conclusion: 'failure' });
});

test('check_suite.rerequested with no pull_requests looks the PR up by commit', async () => {
  const { analyze, calls } = recorder(() => []);
  const { probot, app } = await setup(analyze);
  const m = new Mocks().token();
  m.scope.get(`${REPO_PATH}/commits/${HEAD}/pulls`).reply(200, [{ number: 7, state: 'open', head: { sha: HEAD }, base: { sha: BASE } }]);
  m.config().createCheck().files([{ filename: 'shop/a.go', status: 'added', patch: addedPatch(A_GO) }]).repo(FILES, ['shop']).existing().updateCheck();
  await deliver(probot, 'check_suite', fixture('check_suite.rerequested'));
  await app.queue.idle();
  expect(calls).toHaveLength(1);
});

test('an unexpected failure completes the check run as failure with the reason', async () => {
  const analyze: Analyze = async () => {
    throw new Error('engine exploded');
  };
  const { probot, app } = await setup(analyze);
  const m = standardReads(new Mocks()).updateCheck();
  await deliver(probot, 'pull_request', prPayload('opened'));
  await app.queue.idle();
  expect(m.checkUpdates[0]).toMatchObject({ conclusion: 'failure', output: { title: 'mapguard could not complete the review' } });
  expect(String((m.checkUpdates[0]!.output as Json).summary)).toContain('engine exploded');
});

test('a primary rate limit (403, x-ratelimit-remaining 0) waits for the reset and retries', async () => {
  const { analyze } = recorder(() => []);
  const { probot, app } = await setup(analyze);
  const m = new Mocks().token().config().createCheck();
  const reset = String(Math.floor(Date.now() / 1000));
  m.scope.get(`${REPO_PATH}/pulls/7/files`).query(true).reply(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset });
  m.files([{ filename: 'shop/a.go', status: 'added', patch: addedPatch(A_GO) }]).repo(FILES, ['shop']).existing().updateCheck();
  await deliver(probot, 'pull_request', prPayload('opened'));
  await app.queue.idle();
  expect(m.checkUpdates[0]).toMatchObject({ status: 'completed', conclusion: 'success' });
});

test('comments: annotations posts no review; notices only conclude neutral', async () => {
  const { analyze } = recorder(() => [finding('shop/a.go', 6, 'map-clear-loop', { severity: 'notice' })]);
  const { probot, app } = await setup(analyze);
  const m = new Mocks().token().config('comments: annotations\n').createCheck().files([{ filename: 'shop/a.go', status: 'added', patch: addedPatch(A_GO) }]).repo(FILES, ['shop']).updateCheck();
  await deliver(probot, 'pull_request', prPayload('opened'));
  await app.queue.idle();
  expect(m.reviews).toHaveLength(0);
  expect(m.checkUpdates[0]).toMatchObject({ conclusion: 'neutral', output: { title: '1 notice' } });
  expect(((m.checkUpdates[0]!.output as Json).annotations as Json[])[0]).toMatchObject({ annotation_level: 'notice', start_line: 6 });
});

test('escape analysis: an injected provider feeds review(); its table lands in the summary and its workspace is cleaned up', async () => {
  const calls: ReviewInput[] = [];
  const analyze: Analyze = async (input) => {
    calls.push(input);
    const comparison = await input.escape!.compare(input.diff ?? []);
    return { ...resultOf(comparison.findings), escape: comparison.summary };
  };
  let cleaned = false;
  const sandbox = {
    prepare: async () => ({
      escape: { compare: async () => ({ findings: [finding('shop/a.go', 6, 'escape-new-heap', { severity: 'warning' })], summary: { packages: [{ pkg: 'shop', added: 1, removed: 0 }], removed: [] } }) },
      cleanup: async () => void (cleaned = true),
    }),
  };
  const { probot, app } = await setup(analyze, { sandbox });
  const m = new Mocks().token().config('escape_analysis:\n  enabled: true\n').createCheck().files([{ filename: 'shop/a.go', status: 'added', patch: addedPatch(A_GO) }]).repo(FILES, ['shop']).existing().review().updateCheck();
  await deliver(probot, 'pull_request', prPayload('opened'));
  await app.queue.idle();
  expect(calls[0]!.escape).toBeDefined();
  expect(cleaned).toBe(true);
  const summary = String((m.checkUpdates[0]!.output as Json).summary);
  expect(summary).toContain('**Escape analysis** (base vs head)');
  expect(summary).toContain('| `shop` | 1 | 0 |');
  expect(m.checkUpdates[0]).toMatchObject({ conclusion: 'success', output: { title: '1 warning' } });
});

test('race check: an injected provider feeds review(); packages, results and races land in the summary', async () => {
  const calls: ReviewInput[] = [];
  const analyze: Analyze = async (input) => {
    calls.push(input);
    const run = await input.race!.run(input.diff ?? []);
    return { ...resultOf([finding('shop/a.go', 6, 'concurrent-map-access', { severity: 'error' })]), race: { ...run.summary, confirmed: 0, added: 1 } };
  };
  let cleaned = false;
  const summaryOfRun = {
    packages: [{ pkg: 'shop', importPath: 'example.com/shop', status: 'failed' as const, tests: { passed: 3, failed: 1, skipped: 0 }, failedTests: ['TestPut'], races: { map: 1, other: 0 } }],
    races: { map: 1, other: 0 },
    settings: { count: 3, timeoutSeconds: 600 },
    confirmed: 0,
    added: 0,
    durationMs: 4200,
  };
  const sandbox = {
    prepare: async () => ({ race: { run: async () => ({ reports: [], summary: summaryOfRun }) }, cleanup: async () => void (cleaned = true) }),
  };
  const { probot, app } = await setup(analyze, { sandbox });
  const m = new Mocks().token().config('race_check:\n  enabled: true\n').createCheck().files([{ filename: 'shop/a.go', status: 'added', patch: addedPatch(A_GO) }]).repo(FILES, ['shop']).existing().review().updateCheck();
  await deliver(probot, 'pull_request', prPayload('opened'));
  await app.queue.idle();
  expect(calls[0]!.race).toBeDefined();
  expect(calls[0]!.escape).toBeUndefined();
  expect(cleaned).toBe(true);
  const summary = String((m.checkUpdates[0]!.output as Json).summary);
  expect(summary).toContain('**Race detector** (go test -race -count=3, 4.2 s): 1 map race, 0 other races (0 findings confirmed, 1 new)');
  expect(summary).toContain('| `shop` | failed | 3 | 1 | 0 | 1 | 0 | failed: TestPut |');
  expect(m.checkUpdates[0]).toMatchObject({ conclusion: 'failure' });
});

test('config baseline: findings it holds are not posted; the summary says how many were baselined', async () => {
  const { analyze } = recorder(() => [finding('shop/a.go', 6), finding('shop/a.go', 3, 'map-clear-loop', { severity: 'warning' })]);
  const { probot, app } = await setup(analyze);
  const baselined = finding('shop/a.go', 6);
  const m = new Mocks().token().config('baseline: .github/mapguard-baseline.json\n').createCheck().files([{ filename: 'shop/a.go', status: 'added', patch: addedPatch(A_GO) }]).repo(FILES, ['shop']);
  m.scope
    .get((uri) => uri.startsWith(`${REPO_PATH}/contents/`) && /mapguard-baseline\.json/.test(decodeURIComponent(uri)))
    .reply(200, JSON.stringify({ mapguard_baseline: 1, findings: [{ fingerprint: baselined.fingerprint, ruleId: 'nil-map-write', path: 'shop/a.go', line: 6 }] }), { 'content-type': 'application/vnd.github.raw; charset=utf-8' });
  m.existing().review().updateCheck();
  await deliver(probot, 'pull_request', prPayload('opened'));
  await app.queue.idle();
  expect((m.reviews[0]!.comments as Json[]).map((c) => c.line)).toEqual([3]);
  expect(m.checkUpdates[0]).toMatchObject({ conclusion: 'success', output: { title: '1 warning' } });
  expect(String((m.checkUpdates[0]!.output as Json).summary)).toContain('1 finding is in the baseline `.github/mapguard-baseline.json` and not reported.');
});

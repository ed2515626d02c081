// End to end: the real server (the code `npm start` runs) on 127.0.0.1 against
// a fake GitHub Enterprise API on another loopback port, fed HMAC-signed webhooks.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from 'probot';
import { deliver, startLiveApp } from './live-app.js';
import type { MapguardApp } from '../../src/github/app.js';
import { FakeGitHub, type Files } from './fake-github.js';
import { readTree } from './fake-github.js';

const here = dirname(fileURLToPath(import.meta.url));
const SECRET = 'e2e-webhook-secret';
const ANALYSIS_DELAY_MS = 1500;


async function until<T>(what: string, fn: () => T | undefined, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const gh = new FakeGitHub();
let server: Server;
let app: MapguardApp;
let port: number;
let base: string;
let head: string;
const baseFiles = readTree(join(here, '..', 'fixtures', 'github', 'repo', 'base'));
const headFiles = { ...baseFiles, ...readTree(join(here, '..', 'fixtures', 'github', 'repo', 'head')) };

function payload(action: string, headSha: string): string {
  return JSON.stringify({
    action,
    number: 12,
    pull_request: { number: 12, state: 'open', draft: false, changed_files: 2, head: { sha: headSha, ref: 'words' }, base: { sha: base, ref: 'main' } },
    repository: { id: 5, name: 'shop', full_name: 'octo/shop', html_url: 'http://127.0.0.1/octo/shop', owner: { login: 'octo', id: 1 } },
    installation: { id: 77 },
    sender: { login: 'dev', id: 10 },
  });
}

function send(body: string, delivery: string, signature?: string): Promise<{ status: number; ms: number }> {
  return deliver({ port, secret: SECRET }, 'pull_request', body, delivery, signature);
}

beforeAll(async () => {
  base = gh.commit(baseFiles);
  head = gh.commit(headFiles);
  gh.pulls.set(12, { number: 12, base, head });
  const started = await startLiveApp(await gh.start(), {
    secret: SECRET,
    env: { LOG_FORMAT: 'json' },
    // Slower than the webhook deadline allows, to prove the webhook does not wait for it.
    override: (o) => ({ ...o, analyze: async (input) => (await new Promise((r) => setTimeout(r, ANALYSIS_DELAY_MS)), o.analyze(input)) }),
  });
  port = started.port;
  server = started.server;
  app = started.app;
});

afterAll(async () => {
  await app?.queue.idle();
  await server?.stop();
  await gh.stop();
});

test('health check answers', async () => {
  const res = await fetch(`http://127.0.0.1:${port}/healthz`);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ status: 'ok' });
});

test('a forged signature is refused and posts nothing', async () => {
  const r = await send(payload('opened', head), 'forged-1', `sha256=${'0'.repeat(64)}`);
  expect([400, 401]).toContain(r.status);
  const r2 = await send(payload('opened', head), 'forged-2', 'sha256=nothex');
  expect([400, 401]).toContain(r2.status);
  await app.queue.idle();
  expect(gh.checkRuns).toHaveLength(0);
});

test('a body over GitHub\'s 25 MB is refused with 413 before any signature check', async () => {
  const r = await send(' '.repeat(26 * 1024 * 1024), 'too-large-1', `sha256=${'0'.repeat(64)}`);
  expect(r.status).toBe(413);
  await app.queue.idle();
  expect(gh.checkRuns).toHaveLength(0);
});

test('opened: acknowledged at once; within 10 s a failing check run, batched annotations and one review', async () => {
  const t0 = Date.now();
  const r = await send(payload('opened', head), 'delivery-opened');
  expect(r.status).toBe(200);
  expect(r.ms).toBeLessThan(1000);

  const run = await until('a completed check run', () => gh.checkRuns.find((c) => c.head_sha === head && c.status === 'completed'), 10_000);
  expect(Date.now() - t0).toBeLessThan(10_000);
  expect(run.name).toBe('mapguard');
  expect(run.conclusion).toBe('failure');

  const rules = new Set(run.annotations.map((a) => String(a.title).split(':')[0]));
  expect(rules.has('nil-map-write')).toBe(true);
  expect(rules.has('concurrent-map-access')).toBe(true);
  // 56 nil-map writes plus the race: more than one request's worth, 50 at most each.
  expect(run.annotations.length).toBeGreaterThan(50);
  expect(run.batches.length).toBeGreaterThanOrEqual(2);
  expect(Math.max(...run.batches)).toBeLessThanOrEqual(50);
  expect(run.batches.reduce((a, b) => a + b, 0)).toBe(run.annotations.length);
  expect(String(run.output?.title)).toMatch(/^\d+ errors?/);

  await until('the review', () => (gh.reviews.length > 0 ? gh.reviews : undefined), 10_000);
  await app.queue.idle();
  expect(gh.reviews).toHaveLength(1);
  expect(gh.refused).toHaveLength(0);
  expect(gh.comments).toHaveLength(30); // max_comments; the rest are in the review body and annotations
  const register = gh.comments.find((c) => c.path === 'svc/counter.go' && c.body.includes('nil-map-write'));
  expect(register).toBeDefined();
  expect(register!.body).toContain('<!-- mapguard:fp=');
  expect(register!.line).toBeGreaterThanOrEqual(23);
  expect(gh.comments.some((c) => c.body.includes('concurrent-map-access'))).toBe(true);
  expect(gh.reviews[0]!.body).toContain('<!-- mapguard:overflow=');
});

test('redelivery and a synchronize with the same content add no comment', async () => {
  const comments = gh.comments.length;
  const reviews = gh.reviews.length;
  const runs = gh.checkRuns.length;

  const r = await send(payload('opened', head), 'delivery-opened');
  expect(r.status).toBe(200);
  await send(payload('reopened', head), 'delivery-reopened');
  await app.queue.idle();
  expect(gh.checkRuns).toHaveLength(runs);

  const head2 = gh.commit(headFiles, 'amended');
  gh.pulls.set(12, { number: 12, base, head: head2 });
  const t0 = Date.now();
  const s = await send(payload('synchronize', head2), 'delivery-sync');
  expect(s.status).toBe(200);
  expect(s.ms).toBeLessThan(1000);
  const run = await until('the second check run', () => gh.checkRuns.find((c) => c.head_sha === head2 && c.status === 'completed'), 10_000);
  expect(Date.now() - t0).toBeLessThan(10_000);
  await app.queue.idle();
  expect(run.conclusion).toBe('failure');
  expect(gh.comments).toHaveLength(comments);
  expect(gh.reviews).toHaveLength(reviews);
});

test('a push that fixes a finding answers its thread "Fixed in <sha>" and resolves it', async () => {
  const fixedFiles = { ...headFiles, ...readTree(join(here, '..', 'fixtures', 'github', 'repo', 'fixed')) };
  const head3 = gh.commit(fixedFiles);
  gh.pulls.set(12, { number: 12, base, head: head3 });
  const register = gh.comments.find((c) => c.path === 'svc/counter.go' && c.body.includes('nil-map-write') && c.in_reply_to_id === undefined)!;
  const reviews = gh.reviews.length;
  await send(payload('synchronize', head3), 'delivery-fix');
  await until('the third check run', () => gh.checkRuns.find((c) => c.head_sha === head3 && c.status === 'completed'), 10_000);
  await app.queue.idle();
  const replies = gh.comments.filter((c) => c.in_reply_to_id !== undefined);
  expect(replies).toEqual([expect.objectContaining({ in_reply_to_id: register.id, body: expect.stringContaining(`Fixed in ${head3}`) })]);
  expect(gh.resolvedThreads).toEqual([`T${register.id}`]);
  expect(gh.reviews).toHaveLength(reviews);
});

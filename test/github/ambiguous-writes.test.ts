// Issue 16: a write GitHub applied but answered 502 was retried blindly: two check runs (one
// left in progress), two reviews, duplicate inline comments. The real server against the
// loopback fake GitHub, which applies the check-run create and the review and then answers 502:
// exactly one check run (completed) and one review with its comments.
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from 'probot';
import { startServer } from '../../src/github/server.js';
import type { MapguardApp } from '../../src/github/app.js';
import { FakeGitHub, readTree } from './fake-github.js';

const here = dirname(fileURLToPath(import.meta.url));
const SECRET = 'ambiguous-webhook-secret';

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

const gh = new FakeGitHub();
let server: Server;
let app: MapguardApp;
let port: number;
let base: string;
let head: string;

beforeAll(async () => {
  const baseFiles = readTree(join(here, '..', 'fixtures', 'github', 'repo', 'base'));
  const headFiles = { ...baseFiles, ...readTree(join(here, '..', 'fixtures', 'github', 'repo', 'head')) };
  base = gh.commit(baseFiles);
  head = gh.commit(headFiles);
  gh.pulls.set(3, { number: 3, base, head });
  const ghPort = await gh.start();
  port = await freePort();
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const started = await startServer({
    env: { APP_ID: '4242', PRIVATE_KEY: privateKey, WEBHOOK_SECRET: SECRET, PORT: String(port), HOST: '127.0.0.1', GHE_HOST: `127.0.0.1:${ghPort}`, GHE_PROTOCOL: 'http', LOG_LEVEL: 'fatal' },
    override: (o) => ({ ...o, writeRetry: { backoffMs: 20 } }),
  });
  server = started.server;
  app = started.app;
});

afterAll(async () => {
  await app?.queue.idle();
  await server?.stop();
  await gh.stop();
});

test('a create GitHub applied but answered 502 is found again, not made twice', async () => {
  gh.applyThen502.add('POST check-runs');
  gh.applyThen502.add('POST reviews');
  const body = JSON.stringify({
    action: 'opened',
    number: 3,
    pull_request: { number: 3, state: 'open', draft: false, changed_files: 2, head: { sha: head, ref: 'feature' }, base: { sha: base, ref: 'main' } },
    repository: { id: 5, name: 'shop', full_name: 'octo/shop', html_url: 'http://127.0.0.1/octo/shop', owner: { login: 'octo', id: 1 } },
    installation: { id: 77 },
    sender: { login: 'dev', id: 10 },
  });
  const res = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': 'ambiguous-1', 'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` },
    body,
  });
  expect(res.status).toBe(200);
  for (let i = 0; i < 600 && !(gh.checkRuns.length && gh.checkRuns.every((c) => c.status === 'completed') && gh.reviews.length); i++) await new Promise((r) => setTimeout(r, 50));
  await app.queue.idle();
  // Both faults were hit.
  expect(gh.applyThen502.size).toBe(0);
  expect(gh.checkRuns).toHaveLength(1);
  expect(gh.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
  expect(gh.reviews).toHaveLength(1);
  const fingerprints = gh.comments.map((c) => /mapguard:fp=([^ ]+) -->/.exec(c.body)?.[1]);
  expect(new Set(fingerprints).size).toBe(fingerprints.length);
  expect(gh.comments.length).toBeGreaterThan(0);
}, 60_000);

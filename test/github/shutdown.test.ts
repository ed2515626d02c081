// Graceful shutdown (issue 16: a SIGTERM used to strand 29 of 30 check runs `in_progress`, and a
// required check then blocks those pull requests for good). The real server against the loopback
// fake GitHub: six pull requests, two reviews at a time, each lasting past the grace period;
// shutting down (what the SIGTERM handler of `npm start` calls) leaves no check run unfinished,
// and a webhook that arrives meanwhile is refused, not silently dropped.
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Server } from 'probot';
import { startServer } from '../../src/github/server.js';
import type { MapguardApp } from '../../src/github/app.js';
import { RESTART_TEXT } from '../../src/github/job.js';
import { FakeGitHub, readTree } from './fake-github.js';

const here = dirname(fileURLToPath(import.meta.url));
const SECRET = 'shutdown-webhook-secret';
const PULLS = 6;
// Reviews wait on this gate: none can finish before the shutdown, all end right after it.
let release!: () => void;
const gate = new Promise<void>((r) => (release = r));

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
const heads: string[] = [];
let base: string;

function payload(number: number, headSha: string): string {
  return JSON.stringify({
    action: 'opened',
    number,
    pull_request: { number, state: 'open', draft: false, changed_files: 2, head: { sha: headSha, ref: `b${number}` }, base: { sha: base, ref: 'main' } },
    repository: { id: 5, name: 'shop', full_name: 'octo/shop', html_url: 'http://127.0.0.1/octo/shop', owner: { login: 'octo', id: 1 } },
    installation: { id: 77 },
    sender: { login: 'dev', id: 10 },
  });
}

async function send(body: string, delivery: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': delivery, 'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` },
    body,
  });
  await res.text();
  return res.status;
}

beforeAll(async () => {
  const baseFiles = readTree(join(here, '..', 'fixtures', 'github', 'repo', 'base'));
  const headFiles = { ...baseFiles, ...readTree(join(here, '..', 'fixtures', 'github', 'repo', 'head')) };
  base = gh.commit(baseFiles);
  for (let n = 1; n <= PULLS; n++) {
    const head = gh.commit(headFiles, `pull ${n}`);
    heads.push(head);
    gh.pulls.set(n, { number: n, base, head });
  }
  const ghPort = await gh.start();
  port = await freePort();
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const started = await startServer({
    env: { APP_ID: '4242', PRIVATE_KEY: privateKey, WEBHOOK_SECRET: SECRET, PORT: String(port), HOST: '127.0.0.1', GHE_HOST: `127.0.0.1:${ghPort}`, GHE_PROTOCOL: 'http', LOG_LEVEL: 'fatal', MAPGUARD_CONCURRENCY: '2' },
    // Each review lasts past the grace period below.
    override: (o) => ({ ...o, analyze: async (input) => (await gate, o.analyze(input)) }),
  });
  server = started.server;
  app = started.app;
});

afterAll(async () => {
  release();
  // The aborted reviews stop at their next checkpoint.
  await app?.queue.idle();
  await server?.stop();
  await gh.stop();
});

test('shutting down with reviews running and queued leaves no check run in progress', async () => {
  for (let n = 1; n <= PULLS; n++) expect(await send(payload(n, heads[n - 1]!), `delivery-${n}`)).toBe(200);
  // Every check run created (in progress; writes are paced, about one a second), two reviews running, the rest queued.
  for (let i = 0; i < 800 && gh.checkRuns.length < PULLS; i++) await new Promise((r) => setTimeout(r, 25));
  expect(gh.checkRuns).toHaveLength(PULLS);
  expect(gh.checkRuns.every((c) => c.status !== 'completed')).toBe(true);

  const stopping = app.shutdown(300);
  // Meanwhile a webhook is refused (GitHub records a failed delivery that can be redelivered).
  expect(await send(payload(1, heads[0]!), 'delivery-late')).toBeGreaterThanOrEqual(500);
  await stopping;

  expect(gh.checkRuns.filter((c) => c.status !== 'completed')).toEqual([]);
  const neutral = gh.checkRuns.filter((c) => c.conclusion === 'neutral');
  expect(neutral).toHaveLength(PULLS);
  for (const c of neutral) expect(JSON.stringify(c.output)).toContain(RESTART_TEXT.slice(0, 40));
  // Nothing is posted for a review that did not finish.
  expect(gh.reviews).toEqual([]);
}, 60_000);

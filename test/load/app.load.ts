// Loopback load test of the App (issue 16): 300 pull requests across 30 installations, webhooks
// sent 30 at a time to a receiver (`npm start` with REDIS_URL) and reviewed by two worker processes
// (`npm run worker`), against the fake GitHub on 127.0.0.1 and a real redis-server. Measured: the
// slowest webhook answer, the time until every check run is completed, each process's peak RSS.
// Run with `npm run load` after `npm run build` (not part of `npm test`: it takes a minute or two).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeGitHub, readTree } from '../github/fake-github.js';
import { freePort } from '../github/live-app.js';
import { redisAvailable, startRedis, type RedisServer } from '../github/redis-server.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..');
const PULLS = Number(process.env.LOAD_PULLS ?? 300);
const INSTALLATIONS = Number(process.env.LOAD_INSTALLATIONS ?? 30);
const AT_ONCE = 30;
/** Reviews each worker runs at once (MAPGUARD_CONCURRENCY): a review mostly waits on GitHub. */
const PER_WORKER = process.env.LOAD_CONCURRENCY ?? '6';
const SECRET = 'load-secret';

const gh = new FakeGitHub();
let redis: RedisServer;
const procs: { name: string; child: ChildProcess; out: string }[] = [];

/** Peak resident set of a live process (Linux: VmHWM), in MiB. */
function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

function launch(name: string, script: string, env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [join(repoRoot, 'dist', 'src', 'github', script)], { cwd: repoRoot, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const p = { name, child, out: '' };
  child.stdout!.on('data', (d: Buffer) => (p.out = (p.out + d.toString()).slice(-20_000)));
  child.stderr!.on('data', (d: Buffer) => (p.out = (p.out + d.toString()).slice(-20_000)));
  procs.push(p);
  return p;
}

const until = async (what: string, ok: () => boolean, ms: number) => {
  for (const t0 = Date.now(); !ok(); ) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

afterAll(async () => {
  for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  await gh.stop();
  await redis?.stop();
});

const loadTest = redisAvailable() ? test : test.skip;

loadTest(`${PULLS} pull requests across ${INSTALLATIONS} installations, two workers`, async () => {
  redis = await startRedis();
  const baseFiles = readTree(join(here, '..', 'fixtures', 'github', 'repo', 'base'));
  const headFiles = { ...baseFiles, ...readTree(join(here, '..', 'fixtures', 'github', 'repo', 'head')) };
  const base = gh.commit(baseFiles);
  const heads: string[] = [];
  for (let n = 1; n <= PULLS; n++) {
    heads.push(gh.commit(headFiles, `pull ${n}`));
    gh.pulls.set(n, { number: n, base, head: heads[n - 1]! });
  }
  const ghPort = await gh.start();
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  const port = await freePort();
  const common: NodeJS.ProcessEnv = { APP_ID: '4242', PRIVATE_KEY: privateKey, GHE_HOST: `127.0.0.1:${ghPort}`, GHE_PROTOCOL: 'http', REDIS_URL: redis.url, LOG_LEVEL: 'warn', LOG_FORMAT: 'json' };
  const receiver = launch('receiver', 'main.js', { ...common, WEBHOOK_SECRET: SECRET, PORT: String(port), HOST: '127.0.0.1' });
  const workers = [launch('worker 1', 'worker-main.js', { ...common, MAPGUARD_CONCURRENCY: PER_WORKER }), launch('worker 2', 'worker-main.js', { ...common, MAPGUARD_CONCURRENCY: PER_WORKER })];
  await until('the receiver to answer', () => receiver.child.exitCode === null && receiver.out !== undefined, 5_000);
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }

  const t0 = Date.now();
  const acks: number[] = [];
  const statuses: number[] = [];
  for (let from = 1; from <= PULLS; from += AT_ONCE) {
    const batch = [];
    for (let n = from; n < from + AT_ONCE && n <= PULLS; n++) {
      const body = JSON.stringify({
        action: 'opened',
        number: n,
        pull_request: { number: n, state: 'open', draft: false, changed_files: 2, head: { sha: heads[n - 1], ref: `b${n}` }, base: { sha: base, ref: 'main' } },
        repository: { id: 5, name: 'shop', full_name: 'octo/shop', html_url: 'http://127.0.0.1/octo/shop', owner: { login: 'octo', id: 1 } },
        installation: { id: 1000 + (n % INSTALLATIONS) },
        sender: { login: 'dev', id: 10 },
      });
      const sent = Date.now();
      batch.push(
        fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': `load-${n}`, 'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` },
          body,
        }).then(async (r) => {
          await r.text();
          acks.push(Date.now() - sent);
          statuses.push(r.status);
        }),
      );
    }
    await Promise.all(batch);
  }
  const sentAll = Date.now() - t0;
  const done = () => heads.filter((h) => gh.checkRuns.some((c) => c.head_sha === h && c.status === 'completed')).length;
  await until(`all ${PULLS} check runs completed`, () => done() === PULLS, 300_000).catch((e: Error) => {
    throw new Error(`${e.message} (${done()} done); worker output:\n${workers.map((w) => w.out.slice(-2000)).join('\n')}`);
  });
  const allDone = Date.now() - t0;
  const rss = procs.map((p) => ({ name: p.name, mb: peakRssMb(p.child.pid!) }));
  const slowest = Math.max(...acks);
  const runsPerHead = new Map<string, number>();
  for (const c of gh.checkRuns) runsPerHead.set(c.head_sha, (runsPerHead.get(c.head_sha) ?? 0) + 1);
  const report = [
    `load: ${PULLS} pull requests, ${INSTALLATIONS} installations, 2 workers x ${PER_WORKER} reviews at once`,
    `webhooks: all ${statuses.every((s) => s === 200) ? '200' : statuses.filter((s) => s !== 200).join(',')}; slowest answer ${slowest} ms; all sent in ${(sentAll / 1000).toFixed(1)} s`,
    `every check run completed after ${(allDone / 1000).toFixed(1)} s; check runs per head: max ${Math.max(...runsPerHead.values())}; reviews: ${gh.reviews.length}`,
    `peak RSS: ${rss.map((r) => `${r.name} ${r.mb.toFixed(0)} MB`).join(', ')}`,
  ].join('\n');
  console.log(report);
  expect(statuses.every((s) => s === 200)).toBe(true);
  expect(slowest).toBeLessThan(1000);
  expect(allDone).toBeLessThan(120_000);
  expect(Math.max(...runsPerHead.values())).toBe(1);
  for (const r of rss) expect(r.mb).toBeLessThan(300);
}, 400_000);

test('SIGTERM with 30 reviews queued (no Redis): no check run left in progress', async () => {
  const fake = new FakeGitHub();
  const baseFiles = readTree(join(here, '..', 'fixtures', 'github', 'repo', 'base'));
  const headFiles = { ...baseFiles, ...readTree(join(here, '..', 'fixtures', 'github', 'repo', 'head')) };
  const base = fake.commit(baseFiles);
  const heads: string[] = [];
  for (let n = 1; n <= 30; n++) {
    heads.push(fake.commit(headFiles, `pull ${n}`));
    fake.pulls.set(n, { number: n, base, head: heads[n - 1]! });
  }
  // Reviews hang on their first GitHub read after the check run: all still running or queued at the SIGTERM.
  fake.slow.push({ match: /^GET \/api\/v3\/repos\/octo\/shop\/pulls\/\d+\/files$/, ms: 120_000, times: 30 });
  const ghPort = await fake.start();
  try {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const port = await freePort();
    const app = launch('embedded', 'main.js', { APP_ID: '4242', PRIVATE_KEY: privateKey, GHE_HOST: `127.0.0.1:${ghPort}`, GHE_PROTOCOL: 'http', WEBHOOK_SECRET: SECRET, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', MAPGUARD_CONCURRENCY: '2', MAPGUARD_SHUTDOWN_GRACE_SECONDS: '2', MAPGUARD_RECOVER_ON_START: 'off' });
    for (let i = 0; i < 100; i++) {
      if (await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await Promise.all(
      heads.map((h, i) => {
        const n = i + 1;
        const body = JSON.stringify({
          action: 'opened',
          number: n,
          pull_request: { number: n, state: 'open', draft: false, changed_files: 2, head: { sha: h, ref: `b${n}` }, base: { sha: base, ref: 'main' } },
          repository: { id: 5, name: 'shop', full_name: 'octo/shop', html_url: 'http://127.0.0.1/octo/shop', owner: { login: 'octo', id: 1 } },
          installation: { id: 2000 + n },
          sender: { login: 'dev', id: 10 },
        });
        return fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': `term-${n}`, 'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}` },
          body,
        }).then((r) => r.text());
      }),
    );
    await until('30 check runs in progress', () => fake.checkRuns.length === 30, 60_000);
    const exited = new Promise<number | null>((r) => app.child.once('exit', (code) => r(code)));
    app.child.kill('SIGTERM');
    const code = await exited;
    const left = fake.checkRuns.filter((c) => c.status !== 'completed');
    console.log(`SIGTERM with 30 reviews running or queued: exit ${code}; left in progress: ${left.length}; completed neutral: ${fake.checkRuns.filter((c) => c.conclusion === 'neutral').length}`);
    expect(code).toBe(0);
    expect(left).toEqual([]);
  } finally {
    await fake.stop();
  }
}, 200_000);

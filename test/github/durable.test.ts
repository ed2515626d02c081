// The durable queue (issue 16, item 2) on a real redis-server: dedup by delivery and head SHA and
// the superseding of older heads live in Redis; a worker killed mid-review (SIGKILL) loses its job
// to the other worker, which finishes it on the same check run, with no second check run or review;
// a receiver restarted mid-burst loses nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DurableQueue, DurableWorker, type ReviewJobData } from '../../src/github/durable.js';
import { isSuperseded } from '../../src/github/queue.js';
import { FakeGitHub, readTree } from './fake-github.js';
import { deliver, pullRequestPayload, startLiveApp, type LiveApp } from './live-app.js';
import { redisAvailable, startRedis, type RedisServer } from './redis-server.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..');
const haveRedis = redisAvailable();
if (!haveRedis) console.warn('durable.test.ts: not run: redis-server is not on PATH (CI installs it; apt-get install redis-server)');
const describeRedis = haveRedis ? describe : describe.skip;

const until = async (what: string, ok: () => boolean, ms = 30_000) => {
  for (const t0 = Date.now(); !ok(); ) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

function job(key: string, sha: string, delivery: string, rerequested = false): ReviewJobData {
  const [repo, number] = key.split('#');
  const [owner, name] = repo!.split('/');
  return {
    key,
    installationId: 1,
    pr: { owner: owner!, repo: name!, number: Number(number), headSha: sha, baseSha: 'b'.repeat(40) },
    draft: false,
    rerequested,
    deliveryId: delivery,
    externalId: `mapguard/test-${delivery}`,
  };
}

describeRedis('durable queue semantics', () => {
  let redis: RedisServer;
  let queue: DurableQueue;
  let worker: DurableWorker | undefined;
  beforeAll(async () => {
    redis = await startRedis();
    queue = new DurableQueue(redis.url);
  });
  afterAll(async () => {
    await worker?.close(0, () => new Error('stop'));
    await queue?.close();
    await redis?.stop();
  });

  test('duplicates by delivery and by head SHA are dropped; a newer head stops the running review', async () => {
    const ran: string[] = [];
    const outcomes: string[] = [];
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((r) => (releaseFirst = r));
    worker = new DurableWorker(
      { url: redis.url, concurrency: 2, lockMs: 5000, pollMs: 100 },
      async (data, ctx) => {
        ran.push(data.pr.headSha);
        if (data.pr.headSha === 'a1') {
          // Held until a newer head replaces it: the worker's poll aborts it.
          await new Promise<void>((resolve, reject) => {
            ctx.signal.addEventListener('abort', () => {
              outcomes.push(`a1 stopped: ${isSuperseded(ctx.signal.reason) ? `superseded by ${ctx.superseded()}` : 'aborted'}`);
              reject(ctx.signal.reason as Error);
            });
            void firstHeld.then(resolve);
          });
        }
        outcomes.push(`${data.pr.headSha} done`);
      },
      async (data, bySha) => void outcomes.push(`${data.pr.headSha} superseded before it ran by ${bySha}`),
    );
    const failures: string[] = [];
    worker.on('failed', (j, err) => failures.push(`${j?.data.pr.headSha}: ${isSuperseded(err) ? 'superseded' : err.message}`));
    await worker.ready();

    expect(await queue.submit(job('o/r#1', 'a1', 'd1'))).toBe('queued');
    expect(await queue.submit(job('o/r#1', 'a1', 'd1'))).toBe('duplicate-delivery');
    expect(await queue.submit(job('o/r#1', 'a1', 'd2'))).toBe('duplicate-sha');
    await until('the first review to start', () => ran.includes('a1'));
    expect(await queue.submit(job('o/r#1', 'a2', 'd3'))).toBe('queued');
    await until('the newer head to be reviewed and the older one stopped', () => outcomes.length === 2);
    expect(outcomes.sort()).toEqual(['a1 stopped: superseded by a2', 'a2 done']);
    expect(failures).toEqual([]);
    releaseFirst();

    // A head reviewed is a duplicate for a new delivery, not for a re-run.
    expect(await queue.submit(job('o/r#1', 'a2', 'd4'))).toBe('duplicate-sha');
    expect(await queue.submit(job('o/r#1', 'a2', 'd5', true))).toBe('queued');
    await until('the re-run', () => ran.filter((s) => s === 'a2').length === 2);
    let size = await queue.size();
    for (let i = 0; i < 100 && size.queued + size.running > 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      size = await queue.size();
    }
    expect(size).toEqual({ queued: 0, running: 0 });
  }, 60_000);
});

describeRedis('durable queue: an installation\'s share across workers', () => {
  let redis: RedisServer;
  let queue: DurableQueue;
  const workers: DurableWorker[] = [];
  beforeAll(async () => {
    redis = await startRedis();
    queue = new DurableQueue(redis.url);
  });
  afterAll(async () => {
    for (const w of workers) await w.close(0, () => new Error('stop'));
    await queue?.close();
    await redis?.stop();
  });

  test('MAPGUARD_CONCURRENCY_PER_INSTALLATION holds across two workers; other installations run meanwhile', async () => {
    const running = new Map<number, number>();
    const most = new Map<number, number>();
    let mostOverall = 0;
    const done: string[] = [];
    const review = async (data: ReviewJobData) => {
      const inst = data.installationId;
      running.set(inst, (running.get(inst) ?? 0) + 1);
      most.set(inst, Math.max(most.get(inst) ?? 0, running.get(inst)!));
      mostOverall = Math.max(mostOverall, [...running.values()].reduce((a, b) => a + b, 0));
      await new Promise((r) => setTimeout(r, 400));
      running.set(inst, running.get(inst)! - 1);
      done.push(data.key);
    };
    // Two workers of two slots each: without the share, installation 1's three reviews would run at once.
    for (let i = 0; i < 2; i++) {
      const w = new DurableWorker({ url: redis.url, concurrency: 2, lockMs: 5000, pollMs: 100, perInstallation: 1 }, review, async () => undefined);
      workers.push(w);
      await w.ready();
    }
    const of = (inst: number, n: number): ReviewJobData => ({ ...job(`o/r${inst}#${n}`, `s${inst}${n}`, `share-${inst}-${n}`), installationId: inst });
    for (const d of [of(1, 1), of(1, 2), of(1, 3), of(2, 1), of(2, 2)]) expect(await queue.submit(d)).toBe('queued');
    await until('every review', () => done.length === 5, 30_000);
    expect(most.get(1)).toBe(1);
    expect(most.get(2)).toBe(1);
    // The two installations' reviews ran side by side.
    expect(mostOverall).toBe(2);
  }, 60_000);
});

describeRedis('durable queue end to end', () => {
  const gh = new FakeGitHub();
  let redis: RedisServer;
  let live: LiveApp | undefined;
  let ghPort = 0;
  const workers: { child: ChildProcess; out: string }[] = [];
  const heads: string[] = [];
  let base = '';
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });

  const startWorkerProcess = () => {
    const child = spawn(process.execPath, [join(repoRoot, 'dist', 'src', 'github', 'worker-main.js')], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH ?? '',
        REDIS_URL: redis.url,
        APP_ID: '4242',
        PRIVATE_KEY: privateKey,
        GHE_HOST: `127.0.0.1:${ghPort}`,
        GHE_PROTOCOL: 'http',
        LOG_LEVEL: 'info',
        LOG_FORMAT: 'json',
        MAPGUARD_CONCURRENCY: '1',
        MAPGUARD_JOB_LOCK_MS: '2000',
        MAPGUARD_SUPERSEDE_POLL_MS: '200',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const w = { child, out: '' };
    child.stdout!.on('data', (d: Buffer) => (w.out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (w.out += d.toString()));
    workers.push(w);
    return w;
  };

  beforeAll(async () => {
    redis = await startRedis();
    const baseFiles = readTree(join(here, '..', 'fixtures', 'github', 'repo', 'base'));
    const headFiles = { ...baseFiles, ...readTree(join(here, '..', 'fixtures', 'github', 'repo', 'head')) };
    base = gh.commit(baseFiles);
    for (let n = 1; n <= 12; n++) {
      const head = gh.commit(headFiles, `pull ${n}`);
      heads.push(head);
      gh.pulls.set(n, { number: n, base, head });
    }
    ghPort = await gh.start();
  });

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await live?.app.shutdown(0);
    await live?.server.stop();
    await gh.stop();
    await redis?.stop();
  });

  const receiver = () => startLiveApp(ghPort, { secret: 'durable-secret', env: { REDIS_URL: redis.url } });
  const completed = (sha: string) => gh.checkRuns.filter((c) => c.head_sha === sha && c.status === 'completed');

  test('a worker killed mid-review: the other finishes it on the same check run, nothing posted twice', async () => {
    live = await receiver();
    const a = startWorkerProcess();
    const b = startWorkerProcess();
    await until('both workers to take jobs', () => [a, b].every((w) => w.out.includes('taking review jobs')));
    // The first listing of the pull request's files hangs: the review is mid-flight, its check run created.
    const hold = { match: /^GET \/api\/v3\/repos\/octo\/shop\/pulls\/1\/files$/, ms: 60_000, times: 1 };
    gh.slow.push(hold);
    const r = await deliver(live, 'pull_request', pullRequestPayload('opened', 1, heads[0]!, base), 'kill-1');
    expect(r.status).toBe(200);
    expect(r.ms).toBeLessThan(1000);
    await until('a worker to start the review', () => [a, b].some((w) => w.out.includes('review started')));
    await until('the check run to exist', () => gh.checkRuns.some((c) => c.head_sha === heads[0]));
    await until('the files listing to be asked for (and held)', () => hold.times === 0);
    const [victim, survivor] = a.out.includes('review started') ? [a, b] : [b, a];
    victim.child.kill('SIGKILL');

    await until('the review to complete on the other worker', () => completed(heads[0]!).length > 0, 45_000);
    expect(survivor.out).toContain('"resumed":true');
    // The logs (issue 16: structured, with the delivery id, no secrets): one JSON object a line;
    // the review's lines name its delivery; no key material, no installation token, no webhook body.
    const lines = survivor.out.split('\n').filter((l) => l.trim());
    for (const l of lines) expect(() => JSON.parse(l) as unknown).not.toThrow();
    const reviewLines = lines.map((l) => JSON.parse(l) as { msg?: string; delivery?: string }).filter((l) => l.msg === 'review started');
    expect(reviewLines.length).toBeGreaterThan(0);
    for (const l of reviewLines) expect(l.delivery).toContain('kill-1');
    for (const w of [a, b]) {
      expect(w.out).not.toContain(privateKey.split('\n')[3]!);
      expect(w.out).not.toContain(gh.token);
      expect(w.out).not.toContain('"pull_request":{');
    }
    const runs = gh.checkRuns.filter((c) => c.head_sha === heads[0]);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.conclusion).toBeDefined();
    // The head fixture has findings: one review, posted once.
    expect(gh.reviews.filter((v) => v.commit_id === heads[0])).toHaveLength(1);
  }, 90_000);

  test('a receiver restarted mid-burst loses nothing, and redeliveries are not reviewed twice', async () => {
    for (let n = 2; n <= 7; n++) expect((await deliver(live!, 'pull_request', pullRequestPayload('opened', n, heads[n - 1]!, base), `burst-${n}`)).status).toBe(200);
    await live!.app.shutdown(0);
    await live!.server.stop();
    live = await receiver();
    // GitHub redelivers one the old receiver had already queued, then the burst goes on.
    expect((await deliver(live, 'pull_request', pullRequestPayload('opened', 7, heads[6]!, base), 'burst-7')).status).toBe(200);
    for (let n = 8; n <= 12; n++) expect((await deliver(live, 'pull_request', pullRequestPayload('opened', n, heads[n - 1]!, base), `burst-${n}`)).status).toBe(200);
    await until('every review to complete', () => heads.slice(1).every((h) => completed(h).length > 0), 60_000);
    for (const h of heads.slice(1)) expect(gh.checkRuns.filter((c) => c.head_sha === h)).toHaveLength(1);
    expect(gh.checkRuns.filter((c) => c.status !== 'completed')).toEqual([]);
  }, 90_000);
});

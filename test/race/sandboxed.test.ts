// The race runner for real, in bubblewrap (CI installs it): the issue's
// acceptance through the bin (a head that adds a racy map write exercised by a
// test is confirmed; the fixed head reports nothing), then hostile tests, where
// the code under test is the attacker. Each attack test passes only when the
// attack worked, so "contained" shows as that test failing (or, for what a test
// cannot see itself, as a host-side check here). One file, so the race-built
// standard library cache is built once and shared in order.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRaceRunner, RACE_SEED_PACKAGES } from '../../src/race/index.js';
import type { RaceRun } from '../../src/review/types.js';
import { makeTempRoot } from '../../src/escape/workspace.js';
import { findToolchain } from '../../src/escape/toolchain.js';
import { bwrapGate, bwrapIt, git, remove, writeTree } from '../escape/helpers.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const gate = await bwrapGate();
const live = bwrapIt(gate);
/** Shared by every run in this file: the CLI's default seed location under XDG_CACHE_HOME, and the runner's. */
const CACHE_HOME = join(tmpdir(), 'mapguard-test-race-cache');
const SEED_DIR = join(CACHE_HOME, 'mapguard', 'race-std');
const SLOW = 600_000;

const TESTDATA = join(dirname(fileURLToPath(import.meta.url)), 'testdata');

/** base: Store with a locked Put and an empty Touch; the head gives Touch a body, racy or locked. */
function twoCommits(head: 'head-racy' | 'head-fixed'): string {
  const dir = makeTempRoot('mapguard-test-race-repo-');
  cpSync(join(TESTDATA, 'store', 'base'), dir, { recursive: true });
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'base');
  cpSync(join(TESTDATA, 'store', head), dir, { recursive: true });
  git(dir, 'commit', '-qam', 'head');
  return dir;
}

interface JsonOut {
  findings: { ruleId: string; severity: string; line: number; path: string; message: string; related?: { path: string; line: number; message: string }[] }[];
  race?: RaceRun['summary'];
}

function check(dir: string): { status: number | null; out: JsonOut; stderr: string } {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'mapguard.js'), 'check', '--base', 'HEAD~1', '--race', '--sandbox', 'bwrap', '--format', 'json'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 400_000,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? dir, XDG_CACHE_HOME: CACHE_HOME },
  });
  return { status: r.status, out: JSON.parse(r.stdout || '{"findings":[]}') as JsonOut, stderr: r.stderr };
}

describe('mapguard check --base HEAD~1 --race --sandbox bwrap', () => {
  const dirs: string[] = [];
  afterAll(() => remove(...dirs));

  live('confirms the racy map write the head adds, on the added line, in the detector\'s words', () => {
    const dir = twoCommits('head-racy');
    dirs.push(dir);
    const r = check(dir);
    expect(r.status).toBe(1); // an error finding fails the run
    const line = readFileSync(join(TESTDATA, 'store', 'head-racy', 'store.go'), 'utf8').split('\n').indexOf('\ts.m[k]++') + 1;
    // Without --race this line is an unguarded-map-field warning (a broken discipline, no proven race).
    expect(r.out.findings.map((f) => [f.ruleId, f.path, f.line, f.severity])).toEqual([['concurrent-map-access', 'store.go', line, 'error']]);
    const race = r.out.findings;
    expect(race[0]!.message).toMatch(/race detector/i);
    expect(race[0]!.message).toMatch(/in TestConcurrentUse/);
    // The other side (Put's locked write, or another Touch) is named as a related location.
    expect(race[0]!.related?.some((l) => l.message.startsWith('race detector:'))).toBe(true);
    expect(r.out.race).toMatchObject({ packages: [{ pkg: '', status: 'failed', failedTests: ['TestConcurrentUse'] }] });
    expect(r.out.race!.races.map).toBeGreaterThanOrEqual(1);
    expect(r.stderr).toMatch(/mapguard: race check \(go test -race -count=3, [\d.]+ s\): 1 package tested, \d+ map races?/);
  }, SLOW);

  live('reports nothing once the write takes the lock', () => {
    const dir = twoCommits('head-fixed');
    dirs.push(dir);
    const r = check(dir);
    expect(r.status).toBe(0);
    expect(r.out.findings).toEqual([]);
    expect(r.out.race).toMatchObject({ packages: [{ pkg: '', status: 'passed', tests: { passed: 3, failed: 0, skipped: 0 } }], races: { map: 0, other: 0 } });
  }, SLOW);

  it('--race with an unknown sandbox, or --sandbox alone, is a one-line usage error', () => {
    for (const args of [['--race', '--sandbox', 'chroot'], ['--sandbox', 'bwrap']]) {
      const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'mapguard.js'), 'check', ...args], { cwd: repoRoot, encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

/**
 * testdata/hostile in a prepared-looking tree (as the CLI and App make them, so the sandbox user
 * may write in it), with attack.json: what the attacker knows of the host.
 */
function hostileTree(attack: { outside: string; home: string; port: number; secret: string }): { root: string; dir: string } {
  const root = makeTempRoot();
  const dir = join(root, 'head');
  mkdirSync(dir, { mode: 0o755 });
  cpSync(join(TESTDATA, 'hostile'), dir, { recursive: true });
  writeFileSync(join(dir, 'attack.json'), JSON.stringify(attack));
  chmodSync(dir, 0o755);
  return { root, dir };
}

function hostProcesses(pattern: string): string[] {
  const out = spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).stdout ?? '';
  return out.split('\n').filter((l) => l.includes(pattern) && !l.includes('ps -eo'));
}

async function runHostile(dir: string, packages: string[], extra: Partial<Parameters<typeof createRaceRunner>[0]> = {}): Promise<RaceRun> {
  return createRaceRunner({ dir, sandbox: 'bwrap', goproxy: 'off', packages, count: 1, timeoutSeconds: 300, stdCacheDir: SEED_DIR, stdCachePackages: RACE_SEED_PACKAGES, ...extra }).run();
}

describe('hostile tests are contained', () => {
  const roots: string[] = [];
  let outside = '';
  let server: Server | undefined;
  let port = 0;
  let accepted = 0;
  const savedSecret = process.env.MAPGUARD_HOSTILE_SECRET;
  const attack = () => ({ outside, home: homedir(), port, secret: 'hostile-token' });
  // A host process started with the secret in its environment (as mapguard's own is): its
  // /proc/<pid>/environ holds it, readable to tests that can see host processes.
  let holder: ChildProcess | undefined;

  beforeAll(async () => {
    outside = makeTempRoot('mapguard-test-outside-');
    chmodSync(outside, 0o777);
    writeFileSync(join(outside, 'secret.txt'), 'hostile-token\n', { mode: 0o644 });
    // The secret sits in mapguard's own environment: nothing of it may reach the tests.
    process.env.MAPGUARD_HOSTILE_SECRET = 'hostile-token';
    holder = spawn('sleep', ['600'], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', MAPGUARD_HOSTILE_SECRET: 'hostile-token' }, stdio: 'ignore' });
    server = createServer((s) => {
      accepted++;
      s.destroy();
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const addr = server.address();
    port = typeof addr === 'object' && addr ? addr.port : 0;
  });
  afterAll(async () => {
    if (savedSecret === undefined) delete process.env.MAPGUARD_HOSTILE_SECRET;
    else process.env.MAPGUARD_HOSTILE_SECRET = savedSecret;
    holder?.kill('SIGKILL');
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    remove(outside, ...roots);
    for (const l of hostProcesses('sleep 987654')) console.warn(`left over: ${l}`);
  });

  live('network, secrets, files, sleep, exit(0), lingering children, memory: each contained, each named in the summary', async () => {
    const { root, dir } = hostileTree(attack());
    roots.push(root);
    const run = await runHostile(dir, ['control', 'network', 'secrets', 'files', 'writes', 'forever', 'exitzero', 'linger', 'memory'], { testTimeoutSeconds: 20 });
    const pkg = (p: string) => run.summary.packages.find((x) => x.pkg === p)!;
    // The control package proves tests really ran: every failure below is containment, not a broken runner.
    expect(pkg('control')).toMatchObject({ status: 'passed', tests: { passed: 1, failed: 0, skipped: 0 } });
    expect(pkg('network')).toMatchObject({ status: 'failed', failedTests: ['TestDialOut'] });
    expect(accepted).toBe(0);
    expect(pkg('secrets')).toMatchObject({ status: 'failed', failedTests: ['TestSecrets'] });
    expect(pkg('files')).toMatchObject({ status: 'failed', failedTests: ['TestReadOutside'] });
    expect(pkg('writes')).toMatchObject({ status: 'failed', failedTests: ['TestWriteOutside'] });
    expect(existsSync(join(outside, 'pwned.txt'))).toBe(false);
    const tc = await findToolchain();
    expect(existsSync(join(tc.goroot, 'pwned.txt'))).toBe(false);
    expect(pkg('forever')).toMatchObject({ status: 'timed out', note: 'test timed out after 20s (running TestSleepForever)' });
    expect(pkg('exitzero')).toMatchObject({ status: 'no tests', tests: { passed: 0, failed: 0, skipped: 0 } });
    expect(pkg('linger')).toMatchObject({ status: 'passed' });
    expect(hostProcesses('sleep 987654')).toEqual([]);
    expect(pkg('memory').status).toBe('failed');
    expect(pkg('memory').note ?? '').toMatch(/out of memory/);
    expect(run.reports).toEqual([]);
  }, SLOW);

  live('the attacks are real: without a sandbox the same tests reach the host port, the secret and the file', async () => {
    const { root, dir } = hostileTree(attack());
    roots.push(root);
    const before = accepted;
    const run = await runHostile(dir, ['network', 'secrets', 'files'], { sandbox: 'none', trusted: true });
    const status = Object.fromEntries(run.summary.packages.map((x) => [x.pkg, x.status]));
    expect(status).toEqual({ network: 'passed', secrets: 'passed', files: 'passed' });
    expect(accepted).toBeGreaterThan(before);
  }, SLOW);

  live('a test that floods stdout is stopped at the output limit, and the summary says so', async () => {
    const { root, dir } = hostileTree(attack());
    roots.push(root);
    const started = Date.now();
    const run = await runHostile(dir, ['flood'], { limits: { outputBytes: 8 << 20 } });
    expect(Date.now() - started).toBeLessThan(200_000);
    expect(run.summary.incomplete).toMatch(/go test was stopped at the output-size limit/);
    expect(run.summary.packages[0]).toMatchObject({ pkg: 'flood', status: 'stopped', note: 'go test was stopped at the output-size limit' });
  }, SLOW);

  live('a fork bomb meets the process limit and nothing it started survives the run', async () => {
    const { root, dir } = hostileTree(attack());
    roots.push(root);
    const run = await runHostile(dir, ['bomb'], { limits: { processes: 256 } });
    expect(run.summary.packages[0]).toMatchObject({ pkg: 'bomb', status: 'failed', failedTests: ['TestForkBomb'] });
    expect(hostProcesses('sleep 876543')).toEqual([]);
  }, SLOW);

  live('the none sandbox is refused for code that is not the user\'s own', async () => {
    const run = await createRaceRunner({ dir: tmpdir(), sandbox: 'none', trusted: false }).run();
    expect(run.summary.incomplete).toBe('race check refused: the "none" sandbox is only for your own checkout');
    expect(run.summary.packages).toEqual([]);
  }, SLOW);
});

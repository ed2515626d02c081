// The race runner for real, in bubblewrap (CI installs it): the issue's
// acceptance through the bin (a head that adds a racy map write exercised by a
// test is confirmed; the fixed head reports nothing), then hostile tests, where
// the code under test is the attacker. Each attack test passes only when the
// attack worked, so "contained" shows as that test failing (or, for what a test
// cannot see itself, as a host-side check here). One file, so the race-built
// standard library cache is built once and shared in order.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
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

const STORE = `package store

import "sync"

type Store struct {
	mu sync.Mutex
	m  map[string]int
}

func New() *Store { return &Store{m: map[string]int{}} }

func (s *Store) Put(k string, v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[k] = v
}
`;

const STORE_TEST = `package store

import (
	"sync"
	"testing"
)

func TestConcurrentUse(t *testing.T) {
	s := New()
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for j := 0; j < 50; j++ {
				s.Put("k", j)
				s.Touch("k")
			}
		}(i)
	}
	wg.Wait()
}
`;

/** What the head adds: Touch, without (racy) or with (fixed) the lock. */
function touch(locked: boolean): string {
  return `
func (s *Store) Touch(k string) {
${locked ? '\ts.mu.Lock()\n\tdefer s.mu.Unlock()\n' : ''}\ts.m[k]++
}
`;
}

function twoCommits(locked: boolean): string {
  const dir = makeTempRoot('mapguard-test-race-repo-');
  writeTree(dir, { 'go.mod': 'module example.com/store\n\ngo 1.22\n', 'store.go': STORE + '\nfunc (s *Store) Touch(k string) {}\n', 'store_test.go': STORE_TEST });
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'base');
  writeTree(dir, { 'store.go': STORE + touch(locked) });
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
    const dir = twoCommits(false);
    dirs.push(dir);
    const r = check(dir);
    expect(r.status).toBe(1); // an error finding fails the run
    const line = (STORE + touch(false)).split('\n').findIndex((l) => l === '\ts.m[k]++') + 1;
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
    const dir = twoCommits(true);
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

/** Hostile packages; `outside` is a host directory the tests must not reach, `port` a host listener. */
function hostileModule(outside: string, port: number): Record<string, string> {
  const home = homedir();
  const t = (pkg: string, imports: string[], body: string) =>
    `package ${pkg}\n\nimport (\n${imports.map((i) => `\t"${i}"`).join('\n')}\n)\n\n${body}\n`;
  return {
    'go.mod': 'module example.com/hostile\n\ngo 1.22\n',
    // Tests that serve on localhost must work offline: the sandbox has its own loopback and hosts file.
    'control/control_test.go': t(
      'control',
      ['net', 'testing'],
      `func TestRuns(t *testing.T) {
	l, err := net.Listen("tcp", "localhost:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		if c, err := l.Accept(); err == nil {
			c.Close()
		}
	}()
	c, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
}`,
    ),
    'network/net_test.go': t(
      'network',
      ['net', 'testing', 'time'],
      `func TestDialOut(t *testing.T) {
	for _, addr := range []string{"127.0.0.1:${port}", "proxy.golang.org:443", "1.1.1.1:53"} {
		if c, err := net.DialTimeout("tcp", addr, 2*time.Second); err == nil {
			c.Close()
			t.Logf("ESCAPED: connected to %s", addr)
			return
		}
	}
	t.Fatal("no connection possible")
}`,
    ),
    'secrets/env_test.go': t(
      'secrets',
      ['os', 'path/filepath', 'strings', 'testing'],
      `func TestSecrets(t *testing.T) {
	if os.Getenv("MAPGUARD_HOSTILE_SECRET") != "" {
		t.Log("ESCAPED: secret in the environment")
		return
	}
	files, _ := filepath.Glob("/proc/*/environ")
	for _, f := range append(files, "/proc/self/environ") {
		if b, err := os.ReadFile(f); err == nil && strings.Contains(string(b), "hostile-token") {
			t.Logf("ESCAPED: secret in %s", f)
			return
		}
	}
	t.Fatal("no secret found")
}`,
    ),
    'files/files_test.go': t(
      'files',
      ['os', 'path/filepath', 'strings', 'testing'],
      `func TestReadOutside(t *testing.T) {
	wd, _ := os.Getwd()
	for _, p := range []string{"${outside}/secret.txt", filepath.Join(wd, "..", "..", "..", "..", "${outside}", "secret.txt")} {
		if b, err := os.ReadFile(p); err == nil && strings.Contains(string(b), "hostile-token") {
			t.Logf("ESCAPED: read %s", p)
			return
		}
	}
	if entries, err := os.ReadDir("${home}"); err == nil && len(entries) > 0 && os.Getenv("HOME") != "${home}" {
		t.Log("ESCAPED: listed the host's home directory")
		return
	}
	t.Fatal("nothing outside the workspace is readable")
}

func TestWriteOutside(t *testing.T) {
	wrote := false
	for _, p := range []string{"${outside}/pwned.txt", filepath.Join(os.Getenv("GOROOT"), "pwned.txt"), filepath.Join(os.Getenv("GOMODCACHE"), "pwned.txt"), "/usr/pwned.txt"} {
		if os.WriteFile(p, []byte("pwned"), 0o644) == nil {
			t.Logf("ESCAPED: wrote %s", p)
			wrote = true
		}
	}
	if !wrote {
		t.Fatal("nothing outside the workspace is writable")
	}
}`,
    ),
    'forever/forever_test.go': t('forever', ['testing', 'time'], 'func TestSleepForever(t *testing.T) { time.Sleep(time.Hour) }'),
    'exitzero/main_test.go': t('exitzero', ['os', 'testing'], 'func TestMain(m *testing.M) { os.Exit(0) }\n\nfunc TestNeverRuns(t *testing.T) { t.Fatal("unreachable") }'),
    'linger/linger_test.go': t(
      'linger',
      ['os/exec', 'syscall', 'testing'],
      `func TestLeaveChild(t *testing.T) {
	cmd := exec.Command("sleep", "987654")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		t.Fatalf("could not start the child: %v", err)
	}
	t.Logf("left child %d running", cmd.Process.Pid)
}`,
    ),
    'memory/memory_test.go': t(
      'memory',
      ['testing'],
      `var keep [][]byte

func TestHog(t *testing.T) {
	for i := 0; i < 64; i++ {
		b := make([]byte, 256<<20)
		for j := 0; j < len(b); j += 4096 {
			b[j] = 1
		}
		keep = append(keep, b)
	}
	t.Log("ESCAPED: allocated 16 GiB")
}`,
    ),
  };
}

/** A prepared-looking tree (as the CLI and App make them), so the sandbox user may write in it. */
function hostileTree(files: Record<string, string>): { root: string; dir: string } {
  const root = makeTempRoot();
  const dir = join(root, 'head');
  mkdirSync(dir, { mode: 0o755 });
  writeTree(dir, files);
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

  beforeAll(async () => {
    outside = makeTempRoot('mapguard-test-outside-');
    chmodSync(outside, 0o777);
    writeFileSync(join(outside, 'secret.txt'), 'hostile-token\n', { mode: 0o644 });
    // The secret sits in mapguard's own environment: nothing of it may reach the tests.
    process.env.MAPGUARD_HOSTILE_SECRET = 'hostile-token';
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
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    remove(outside, ...roots);
    for (const l of hostProcesses('sleep 987654')) console.warn(`left over: ${l}`);
  });

  live('network, secrets, files, sleep, exit(0), lingering children, memory: each contained, each named in the summary', async () => {
    const { root, dir } = hostileTree(hostileModule(outside, port));
    roots.push(root);
    const run = await runHostile(dir, ['control', 'network', 'secrets', 'files', 'forever', 'exitzero', 'linger', 'memory'], { testTimeoutSeconds: 20 });
    const pkg = (p: string) => run.summary.packages.find((x) => x.pkg === p)!;
    // The control package proves tests really ran: every failure below is containment, not a broken runner.
    expect(pkg('control')).toMatchObject({ status: 'passed', tests: { passed: 1, failed: 0, skipped: 0 } });
    expect(pkg('network')).toMatchObject({ status: 'failed', failedTests: ['TestDialOut'] });
    expect(accepted).toBe(0);
    expect(pkg('secrets')).toMatchObject({ status: 'failed', failedTests: ['TestSecrets'] });
    expect(pkg('files')).toMatchObject({ status: 'failed', failedTests: ['TestReadOutside', 'TestWriteOutside'] });
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

  live('a test that floods stdout is stopped at the output limit, and the summary says so', async () => {
    const { root, dir } = hostileTree({
      'go.mod': 'module example.com/flood\n\ngo 1.22\n',
      'flood/flood_test.go': 'package flood\n\nimport (\n\t"os"\n\t"strings"\n\t"testing"\n)\n\nfunc TestFlood(t *testing.T) {\n\tline := strings.Repeat("x", 1<<20)\n\tfor {\n\t\tos.Stdout.WriteString(line)\n\t}\n}\n',
    });
    roots.push(root);
    const started = Date.now();
    const run = await runHostile(dir, ['flood'], { limits: { outputBytes: 8 << 20 } });
    expect(Date.now() - started).toBeLessThan(200_000);
    expect(run.summary.incomplete).toMatch(/go test was stopped at the output-size limit/);
    expect(run.summary.packages[0]).toMatchObject({ pkg: 'flood', status: 'stopped', note: 'go test was stopped at the output-size limit' });
  }, SLOW);

  live('a fork bomb meets the process limit and nothing it started survives the run', async () => {
    const { root, dir } = hostileTree({
      'go.mod': 'module example.com/bomb\n\ngo 1.22\n',
      'bomb/bomb_test.go':
        'package bomb\n\nimport (\n\t"os/exec"\n\t"testing"\n)\n\nfunc TestForkBomb(t *testing.T) {\n\tfor i := 0; i < 3000; i++ {\n\t\tif err := exec.Command("sleep", "876543").Start(); err != nil {\n\t\t\tt.Fatalf("stopped after %d processes: %v", i, err)\n\t\t}\n\t}\n\tt.Log("ESCAPED: 3000 processes")\n}\n',
    });
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

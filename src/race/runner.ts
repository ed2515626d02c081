// The race runner: `go test -race` of the packages a change touches (or the
// packages named), inside the escape runner's sandbox with its module download
// step, limits and environment. Running tests executes the change's code, so it
// only ever happens there; `none` is for a user's own checkout.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { FileDiff } from '../diff/types.js';
import type { RaceRun, RaceRunner, RaceSummary, RacePackageSummary } from './types.js';
import { allDirs, changedDirs, compareVersions, goModVersions, groupByModule, hasRequirements, ignoredDir, type ModuleBuild } from '../escape/packages.js';
import { createSandbox, type Mount, type Sandbox, type SandboxName, type SandboxResult } from '../escape/sandbox/index.js';
import { asPattern, Deadline, excerpt, goEnv, isPreparedWorkspace, limitName, prepareRun, repoPathOf, runGo, type GoRunOptions, type RunContext } from '../escape/gorun.js';
import { startFromSeed } from '../escape/stdcache.js';
import { findToolchain } from '../escape/toolchain.js';
import { makeTempRoot, removeTempRoot } from '../escape/workspace.js';
import { parseGoVersion } from '../engine/gomod.js';
import { parseTestJson, type RaceReport, type StackFrame } from './report.js';
import { markMapRaces, siteOf, type RepoFrame, type RepoRaceReport } from './confirm.js';

export interface RaceRunnerOptions extends GoRunOptions {
  /** The tree to test (the head revision, or the user's checkout); findings' lines refer to it. */
  dir: string;
  sandbox: SandboxName | Sandbox;
  /**
   * Which packages: the directories of the changed files (with a diff), every package, or
   * these repository-relative directories ('' for the root).
   */
  packages?: 'changed' | 'all' | string[];
  /** go test -count: each test runs this many times (more chances to see a race). Default 3. */
  count?: number;
  /** go test -cpu: GOMAXPROCS settings to run each test under, e.g. [1, 4]. Default: the machine's. */
  cpu?: number[];
  /** go test -run: only the tests matching this regular expression. Default: all. */
  run?: string;
  /** The whole run, downloads and builds included; past it the summary says what was not done. Default 600. */
  timeoutSeconds?: number;
  /** go test -timeout for each test binary. Default: what is left of the run, less a margin for the report. */
  testTimeoutSeconds?: number;
  /**
   * Optional base directory of a trusted build cache of the race-instrumented standard
   * library (see escape/stdcache.ts): built once, then every run starts from it instead
   * of recompiling the runtime and testing with -race (most of a small run's time).
   */
  stdCacheDir?: string;
  /** Packages built into a new race seed (default: all of std). */
  stdCachePackages?: string[];
}

export function createRaceRunner(opts: RaceRunnerOptions): RaceRunner {
  return { run: (diff) => runRaceTests(opts, diff) };
}

/**
 * What a seed for the command line holds: the packages nearly every test binary
 * links (built in about half a minute once), not all of std (minutes).
 */
export const RACE_SEED_PACKAGES = ['testing', 'testing/internal/testdeps', 'runtime/race', 'os/exec', 'os/signal', 'sync', 'net', 'net/http', 'net/http/httptest', 'encoding/json'];

const DEFAULT_COUNT = 3;
const DEFAULT_TIMEOUT = 600;

async function runRaceTests(opts: RaceRunnerOptions, diff: FileDiff[] | undefined): Promise<RaceRun> {
  const started = Date.now();
  const timeout = opts.timeoutSeconds ?? DEFAULT_TIMEOUT;
  const count = Math.max(1, Math.floor(opts.count ?? DEFAULT_COUNT));
  const settings: RaceSummary['settings'] = { count, timeoutSeconds: timeout, ...(opts.cpu?.length ? { cpu: opts.cpu.join(',') } : {}), ...(opts.run ? { run: opts.run } : {}) };
  const summary: RaceSummary = { packages: [], races: { map: 0, other: 0 }, settings, durationMs: 0, confirmed: 0, added: 0 };
  const problems: string[] = [];
  const finish = (reports: RepoRaceReport[]): RaceRun => {
    summary.durationMs = Date.now() - started;
    if (problems.length) summary.incomplete = problems.join('; ');
    return { reports, summary };
  };
  const log = opts.log ?? (() => undefined);
  const name = typeof opts.sandbox === 'string' ? opts.sandbox : opts.sandbox.name;
  if (name === 'none' && !(opts.trusted ?? false)) {
    problems.push('race check refused: the "none" sandbox is only for your own checkout');
    return finish([]);
  }
  const sandbox = typeof opts.sandbox === 'string' ? createSandbox(opts.sandbox, { trusted: opts.trusted ?? false }) : opts.sandbox;
  const avail = await sandbox.available();
  if (!avail.ok) {
    problems.push(`race check skipped: ${avail.reason ?? `${sandbox.name} sandbox unavailable`}`);
    return finish([]);
  }
  let ctx: RunContext;
  const runDir = makeTempRoot('mapguard-escape-race-');
  try {
    let tc;
    try {
      tc = await findToolchain(opts.goBinary);
    } catch (e) {
      problems.push(`race check skipped: ${(e as Error).message}`);
      return finish([]);
    }
    ctx = prepareRun(opts, [opts.dir], sandbox, tc, runDir);
    // Tests listen on "localhost:0": without a hosts file the name does not resolve offline.
    const hosts = join(runDir, 'hosts');
    writeFileSync(hosts, '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n', { mode: 0o644 });
    if (opts.stdCacheDir) await seedCache(ctx, opts, opts.stdCacheDir, log);
    const dirs = packageDirs(opts, diff);
    const { modules, orphans } = groupByModule(opts.dir, dirs, { tests: true });
    if (orphans.length) problems.push(`no go.mod above ${orphans.map((o) => o || '.').join(', ')} (GOPATH mode is not supported)`);
    if (modules.length === 0) {
      if (!orphans.length) problems.push(dirs.length ? 'no Go package with tests among the changed directories' : 'no package to test');
      return finish([]);
    }
    const deadline = new Deadline(timeout);
    let reports: RepoRaceReport[] = [];
    for (const mod of modules) {
      const r = await testModule(mod, ctx, opts, settings, deadline, log, problems, [{ host: hosts, target: '/etc/hosts', writable: false }]);
      summary.packages.push(...r.packages);
      reports.push(...r.reports);
      if (deadline.left() <= 0) {
        const rest = modules.slice(modules.indexOf(mod) + 1);
        if (rest.length) problems.push(`timed out before ${rest.map((m) => m.root || '.').join(', ')} (race_check.timeout_seconds)`);
        break;
      }
    }
    reports = markMapRaces(reports);
    const distinct = new Set<string>();
    for (const r of reports) {
      const k = [r.current, r.previous].map((a) => (a ? siteKey(siteOf(a)) : '')).sort().join('|') + (r.map ? 'm' : '');
      if (distinct.has(k)) continue;
      distinct.add(k);
      summary.races[r.map ? 'map' : 'other']++;
      const pkg = summary.packages.find((p) => p.importPath === r.package);
      if (pkg) pkg.races[r.map ? 'map' : 'other']++;
    }
    return finish(reports);
  } finally {
    removeTempRoot(runDir);
  }
}

function seedCache(ctx: RunContext, opts: RaceRunnerOptions, base: string, log: (l: string) => void): Promise<void> {
  // Not bounded by the run's deadline: built once per toolchain, then shared by every run.
  const seed = { sandbox: ctx.sandbox, tc: ctx.tc, dropToNobody: ctx.dropToNobody, race: true, limits: { ...ctx.limits, wallSeconds: Math.max(ctx.limits.wallSeconds, 1800), cpuSeconds: Math.max(ctx.limits.cpuSeconds, 1800) }, goEnv: (p: Parameters<typeof goEnv>[0]) => goEnv(p, 'off', false), ...(opts.stdCachePackages ? { packages: opts.stdCachePackages } : {}) };
  return startFromSeed(base, seed, ctx.host.gocache, (line) => log(`race: ${line}`));
}

function siteKey(f: RepoFrame | undefined): string {
  return f ? `${f.path}:${f.line}` : '?';
}

/** Repository-relative package directories to test. */
function packageDirs(opts: RaceRunnerOptions, diff: FileDiff[] | undefined): string[] {
  const sel = opts.packages ?? 'changed';
  if (Array.isArray(sel)) return [...new Set(sel)].filter((d) => !ignoredDir(d)).sort();
  if (sel === 'all' || !diff) return allDirs(opts.dir, { tests: true });
  // Deleted packages have nothing left to test.
  return changedDirs(diff.filter((f) => f.status !== 'deleted')).filter((d) => existsSync(join(opts.dir, d)));
}

async function testModule(
  mod: ModuleBuild,
  ctx: RunContext,
  opts: RaceRunnerOptions,
  settings: RaceSummary['settings'],
  deadline: Deadline,
  log: (l: string) => void,
  problems: string[],
  mounts: Mount[],
): Promise<{ packages: RacePackageSummary[]; reports: RepoRaceReport[] }> {
  const where = mod.root || '.';
  const modulePath = /^\s*module\s+("?)([^\s"]+)\1/m.exec(mod.goMod)?.[2] ?? '';
  const importPathOf = (pkg: string) => (pkg === '.' ? modulePath : `${modulePath}/${pkg}`);
  const rows: RacePackageSummary[] = mod.packages.map((pkg) => ({
    pkg: posix.normalize(posix.join(where, pkg)).replace(/^\.$/, ''),
    importPath: importPathOf(pkg),
    status: 'not run',
    tests: { passed: 0, failed: 0, skipped: 0 },
    failedTests: [],
    races: { map: 0, other: 0 },
  }));
  const skipAll = (note: string) => {
    for (const r of rows) r.note = note;
    problems.push(`${where}: ${note}`);
    return { packages: rows, reports: [] };
  };
  const { go } = goModVersions(mod.goMod);
  const local = parseGoVersion(ctx.tc.version);
  if (go && local && compareVersions(go, local) > 0) return skipAll(`go.mod requires go ${go.raw}, newer than the local toolchain ${ctx.tc.version} (mapguard never downloads toolchains)`);
  const vendored = existsSync(join(opts.dir, mod.root, 'vendor', 'modules.txt'));
  if (hasRequirements(mod.goMod) && !vendored) {
    if (deadline.left() <= 0) return skipAll('not run: out of time (race_check.timeout_seconds)');
    // Only what the tested packages and their tests import: `go mod download` would fetch every
    // module of the graph (hundreds for a large service). go list compiles and runs nothing.
    // With -race and cgo, as the test build sees the files (build tags, `import "C"` files).
    const list = ['list', '-race', '-deps', '-test', '-e', '-f', '{{if .Error}}{{.ImportPath}}: {{.Error}}{{end}}', ...mod.packages.map(asPattern)];
    log(`race: go ${list.join(' ')} (module download) in ${where}`);
    const dl = await runGo(ctx, opts.dir, mod, { args: list, network: true, vendored, cgo: true }, deadline);
    if (dl.exitCode !== 0 || dl.limit) return skipAll(`module download failed: ${dl.limit ? `stopped at the ${limitName(dl.limit)} limit` : excerpt(dl)}`);
  }
  const left = deadline.left();
  if (left <= 5) return skipAll('not run: out of time (race_check.timeout_seconds)');
  // go test's own timeout fires first, so a hung test is named (and its goroutines dumped) before the sandbox kills the run.
  const testTimeout = Math.max(5, Math.min(opts.testTimeoutSeconds ?? Number.MAX_SAFE_INTEGER, left - Math.min(30, Math.ceil(left / 5))));
  const args = ['test', '-json', '-race', `-count=${settings.count}`, `-timeout=${testTimeout}s`, ...(settings.cpu ? [`-cpu=${settings.cpu}`] : []), ...(settings.run ? [`-run=${settings.run}`] : []), ...mod.packages.map(asPattern)];
  log(`race: go ${args.join(' ')} in ${where}`);
  const res = await runGo(ctx, opts.dir, mod, {
    args,
    network: false,
    vendored,
    cgo: true,
    // A mapguard-prepared copy may be written by tests; a user's own checkout is only read.
    srcWritable: isPreparedWorkspace(opts.dir),
    env: { GOTRACEBACK: 'all', GORACE: 'halt_on_error=0 atexit_sleep_ms=0' },
    mounts,
  }, deadline);
  const parsed = parseTestJson(res.stdout);
  for (const row of rows) {
    const got = parsed.packages.find((p) => p.package === row.importPath);
    if (!got || !got.finished) continue; // a package cut off mid-run has no result to show
    Object.assign(row, { status: got.status, tests: got.tests, failedTests: got.failedTests, ...(got.note ? { note: got.note } : {}), ...(got.elapsedSeconds !== undefined ? { seconds: got.elapsedSeconds } : {}) });
  }
  const stopped = stopReason(res);
  if (stopped) {
    problems.push(`${where}: go test ${stopped}`);
    for (const row of rows) {
      if (row.status !== 'not run') continue;
      row.status = 'stopped';
      row.note = `go test ${stopped}`;
    }
  } else if (res.exitCode !== 0 && parsed.packages.length === 0) {
    // Nothing reached the JSON stream: go test itself failed (bad pattern, cgo missing).
    const why = excerpt(res);
    const hint = /gcc|C compiler|cgo/.test(why)
      ? ' (the race detector needs a C compiler in the sandbox)'
      : /Permission denied/.test(why) && ctx.dropToNobody
        ? ' (as root, the sandbox runs as uid 65534, which must be able to read the tree; with --base mapguard tests its own copy)'
        : '';
    problems.push(`${where}: go test failed: ${why}${hint}`);
    for (const row of rows) row.note = why;
  }
  const reports = parsed.reports.map((r) => toRepoReport(r, mod, ctx, opts.dir));
  return { packages: rows, reports };
}

function stopReason(r: SandboxResult): string | undefined {
  if (!r.limit) return undefined;
  return r.limit === 'wall' ? 'was stopped at the time limit (race_check.timeout_seconds)' : `was stopped at the ${limitName(r.limit)} limit`;
}

function toRepoReport(r: RaceReport, mod: ModuleBuild, ctx: RunContext, root: string): RepoRaceReport {
  const frame = (f: StackFrame): RepoFrame => {
    const path = repoPathOf(f.file, mod.root, ctx, root);
    // Frames in the module cache or the toolchain are not the repository's, even when relative.
    return path && !path.startsWith('vendor/') && existsSync(join(root, path)) ? { ...f, path } : { ...f };
  };
  const access = (a: RaceReport['current']) => ({ ...a, frames: a.frames.map(frame), createdAt: a.createdAt.map(frame) });
  return { ...r, current: access(r.current), ...(r.previous ? { previous: access(r.previous) } : {}) };
}

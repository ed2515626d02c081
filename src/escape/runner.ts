// The escape comparison: compile the changed packages at base and head with
// `go build -gcflags='-m -m'` inside a sandbox, parse the verdicts, diff them,
// and turn new heap verdicts on changed lines into escape-new-heap findings.
import { existsSync, lchownSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import type { Severity } from '../engine/types.js';
import type { FileDiff } from '../diff/types.js';
import type { EscapeComparison, EscapeRunner } from '../review/types.js';
import { buildComparison, diffEscapes, type RepoDiag } from './compare.js';
import { isDiagnosticLine, looksKilled, parseEscapeOutput } from './parse.js';
import { allDirs, changedDirs, compareVersions, goModVersions, groupByModule, hasRequirements, type ModuleBuild, type PackageSelection } from './packages.js';
import { createSandbox, DEFAULT_LIMITS, type Mount, type Sandbox, type SandboxLimits, type SandboxName, type SandboxResult } from './sandbox/index.js';
import { UNPRIVILEGED_UID } from './sandbox/bwrap.js';
import { findToolchain, type Toolchain } from './toolchain.js';
import { makeTempRoot } from './workspace.js';
import { buildStdSeed, populateFromSeed, seedDirFor, seedReady, type StdSeedContext } from './stdcache.js';
import { parseGoVersion } from '../engine/gomod.js';

export interface EscapeRunnerOptions {
  /**
   * Source tree at the base revision (host path), normally from prepareGitWorkspaces or
   * prepareArchiveWorkspaces. Running as root with bwrap/docker, those prepared trees are
   * handed to the unprivileged sandbox user; any other directory must be world-readable.
   */
  baseDir: string;
  /** Source tree at the head revision (host path); findings' lines refer to it. */
  headDir: string;
  /** A backend name or a ready Sandbox (tests, custom backends). */
  sandbox: SandboxName | Sandbox;
  /** Whole comparison, both revisions: past it the summary says "incomplete". Default 300. */
  timeoutSeconds?: number;
  /** Default 'changed'. */
  packages?: PackageSelection;
  /** GOPROXY for the network-allowed `go mod download` step. Default https://proxy.golang.org; `direct` entries are dropped (no VCS). */
  goproxy?: string;
  /** False for code from someone else (the App): refuses the `none` backend. Default false. */
  trusted?: boolean;
  /**
   * Module cache: read-write for the download step, read-only for compiling. Default: the
   * user's GOMODCACHE, or (root with bwrap/docker) a mapguard cache in the temp dir owned
   * by uid 65534. As root, a given non-empty cache must already belong to uid 65534.
   */
  modCacheDir?: string;
  /** Per-command limits (wall clock is also capped by what is left of timeoutSeconds). */
  limits?: Partial<SandboxLimits>;
  /**
   * Optional base directory of a trusted standard-library build cache (see stdcache.ts). When
   * set, the first comparison builds it (`go build std` in the sandbox, minutes once; or call
   * warmStdCache ahead of time) and every run starts from it instead of an empty GOCACHE.
   */
  stdCacheDir?: string;
  /** Packages built into a new standard-library cache (default: all of std). */
  stdCachePackages?: string[];
  severity?: Severity;
  goBinary?: string;
  /** Progress and notices, one line each (the CLI prints them on stderr). */
  log?: (line: string) => void;
}

/** Inside-sandbox layout for isolating backends. */
const IN = {
  src: '/mg/src',
  goroot: '/mg/goroot',
  gomod: '/mg/gomod',
  gocache: '/mg/gocache',
  home: '/mg/home',
  tmp: '/tmp',
};

export function createEscapeRunner(opts: EscapeRunnerOptions): EscapeRunner {
  return { compare: (diff) => runComparison(opts, diff) };
}

class Deadline {
  private readonly end: number;
  constructor(seconds: number) {
    this.end = Date.now() + seconds * 1000;
  }
  left(): number {
    return Math.max(0, Math.floor((this.end - Date.now()) / 1000));
  }
}

interface SideResult {
  diags: RepoDiag[];
  problems: string[];
  /** Repo-relative package dirs that produced no trustworthy output (failed, killed, refused). */
  failed: Set<string>;
  timedOut: boolean;
}

async function runComparison(opts: EscapeRunnerOptions, diff: FileDiff[]): Promise<EscapeComparison> {
  const empty = (incomplete?: string): EscapeComparison => ({ findings: [], summary: { packages: [], removed: [], ...(incomplete ? { incomplete } : {}) } });
  const timeout = opts.timeoutSeconds ?? 300;
  const deadline = new Deadline(timeout);
  const log = opts.log ?? (() => undefined);

  const name = typeof opts.sandbox === 'string' ? opts.sandbox : opts.sandbox.name;
  if (name === 'none' && !(opts.trusted ?? false)) return empty('escape analysis refused: the "none" sandbox is only for your own checkout');
  const sandbox = typeof opts.sandbox === 'string' ? createSandbox(opts.sandbox, { trusted: opts.trusted ?? false }) : opts.sandbox;
  const avail = await sandbox.available();
  if (!avail.ok) return empty(`escape analysis skipped: ${avail.reason ?? `${sandbox.name} sandbox unavailable`}`);

  let tc: Toolchain;
  try {
    tc = await findToolchain(opts.goBinary);
  } catch (e) {
    return empty(`escape analysis skipped: ${(e as Error).message}`);
  }

  const selection = opts.packages ?? 'changed';
  const dirsFor = (root: string) => (selection === 'all' ? allDirs(root) : changedDirs(diff));
  const runDir = makeTempRoot('mapguard-escape-run-');
  try {
    const ctx = prepareRun(opts, sandbox, tc, runDir);
    const problems: string[] = [];
    if (opts.stdCacheDir) {
      const seedDir = seedDirFor(opts.stdCacheDir, ctx);
      if (!seedReady(seedDir, tc)) {
        log(`escape: building the standard-library cache once (go build std) in ${seedDir}`);
        const problem = await buildStdSeed(seedDir, { ...seedContext(ctx, deadline), ...(opts.stdCachePackages ? { packages: opts.stdCachePackages } : {}) });
        if (problem) log(`escape: ${problem}; continuing with an empty cache`);
      }
      if (seedReady(seedDir, tc)) populateFromSeed(seedDir, ctx.host.gocache, { link: ctx.dropToNobody, ...(ctx.dropToNobody ? { owner: UNPRIVILEGED_UID } : {}) });
    }
    // Base first: a head that times out still leaves the summary honest ("incomplete").
    const base = await compileSide('base', opts.baseDir, dirsFor(opts.baseDir), ctx, deadline, log);
    const head = await compileSide('head', opts.headDir, dirsFor(opts.headDir), ctx, deadline, log);
    problems.push(...base.problems, ...head.problems);
    // A half-finished comparison would report every uncompiled escape as new or removed: report none.
    if (base.timedOut || head.timedOut) return empty(problems.join('; '));
    const failed = new Set([...base.failed, ...head.failed]);
    const usable = (d: RepoDiag) => !failed.has(posix.dirname(d.file) === '.' ? '' : posix.dirname(d.file));

    const renamedFrom = new Map<string, string>();
    for (const f of diff) if (f.status === 'renamed' && f.oldPath) renamedFrom.set(f.path, f.oldPath);
    const result = diffEscapes(base.diags.filter(usable), head.diags.filter(usable), renamedFrom);
    const comparison = buildComparison(result, diff, {
      severity: opts.severity ?? 'notice',
      readHead: (p) => {
        try {
          return readFileSync(join(opts.headDir, ...p.split('/')), 'utf8');
        } catch {
          return undefined;
        }
      },
    });
    if (problems.length > 0) comparison.summary.incomplete = problems.join('; ');
    return comparison;
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
}

function seedContext(ctx: RunContext, deadline?: Deadline): StdSeedContext {
  return {
    sandbox: ctx.sandbox,
    tc: ctx.tc,
    dropToNobody: ctx.dropToNobody,
    limits: deadline ? { ...ctx.limits, wallSeconds: Math.max(1, Math.min(ctx.limits.wallSeconds, deadline.left())) } : ctx.limits,
    goEnv: (p) => goEnv(p, 'off', false),
  };
}

/**
 * Builds the standard-library cache ahead of time (App start-up, benchmarks), so no
 * comparison pays for it. Returns a problem sentence, or undefined when the cache is ready.
 */
export async function warmStdCache(opts: Pick<EscapeRunnerOptions, 'sandbox' | 'stdCacheDir' | 'goBinary' | 'limits' | 'trusted'> & { stdCacheDir: string }): Promise<string | undefined> {
  const name = typeof opts.sandbox === 'string' ? opts.sandbox : opts.sandbox.name;
  if (name === 'none' && !(opts.trusted ?? false)) return 'the "none" sandbox is only for your own checkout';
  const sandbox = typeof opts.sandbox === 'string' ? createSandbox(opts.sandbox, { trusted: opts.trusted ?? false }) : opts.sandbox;
  const avail = await sandbox.available();
  if (!avail.ok) return avail.reason ?? `${sandbox.name} sandbox unavailable`;
  const tc = await findToolchain(opts.goBinary);
  const runDir = makeTempRoot('mapguard-escape-run-');
  try {
    const ctx = prepareRun({ baseDir: runDir, headDir: runDir, ...opts, limits: { wallSeconds: 1800, cpuSeconds: 1800, ...opts.limits } }, sandbox, tc, runDir);
    return await buildStdSeed(seedDirFor(opts.stdCacheDir, ctx), seedContext(ctx));
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
}

interface RunContext {
  sandbox: Sandbox;
  tc: Toolchain;
  limits: SandboxLimits;
  goproxy: string;
  modCache: string;
  /** Host dirs for `none` (no tmpfs there). */
  host: { home: string; tmp: string; gocache: string };
  dropToNobody: boolean;
}

function prepareRun(opts: EscapeRunnerOptions, sandbox: Sandbox, tc: Toolchain, runDir: string): RunContext {
  const isRoot = process.getuid?.() === 0;
  // Root drops to an unprivileged user inside bwrap/docker: the files it must write have to be that user's.
  const dropToNobody = isRoot && sandbox.isolatesPaths;
  const host = { home: join(runDir, 'home'), tmp: join(runDir, 'tmp'), gocache: join(runDir, 'gocache') };
  for (const d of Object.values(host)) mkdirSync(d, { mode: 0o755 });
  let modCache = opts.modCacheDir ?? (dropToNobody ? join(tmpdir(), 'mapguard-gomod') : tc.modCache);
  if (!modCache) modCache = join(runDir, 'gomod');
  mkdirSync(modCache, { recursive: true, mode: 0o755 });
  if (dropToNobody) {
    for (const d of Object.values(host)) chownTree(d);
    // Only trees mapguard prepared itself change owner; anything else stays as it is (readable, not writable, inside).
    for (const dir of [opts.baseDir, opts.headDir]) if (isPreparedWorkspace(dir)) chownTree(dir);
    // mapguard's default cache, or a caller's empty one, becomes the sandbox user's; a filled
    // cache is left as it is (it must already belong to uid 65534 for downloads to work).
    if (opts.modCacheDir === undefined || readdirSync(modCache).length === 0) chownTree(modCache, false);
  }
  return {
    sandbox,
    tc,
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
    goproxy: proxyOnly(opts.goproxy ?? 'https://proxy.golang.org'),
    modCache,
    host,
    dropToNobody,
  };
}

/** GOPROXY without `direct` (which would run git and other VCS tools on URLs from go.mod). */
export function proxyOnly(goproxy: string): string {
  const kept = goproxy
    .split(/([,|])/)
    .reduce<string[]>((acc, part, i, all) => {
      if (i % 2 === 1) return acc;
      if (part.trim() === '' || part.trim() === 'direct') return acc;
      if (acc.length > 0) acc.push(all[i - 1]!);
      acc.push(part.trim());
      return acc;
    }, []);
  return kept.length > 0 ? kept.join('') : 'off';
}

/** True for directories made by prepareGitWorkspaces / prepareArchiveWorkspaces (under a mapguard temp root). */
function isPreparedWorkspace(dir: string): boolean {
  try {
    const real = realpathSync(dir);
    const tmp = realpathSync(tmpdir());
    return real.startsWith(`${tmp}/mapguard-escape-`) && real.split('/').length === tmp.split('/').length + 2;
  } catch {
    return false;
  }
}

/** Hands a tree to the unprivileged sandbox user (root only). */
function chownTree(dir: string, recursive = true): void {
  const walk = (p: string) => {
    lchownSync(p, UNPRIVILEGED_UID, UNPRIVILEGED_UID);
    if (!recursive) return;
    let names: string[] = [];
    try {
      names = readdirSync(p);
    } catch {
      return; // not a directory
    }
    for (const n of names) walk(join(p, n));
  };
  walk(dir);
}

async function compileSide(side: 'base' | 'head', root: string, dirs: string[], ctx: RunContext, deadline: Deadline, log: (l: string) => void): Promise<SideResult> {
  const { modules, orphans } = groupByModule(root, dirs);
  const problems: string[] = [];
  const diags: RepoDiag[] = [];
  const failed = new Set<string>(orphans);
  const fail = (mod: ModuleBuild, pkgs: string[] = mod.packages) => {
    for (const p of pkgs) failed.add(posix.normalize(posix.join(mod.root || '.', p)).replace(/^\.$/, ''));
  };
  const timedOut = (): SideResult => ({ diags, failed, timedOut: true, problems: [...problems, `${side}: timed out (escape_analysis.timeout_seconds)`] });
  if (orphans.length > 0) problems.push(`${side}: no go.mod above ${orphans.map((o) => o || '.').join(', ')} (GOPATH mode is not supported)`);
  const local = parseGoVersion(ctx.tc.version);
  for (const mod of modules) {
    const where = mod.root || '.';
    const { go } = goModVersions(mod.goMod);
    if (go && local && compareVersions(go, local) > 0) {
      // GOTOOLCHAIN=local would refuse too; saying it here avoids even starting the go command.
      problems.push(`${side}: ${posix.join(where, 'go.mod')} requires go ${go.raw}, newer than the local toolchain ${ctx.tc.version}; mapguard never downloads toolchains (GOTOOLCHAIN=local)`);
      fail(mod);
      continue;
    }
    const vendored = existsSync(join(root, mod.root, 'vendor', 'modules.txt'));
    if (hasRequirements(mod.goMod) && !vendored) {
      if (deadline.left() <= 0) return timedOut();
      log(`escape: ${side}: go mod download in ${where}`);
      const dl = await runGo(ctx, root, mod, ['mod', 'download'], true, vendored, deadline);
      if (dl.limit === 'wall') return timedOut();
      if (dl.exitCode !== 0) {
        problems.push(`${side}: go mod download failed in ${where}: ${excerpt(dl)}`);
        fail(mod);
        continue;
      }
    }
    if (deadline.left() <= 0) return timedOut();
    log(`escape: ${side}: go build -gcflags='-m -m' ${mod.packages.length} package(s) in ${where}`);
    const all = killedAsLimit(await runGo(ctx, root, mod, ['build', '-o', '/dev/null', '-gcflags=-m -m', ...mod.packages.map(asPattern)], false, vendored, deadline));
    if (all.limit === 'wall') return timedOut();
    const outputs: SandboxResult[] = [];
    const failure = (what: string, r: SandboxResult) => (r.limit ? `${side}: go build ${what} stopped at the ${limitName(r.limit)} limit` : `${side}: go build ${what} failed: ${excerpt(r)}`);
    if (all.exitCode === 0 && !all.limit) {
      outputs.push(all);
    } else if (mod.packages.length === 1) {
      problems.push(failure(`in ${where}`, all));
      fail(mod);
    } else {
      // One broken or runaway package makes go build give up on all: retry each
      // alone so the others still count (the deadline bounds the extra work).
      for (const pkg of mod.packages) {
        if (deadline.left() <= 0) return timedOut();
        const one = killedAsLimit(await runGo(ctx, root, mod, ['build', '-o', '/dev/null', '-gcflags=-m -m', asPattern(pkg)], false, vendored, deadline));
        if (one.limit === 'wall') return timedOut();
        if (one.exitCode === 0 && !one.limit) outputs.push(one);
        else {
          problems.push(failure(posix.join(where, pkg), one));
          fail(mod, [pkg]);
        }
      }
    }
    // Output of a failed or killed build is left out: partial verdicts would show as removed or new escapes.
    for (const o of outputs) diags.push(...parseEscapeOutput(o.stderr + '\n' + o.stdout).map((d) => toRepo(d, mod.root, ctx)).filter((d): d is RepoDiag => d !== undefined));
  }
  return { diags, problems, failed, timedOut: false };
}

function asPattern(pkg: string): string {
  return pkg === '.' ? '.' : `./${pkg}`;
}

function limitName(l: string): string {
  return l === 'output' ? 'output-size' : l === 'filesize' ? 'file-size' : l === 'cpu' ? 'CPU-time' : l === 'processes' ? 'process-count' : l;
}

/** A failed build that printed only diagnostics had its compiler killed at the CPU limit (see looksKilled). */
function killedAsLimit(r: SandboxResult): SandboxResult {
  if (r.exitCode === 0 || r.limit) return r;
  return looksKilled(r.stderr + '\n' + r.stdout) ? { ...r, limit: 'cpu' } : r;
}

function excerpt(r: SandboxResult): string {
  const lines = (r.stderr + '\n' + r.stdout)
    .split('\n')
    .filter((l) => !isDiagnosticLine(l))
    .map((l) => l.trim());
  const shown = lines.slice(0, 3).join(' | ');
  return shown.length > 400 ? `${shown.slice(0, 400)}…` : shown || `exit ${r.exitCode ?? r.signal}`;
}

/** Module-relative compiler paths -> repo-relative; verdicts about files outside the tree are dropped. */
function toRepo(d: RepoDiag, moduleRoot: string, ctx: RunContext): RepoDiag | undefined {
  const fix = (p: string): string | undefined => {
    let rel = p;
    if (posix.isAbsolute(rel)) {
      const prefix = ctx.sandbox.isolatesPaths ? `${IN.src}/` : undefined;
      if (!prefix || !rel.startsWith(prefix)) return undefined;
      return posix.normalize(rel.slice(prefix.length));
    }
    rel = posix.normalize(posix.join(moduleRoot, rel));
    return rel.startsWith('../') ? undefined : rel;
  };
  const file = fix(d.file);
  if (!file) return undefined;
  const explanation = d.explanation.map((l) => l.replace(/ at (\S+\.go)(:\d+:\d+)/g, (all, p: string, pos: string) => ` at ${fix(p) ?? p}${pos}`));
  return { ...d, file, explanation };
}

function runGo(ctx: RunContext, root: string, mod: ModuleBuild, args: string[], network: boolean, vendored: boolean, deadline: Deadline): Promise<SandboxResult> {
  const iso = ctx.sandbox.isolatesPaths;
  const paths = iso
    ? { src: IN.src, goroot: IN.goroot, gomod: IN.gomod, gocache: IN.gocache, home: IN.home, tmp: IN.tmp }
    : { src: root, goroot: ctx.tc.goroot, gomod: ctx.modCache, gocache: ctx.host.gocache, home: ctx.host.home, tmp: ctx.host.tmp };
  const mounts: Mount[] = [
    { host: ctx.tc.goroot, target: paths.goroot, writable: false },
    { host: ctx.modCache, target: paths.gomod, writable: network },
    { host: ctx.host.gocache, target: paths.gocache, writable: true },
    { host: root, target: paths.src, writable: true },
  ];
  const env = goEnv(paths, network ? ctx.goproxy : 'off', vendored);
  const cwd = mod.root ? posix.join(paths.src, mod.root) : paths.src;
  return ctx.sandbox.run({
    argv: [posix.join(paths.goroot, 'bin', 'go'), ...args],
    cwd,
    env,
    mounts,
    scratch: ctx.sandbox.providesScratch ? [paths.home, paths.tmp] : [],
    network,
    limits: { ...ctx.limits, wallSeconds: Math.max(1, Math.min(ctx.limits.wallSeconds, deadline.left())) },
  });
}

/**
 * The whole environment of every Go command, built from nothing: no variable of
 * mapguard's own process (tokens, keys, app settings) can reach the build.
 */
export function goEnv(p: { goroot: string; gomod: string; gocache: string; home: string; tmp: string }, goproxy: string, vendored: boolean): Record<string, string> {
  return {
    PATH: posix.join(p.goroot, 'bin'),
    HOME: p.home,
    TMPDIR: p.tmp,
    GOROOT: p.goroot,
    GOPATH: posix.join(p.home, 'go'),
    GOMODCACHE: p.gomod,
    GOCACHE: p.gocache,
    GOENV: 'off',
    GOWORK: 'off',
    GOTOOLCHAIN: 'local',
    CGO_ENABLED: '0',
    GOFLAGS: `${vendored ? '-mod=vendor' : '-mod=readonly'} -buildvcs=false`,
    GOPROXY: goproxy,
    GONOSUMDB: '',
    GONOPROXY: '',
    GOINSECURE: '',
    GOPRIVATE: '',
    GOTELEMETRY: 'off',
    // Even if a proxy answered with a VCS redirect, no version-control tool may run.
    GOVCS: '*:off',
  };
}

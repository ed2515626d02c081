// The escape comparison: compile the changed packages at base and head with
// `go build -gcflags='-m -m'` inside a sandbox, parse the verdicts, diff them,
// and turn new heap verdicts on changed lines into escape-new-heap findings.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { Severity } from '../engine/types.js';
import type { FileDiff } from '../diff/types.js';
import type { EscapeComparison, EscapeRunner } from '../review/types.js';
import { buildComparison, diffEscapes, type RepoDiag } from './compare.js';
import { isDiagnosticLine, looksKilled, parseEscapeOutput } from './parse.js';
import { allDirs, changedDirs, compareVersions, goModVersions, groupByModule, hasRequirements, type ModuleBuild, type PackageSelection } from './packages.js';
import { createSandbox, type Sandbox, type SandboxName, type SandboxResult } from './sandbox/index.js';
import { asPattern, Deadline, excerpt, goEnv, limitName, prepareRun, repoPathOf, runGo, type GoRunOptions, type RunContext } from './gorun.js';
import { findToolchain, type Toolchain } from './toolchain.js';
import { makeTempRoot } from './workspace.js';
import { buildStdSeed, seedDirFor, startFromSeed, type StdSeedContext } from './stdcache.js';
import { parseGoVersion } from '../engine/gomod.js';

export interface EscapeRunnerOptions extends GoRunOptions {
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
  /**
   * Optional base directory of a trusted standard-library build cache (see stdcache.ts). When
   * set, the first comparison builds it (`go build std` in the sandbox, minutes once; or call
   * warmStdCache ahead of time) and every run starts from it instead of an empty GOCACHE.
   */
  stdCacheDir?: string;
  /** Packages built into a new standard-library cache (default: all of std). */
  stdCachePackages?: string[];
  severity?: Severity;
}

export function createEscapeRunner(opts: EscapeRunnerOptions): EscapeRunner {
  return { compare: (diff) => runComparison(opts, diff) };
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
    const ctx = prepareRun(opts, [opts.baseDir, opts.headDir], sandbox, tc, runDir);
    const problems: string[] = [];
    if (opts.stdCacheDir) {
      const seed = { ...seedContext(ctx, deadline), ...(opts.stdCachePackages ? { packages: opts.stdCachePackages } : {}) };
      await startFromSeed(opts.stdCacheDir, seed, ctx.host.gocache, (line) => log(`escape: ${line}`));
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
    const ctx = prepareRun({ ...opts, limits: { wallSeconds: 1800, cpuSeconds: 1800, ...opts.limits } }, [], sandbox, tc, runDir);
    return await buildStdSeed(seedDirFor(opts.stdCacheDir, ctx), seedContext(ctx));
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
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
      const dl = await runGo(ctx, root, mod, { args: ['mod', 'download'], network: true, vendored }, deadline);
      if (dl.limit === 'wall') return timedOut();
      if (dl.exitCode !== 0) {
        problems.push(`${side}: go mod download failed in ${where}: ${buildExcerpt(dl)}`);
        fail(mod);
        continue;
      }
    }
    if (deadline.left() <= 0) return timedOut();
    log(`escape: ${side}: go build -gcflags='-m -m' ${mod.packages.length} package(s) in ${where}`);
    const all = killedAsLimit(await runGo(ctx, root, mod, { args: ['build', '-o', '/dev/null', '-gcflags=-m -m', ...mod.packages.map(asPattern)], network: false, vendored }, deadline));
    if (all.limit === 'wall') return timedOut();
    const outputs: SandboxResult[] = [];
    const failure = (what: string, r: SandboxResult) => (r.limit ? `${side}: go build ${what} stopped at the ${limitName(r.limit)} limit` : `${side}: go build ${what} failed: ${buildExcerpt(r)}`);
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
        const one = killedAsLimit(await runGo(ctx, root, mod, { args: ['build', '-o', '/dev/null', '-gcflags=-m -m', asPattern(pkg)], network: false, vendored }, deadline));
        if (one.limit === 'wall') return timedOut();
        if (one.exitCode === 0 && !one.limit) outputs.push(one);
        else {
          problems.push(failure(posix.join(where, pkg), one));
          fail(mod, [pkg]);
        }
      }
    }
    // Output of a failed or killed build is left out: partial verdicts would show as removed or new escapes.
    for (const o of outputs) diags.push(...parseEscapeOutput(o.stderr + '\n' + o.stdout).map((d) => toRepo(d, mod.root, ctx, root)).filter((d): d is RepoDiag => d !== undefined));
  }
  return { diags, problems, failed, timedOut: false };
}

/** A failed build that printed only diagnostics had its compiler killed at the CPU limit (see looksKilled). */
function killedAsLimit(r: SandboxResult): SandboxResult {
  if (r.exitCode === 0 || r.limit) return r;
  return looksKilled(r.stderr + '\n' + r.stdout) ? { ...r, limit: 'cpu' } : r;
}

function buildExcerpt(r: SandboxResult): string {
  return excerpt(r, isDiagnosticLine);
}

/** Module-relative compiler paths -> repo-relative; verdicts about files outside the tree are dropped. */
function toRepo(d: RepoDiag, moduleRoot: string, ctx: RunContext, root: string): RepoDiag | undefined {
  const file = repoPathOf(d.file, moduleRoot, ctx, root);
  if (!file) return undefined;
  const explanation = d.explanation.map((l) => l.replace(/ at (\S+\.go)(:\d+:\d+)/g, (all, p: string, pos: string) => ` at ${repoPathOf(p, moduleRoot, ctx, root) ?? p}${pos}`));
  return { ...d, file, explanation };
}

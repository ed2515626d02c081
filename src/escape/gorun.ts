// One sandboxed Go command line for every runner (the escape comparison, the
// race runner): the sandbox layout, the environment built from nothing, the
// module download step with the network and the offline build or test after it,
// the deadline, and the hand-over of prepared trees to the unprivileged user.
import { lchownSync, mkdirSync, readdirSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import type { ModuleBuild } from './packages.js';
import { DEFAULT_LIMITS, type Mount, type Sandbox, type SandboxLimits, type SandboxResult } from './sandbox/index.js';
import { UNPRIVILEGED_UID } from './sandbox/bwrap.js';
import type { Toolchain } from './toolchain.js';

/** What every sandboxed Go runner is told about where and how to run. */
export interface GoRunOptions {
  /** False for code from someone else (the App): refuses the `none` backend. Default false. */
  trusted?: boolean;
  /** GOPROXY for the network-allowed `go mod download` step. Default https://proxy.golang.org; `direct` entries are dropped (no VCS). */
  goproxy?: string;
  /**
   * Module cache: read-write for the download step, read-only afterwards. Default: the
   * user's GOMODCACHE, or (root with bwrap/docker) a mapguard cache in the temp dir owned
   * by uid 65534. As root, a given non-empty cache must already belong to uid 65534.
   */
  modCacheDir?: string;
  /** Per-command limits (wall clock is also capped by what is left of the run's timeout). */
  limits?: Partial<SandboxLimits>;
  goBinary?: string;
  /** Progress and notices, one line each (the CLI prints them on stderr). */
  log?: (line: string) => void;
}

/** Inside-sandbox layout for isolating backends. */
export const IN = {
  src: '/mg/src',
  goroot: '/mg/goroot',
  gomod: '/mg/gomod',
  gocache: '/mg/gocache',
  home: '/mg/home',
  tmp: '/tmp',
};

/**
 * Host system directories a cgo build needs (the race detector links with the C
 * toolchain): read-only, and only for runs that ask for them. Absent ones are skipped.
 */
const C_TOOLCHAIN_DIRS = ['/usr', '/lib', '/lib64', '/bin'];

export class Deadline {
  private readonly end: number;
  constructor(seconds: number) {
    this.end = Date.now() + seconds * 1000;
  }
  left(): number {
    return Math.max(0, Math.floor((this.end - Date.now()) / 1000));
  }
}

export interface RunContext {
  sandbox: Sandbox;
  tc: Toolchain;
  limits: SandboxLimits;
  goproxy: string;
  modCache: string;
  /** Host dirs for `none` (no tmpfs there). */
  host: { home: string; tmp: string; gocache: string };
  dropToNobody: boolean;
}

/**
 * The per-run directories (under runDir) and the module cache; as root with an
 * isolating sandbox, hands them and the prepared `trees` to uid 65534.
 */
export function prepareRun(opts: GoRunOptions, trees: string[], sandbox: Sandbox, tc: Toolchain, runDir: string): RunContext {
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
    for (const dir of trees) if (isPreparedWorkspace(dir)) chownTree(dir);
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
export function isPreparedWorkspace(dir: string): boolean {
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

export interface GoCommand {
  args: string[];
  /** Only the module download step has the network. */
  network: boolean;
  vendored: boolean;
  /** Default true. False mounts the tree read-only (a user's own checkout under test). */
  srcWritable?: boolean;
  /** cgo with the host's C toolchain (the race detector needs it). */
  cgo?: boolean;
  /** Extra variables on top of goEnv (never from mapguard's own environment). */
  env?: Record<string, string>;
  /** Extra read-only mounts for isolating backends (a generated /etc/hosts for tests). */
  mounts?: Mount[];
}

export function runGo(ctx: RunContext, root: string, mod: ModuleBuild, cmd: GoCommand, deadline: Deadline): Promise<SandboxResult> {
  const paths = sandboxPaths(ctx, root);
  const mounts: Mount[] = [
    { host: ctx.tc.goroot, target: paths.goroot, writable: false },
    { host: ctx.modCache, target: paths.gomod, writable: cmd.network },
    { host: ctx.host.gocache, target: paths.gocache, writable: true },
    { host: root, target: paths.src, writable: cmd.srcWritable ?? true },
  ];
  const env = { ...goEnv(paths, cmd.network ? ctx.goproxy : 'off', cmd.vendored), ...cmd.env };
  if (cmd.cgo) withCToolchain(ctx.sandbox, env, mounts);
  if (ctx.sandbox.isolatesPaths) mounts.push(...(cmd.mounts ?? []));
  const cwd = mod.root ? posix.join(paths.src, mod.root) : paths.src;
  return ctx.sandbox.run({
    argv: [posix.join(paths.goroot, 'bin', 'go'), ...cmd.args],
    cwd,
    env,
    mounts,
    scratch: ctx.sandbox.providesScratch ? [paths.home, paths.tmp] : [],
    network: cmd.network,
    limits: { ...ctx.limits, wallSeconds: Math.max(1, Math.min(ctx.limits.wallSeconds, deadline.left())) },
  });
}

/**
 * cgo with the C compiler: bubblewrap sees the host's system directories
 * read-only (`none` is the host anyway; a Docker image must bring its own gcc).
 */
export function withCToolchain(sandbox: Sandbox, env: Record<string, string>, mounts: Mount[]): void {
  if (sandbox.name === 'bwrap') for (const d of C_TOOLCHAIN_DIRS) mounts.unshift({ host: d, target: d, writable: false, optional: true });
  env.PATH = `${env.PATH}:/usr/local/bin:/usr/bin:/bin`;
  env.CGO_ENABLED = '1';
  env.CC = 'gcc';
}

/** Where the tree, toolchain and caches are, as the Go command sees them. */
export function sandboxPaths(ctx: RunContext, root: string): { src: string; goroot: string; gomod: string; gocache: string; home: string; tmp: string } {
  return ctx.sandbox.isolatesPaths
    ? { ...IN }
    : { src: root, goroot: ctx.tc.goroot, gomod: ctx.modCache, gocache: ctx.host.gocache, home: ctx.host.home, tmp: ctx.host.tmp };
}

/**
 * A path the Go command printed, as a repository path: module-relative paths are
 * joined to the module root, absolute ones must lie under the tree. Anything else
 * (the toolchain, the module cache) is not the repository's: undefined.
 */
export function repoPathOf(p: string, moduleRoot: string, ctx: RunContext, root: string): string | undefined {
  if (posix.isAbsolute(p)) {
    const src = sandboxPaths(ctx, root).src;
    const prefix = src.endsWith('/') ? src : `${src}/`;
    if (!p.startsWith(prefix)) return undefined;
    return posix.normalize(p.slice(prefix.length));
  }
  const rel = posix.normalize(posix.join(moduleRoot, p));
  return rel.startsWith('../') ? undefined : rel;
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

export function asPattern(pkg: string): string {
  return pkg === '.' ? '.' : `./${pkg}`;
}

export function limitName(l: string): string {
  return l === 'output' ? 'output-size' : l === 'filesize' ? 'file-size' : l === 'cpu' ? 'CPU-time' : l === 'processes' ? 'process-count' : l;
}

/** The first lines of a failed command's output, for a one-line problem. */
export function excerpt(r: SandboxResult, skip: (line: string) => boolean = () => false): string {
  const lines = (r.stderr + '\n' + r.stdout)
    .split('\n')
    .filter((l) => l.trim() !== '' && !skip(l))
    .map((l) => l.trim());
  const shown = lines.slice(0, 3).join(' | ');
  return shown.length > 400 ? `${shown.slice(0, 400)}…` : shown || `exit ${r.exitCode ?? r.signal}`;
}

// An optional, trusted build cache of the standard library, so each comparison
// does not recompile fmt, net/http and friends (minutes on a small machine).
//
// The seed is built once, in the same sandbox layout as the real builds (so
// cache keys match), from nothing but the toolchain's own sources: no
// repository code ever writes to it. Each run gets its own GOCACHE populated
// from the seed: hard links to files the sandbox user cannot modify when
// mapguard runs as root (it drops to uid 65534), full copies otherwise (the
// sandbox then runs as the same user, who could rewrite a linked file).
import { chmodSync, constants, copyFileSync, cpSync, existsSync, linkSync, lchownSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import type { Mount, Sandbox, SandboxLimits } from './sandbox/types.js';
import { withCToolchain } from './gorun.js';
import type { Toolchain } from './toolchain.js';
import { makeTempRoot, removeTempRoot } from './workspace.js';
import { UNPRIVILEGED_UID } from './sandbox/bwrap.js';

const MARKER = 'mapguard-std-seed.json';

export interface StdSeedContext {
  sandbox: Sandbox;
  tc: Toolchain;
  limits: SandboxLimits;
  /** True when the sandbox runs as uid 65534 on behalf of root. */
  dropToNobody: boolean;
  goEnv: (paths: { goroot: string; gomod: string; gocache: string; home: string; tmp: string }) => Record<string, string>;
  /** What to build into the seed; default the whole standard library (tests use a small part). */
  packages?: string[];
  /**
   * A seed for race-enabled test builds: `go build -race` with cgo, in the same
   * environment as the race runner's `go test -race` (so its cache keys match).
   */
  race?: boolean;
}

/** The seed directory for this toolchain and path layout under a base directory. */
export function seedDirFor(base: string, ctx: Pick<StdSeedContext, 'tc' | 'sandbox' | 'race'>): string {
  return join(base, `${ctx.tc.version}-${ctx.sandbox.isolatesPaths ? 'sandbox' : 'host'}${ctx.race ? '-race' : ''}`);
}

export function seedReady(seedDir: string, tc: Toolchain): boolean {
  try {
    return (JSON.parse(readFileSync(join(seedDir, MARKER), 'utf8')) as { go?: string }).go === tc.version;
  } catch {
    return false;
  }
}

/** Builds the standard library into a fresh seed (`go build std`, no network). Returns a problem or undefined. */
export async function buildStdSeed(seedDir: string, ctx: StdSeedContext): Promise<string | undefined> {
  if (seedReady(seedDir, ctx.tc)) return undefined;
  const tmpRoot = makeTempRoot('mapguard-escape-seed-');
  try {
    const cache = join(tmpRoot, 'gocache');
    const home = join(tmpRoot, 'home');
    const tmp = join(tmpRoot, 'tmp');
    for (const d of [cache, home, tmp]) mkdirSync(d, { mode: 0o755 });
    if (ctx.dropToNobody) for (const d of [cache, home, tmp]) lchownSync(d, UNPRIVILEGED_UID, UNPRIVILEGED_UID);
    const iso = ctx.sandbox.isolatesPaths;
    const p = iso
      ? { goroot: '/mg/goroot', gomod: '/mg/gomod', gocache: '/mg/gocache', home: '/mg/home', tmp: '/tmp' }
      : { goroot: ctx.tc.goroot, gomod: join(home, 'gomod'), gocache: cache, home, tmp };
    const env = ctx.goEnv(p);
    const mounts: Mount[] = [
      { host: ctx.tc.goroot, target: p.goroot, writable: false },
      { host: cache, target: p.gocache, writable: true },
    ];
    if (ctx.race) withCToolchain(ctx.sandbox, env, mounts);
    const r = await ctx.sandbox.run({
      argv: [posix.join(p.goroot, 'bin', 'go'), 'build', ...(ctx.race ? ['-race'] : []), ...(ctx.packages ?? ['std'])],
      cwd: p.home,
      env,
      mounts,
      scratch: ctx.sandbox.providesScratch ? [p.home, p.tmp] : [],
      network: false,
      limits: ctx.limits,
    });
    if (r.exitCode !== 0 || r.limit) return `building the standard-library cache failed: ${(r.stderr || r.stdout).trim().split('\n')[0] ?? r.limit ?? 'unknown error'}`;
    // Freeze it: owned by the host user, not writable by anyone else.
    freeze(cache, process.getuid?.() ?? 0);
    writeFileSync(join(cache, MARKER), JSON.stringify({ go: ctx.tc.version }));
    mkdirSync(dirname(seedDir), { recursive: true });
    rmSync(seedDir, { recursive: true, force: true });
    try {
      renameSync(cache, seedDir);
    } catch {
      cpSync(cache, seedDir, { recursive: true });
    }
    return undefined;
  } finally {
    removeTempRoot(tmpRoot);
  }
}

function freeze(dir: string, uid: number): void {
  const walk = (p: string) => {
    const st = statSync(p);
    if (uid === 0) lchownSync(p, 0, 0);
    if (st.isDirectory()) {
      chmodSync(p, 0o755);
      for (const n of readdirSync(p)) walk(join(p, n));
    } else {
      chmodSync(p, 0o644);
    }
  };
  walk(dir);
}

/**
 * Starts a run's empty GOCACHE from the seed under `base`, building the seed first when it is
 * missing. Never fails the run: a problem is logged (`log` lines are prefixed by the caller)
 * and the run goes on with an empty cache.
 */
export async function startFromSeed(base: string, seed: StdSeedContext, runCache: string, log: (line: string) => void): Promise<void> {
  const dir = seedDirFor(base, seed);
  if (!seedReady(dir, seed.tc)) {
    log(`building the ${seed.race ? 'race-instrumented ' : ''}standard-library cache once (go build${seed.race ? ' -race' : ' std'}) in ${dir}`);
    const problem = await buildStdSeed(dir, seed);
    if (problem) log(`${problem}; continuing with an empty cache`);
  }
  if (seedReady(dir, seed.tc)) populateFromSeed(dir, runCache, { link: seed.dropToNobody, ...(seed.dropToNobody ? { owner: UNPRIVILEGED_UID } : {}) });
}

/**
 * Fills a run's empty GOCACHE from the seed. `link`: hard links (root only, see
 * above); otherwise copies. `owner`: uid that must own the directories (so the
 * sandbox can add entries). Cache bookkeeping files are always copied.
 */
export function populateFromSeed(seedDir: string, runCache: string, opts: { link: boolean; owner?: number }): void {
  const walk = (rel: string) => {
    for (const name of readdirSync(join(seedDir, rel))) {
      if (name === MARKER) continue;
      const from = join(seedDir, rel, name);
      const to = join(runCache, rel, name);
      if (statSync(from).isDirectory()) {
        if (!existsSync(to)) mkdirSync(to, { mode: 0o755 });
        if (opts.owner !== undefined) lchownSync(to, opts.owner, opts.owner);
        walk(join(rel, name));
        continue;
      }
      const bookkeeping = rel === '' && (name === 'trim.txt' || name === 'README');
      if (opts.link && !bookkeeping) {
        try {
          linkSync(from, to);
          continue;
        } catch {
          // another file system: copy instead
        }
      }
      copyFileSync(from, to, constants.COPYFILE_FICLONE);
      if (opts.owner !== undefined) lchownSync(to, opts.owner, opts.owner);
    }
  };
  walk('');
}

// Which packages to compile: the directories of changed .go files (or every
// package), grouped by the module (nearest go.mod) that contains them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { FileDiff } from '../diff/types.js';
import { parseGoVersion } from '../engine/gomod.js';
import type { GoVersion } from '../engine/types.js';

export type PackageSelection = 'changed' | 'all';

/** go ignores these directories; mapguard does too. */
export function ignoredDir(rel: string): boolean {
  return rel.split('/').some((s) => s === 'vendor' || s === 'testdata' || s === 'node_modules' || s.startsWith('.') || s.startsWith('_'));
}

/** Repo-relative directories ('' for the root) of the changed .go files, at either revision. */
export function changedDirs(diff: FileDiff[]): string[] {
  const dirs = new Set<string>();
  for (const f of diff) {
    for (const p of [f.path, f.oldPath]) {
      if (!p || !p.endsWith('.go')) continue;
      const d = posix.dirname(p);
      const rel = d === '.' ? '' : d;
      if (!ignoredDir(rel)) dirs.add(rel);
    }
  }
  return [...dirs].sort();
}

/** Every directory under `root` holding a non-test .go file (`tests`: or a _test.go file). */
export function allDirs(root: string, opts: { tests?: boolean } = {}): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    let names: string[];
    try {
      names = readdirSync(join(root, rel));
    } catch {
      return;
    }
    let hasGo = false;
    for (const name of names.sort()) {
      const child = rel ? `${rel}/${name}` : name;
      let st;
      try {
        st = statSync(join(root, child));
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (!ignoredDir(name)) walk(child);
      } else if (isGoFile(name, opts.tests)) {
        hasGo = true;
      }
    }
    if (hasGo) out.push(rel);
  };
  walk('');
  return out.sort();
}

/** A file the go command builds; with `tests`, its test files too. */
function isGoFile(name: string, tests = false): boolean {
  return name.endsWith('.go') && (tests || !name.endsWith('_test.go')) && !name.startsWith('.') && !name.startsWith('_');
}

export function hasBuildFiles(root: string, rel: string, tests = false): boolean {
  try {
    return readdirSync(join(root, rel)).some((n) => isGoFile(n, tests) && statSync(join(root, rel, n)).isFile());
  } catch {
    return false;
  }
}

export interface ModuleBuild {
  /** Repo-relative module root ('' for the repository root). */
  root: string;
  goMod: string;
  /** Package directories relative to the module root ('.' for the root package). */
  packages: string[];
}

/** Groups package dirs by nearest go.mod inside the tree; dirs without one are returned separately. */
export function groupByModule(root: string, dirs: string[], opts: { tests?: boolean } = {}): { modules: ModuleBuild[]; orphans: string[] } {
  const modules = new Map<string, ModuleBuild>();
  const orphans: string[] = [];
  for (const dir of dirs) {
    // Building needs non-test files; testing also takes a directory of _test.go files alone.
    if (!hasBuildFiles(root, dir, opts.tests)) continue;
    let m: string | undefined;
    for (let cur = dir; ; cur = posix.dirname(cur) === '.' ? '' : posix.dirname(cur)) {
      if (existsSync(join(root, cur, 'go.mod'))) {
        m = cur;
        break;
      }
      if (cur === '') break;
    }
    if (m === undefined) {
      orphans.push(dir);
      continue;
    }
    const mod = modules.get(m) ?? { root: m, goMod: readFileSync(join(root, m, 'go.mod'), 'utf8'), packages: [] };
    const rel = m === '' ? dir : posix.relative(m, dir);
    mod.packages.push(rel === '' ? '.' : rel);
    modules.set(m, mod);
  }
  return { modules: [...modules.values()].sort((a, b) => (a.root < b.root ? -1 : 1)), orphans };
}

/** The go.mod `go` directive and the `toolchain` line, as written. */
export function goModVersions(goMod: string): { go?: GoVersion; toolchain?: string } {
  const go = /^\s*go\s+(\S+)/m.exec(goMod);
  const tc = /^\s*toolchain\s+(\S+)/m.exec(goMod);
  return { go: go ? parseGoVersion(go[1]!) : undefined, toolchain: tc?.[1] };
}

/** True when go.mod requires modules (so `go mod download` has work to do). */
export function hasRequirements(goMod: string): boolean {
  return /^\s*require\b/m.test(goMod);
}

export function compareVersions(a: GoVersion, b: GoVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

// The module around the paths of a `mapguard check` run (or the Action's checkout), read from disk: the
// go.mod above each target (go.work aware), vendor/, and the module cache.
// What is found here is evidence only; findings stay where the paths point.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { execFileSync } from 'node:child_process';
import { homedir } from 'node:os';
import { isSkippedDirName, parseGoModFile, parseGoWorkUses, type ModuleInfo, type ModuleLayout, type PackageReader } from '../engine/index.js';
import { inferGopathTree } from './gopath.js';

const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** The modules around `targets`, with directories relative to `root` (the run's path base). */
export function moduleLayoutFor(targets: string[], root: string, env: NodeJS.ProcessEnv = process.env): ModuleLayout {
  const modules = new Map<string, ModuleInfo>();
  const add = (absDir: string) => {
    const rel = toSlash(relative(root, absDir));
    if (modules.has(rel)) return;
    const text = readText(join(absDir, 'go.mod'));
    const info = text ? parseGoModFile(text, rel, existsSync(join(absDir, 'vendor', 'modules.txt'))) : undefined;
    if (info) modules.set(rel, info);
  };
  for (const t of targets) {
    const start = existsSync(t) && statSync(t).isDirectory() ? resolve(t) : dirname(resolve(t));
    const mod = findUp(start, 'go.mod');
    if (mod) add(mod);
    else {
      // Before modules: the target's imports say which tree it belongs to (gopath.ts).
      const tree = inferGopathTree(start);
      const rel = tree ? toSlash(relative(root, tree.dir)) : undefined;
      if (tree && rel !== undefined && !rel.startsWith('..') && !modules.has(rel)) modules.set(rel, { dir: rel, path: tree.path, requires: {}, replaces: {}, vendored: existsSync(join(tree.dir, 'vendor')) });
    }
    const work = findUp(start, 'go.work');
    const workText = work ? readText(join(work, 'go.work')) : undefined;
    if (work && workText) for (const use of parseGoWorkUses(workText)) add(resolve(work, use));
  }
  const modCache = moduleCacheDir(env);
  return { modules: [...modules.values()], ...(modCache ? { modCache } : {}) };
}

/** Reads packages' files from disk, paths relative to `root` (or absolute, for the module cache). */
export function fsPackageReader(root: string): PackageReader {
  return {
    goFiles(dir) {
      const abs = resolve(root, dir);
      let names: string[];
      try {
        names = readdirSync(abs).filter((n) => n.endsWith('.go')).sort();
      } catch {
        return undefined;
      }
      const out: { name: string; text: string }[] = [];
      for (const name of names) {
        const text = readText(join(abs, name));
        if (text !== undefined) out.push({ name, text });
      }
      return out;
    },
    readFile(path) {
      return readText(resolve(root, path));
    },
    packageDirs(moduleDir) {
      return listPackageDirs(resolve(root, moduleDir)).map((d) => toSlash(join(moduleDir, d)).replace(/^\.\//, ''));
    },
  };
}

/** A module larger than this many directories is not searched for importers. */
const MAX_PACKAGE_DIRS = 20_000;

/**
 * Directories under `abs` (relative to it, '' for itself) holding `.go` files, the way the go
 * command sees the module's packages: vendor/, testdata/, `.` and `_` directories and nested
 * modules (a directory with its own go.mod) are not part of it; symlinks are not followed.
 */
export function listPackageDirs(abs: string): string[] {
  const out: string[] = [];
  const visit = (rel: string) => {
    if (out.length >= MAX_PACKAGE_DIRS) return;
    let entries;
    try {
      entries = readdirSync(join(abs, rel), { withFileTypes: true });
    } catch {
      return;
    }
    if (rel && entries.some((e) => e.isFile() && e.name === 'go.mod')) return;
    if (entries.some((e) => e.isFile() && e.name.endsWith('.go'))) out.push(rel);
    for (const e of entries) if (e.isDirectory() && !isSkippedDirName(e.name)) visit(rel ? `${rel}/${e.name}` : e.name);
  };
  visit('');
  return out.sort();
}

function toSlash(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

function readText(path: string): string | undefined {
  try {
    if (statSync(path).size > MAX_FILE_BYTES) return undefined;
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function findUp(dir: string, name: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, name))) return d;
    if (dirname(d) === d) return undefined;
  }
}

let cachedModCache: string | null | undefined;

/** GOMODCACHE, else what `go env` says, else GOPATH's pkg/mod; undefined when none exists. */
function moduleCacheDir(env: NodeJS.ProcessEnv): string | undefined {
  if (env.GOMODCACHE) return existsSync(env.GOMODCACHE) ? env.GOMODCACHE : undefined;
  if (cachedModCache === undefined) {
    let dir: string | undefined;
    try {
      dir = execFileSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10000 }).trim() || undefined;
    } catch {
      dir = join(env.GOPATH?.split(':')[0] || join(homedir(), 'go'), 'pkg', 'mod');
    }
    cachedModCache = dir && existsSync(dir) ? dir : null;
  }
  return cachedModCache ?? undefined;
}

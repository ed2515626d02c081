// A repository from before modules (no go.mod above the target): its import
// path is nowhere on disk, but the target's own imports name it. When two or
// more imports `X/sub` of one prefix X resolve to directories `A/sub` of one
// ancestor A of the target, the tree at A is the GOPATH package tree of X
// (`github.com/hashicorp/terraform` at the repository root), and the module
// view can read its other packages as if A held `module X`. Dependencies
// (GOPATH, Godeps) stay unresolved.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Import paths in the import declarations of a file's text. */
function importsOf(text: string): string[] {
  const out: string[] = [];
  for (const decl of text.matchAll(/^import\s*(\([^)]*\)|[^\n]*)/gm)) {
    for (const m of decl[1]!.matchAll(/"([^"\s]+)"/g)) out.push(m[1]!);
  }
  return out;
}

function hasGoFiles(dir: string): boolean {
  try {
    return statSync(dir).isDirectory() && readdirSync(dir).some((n) => n.endsWith('.go'));
  } catch {
    return false;
  }
}

/** The GOPATH-style tree holding `targetDir` (absolute): its directory and import path, when the imports show it. */
export function inferGopathTree(targetDir: string): { dir: string; path: string } | undefined {
  let names: string[];
  try {
    names = readdirSync(targetDir).filter((n) => n.endsWith('.go'));
  } catch {
    return undefined;
  }
  const imports = new Set<string>();
  for (const n of names) {
    try {
      for (const ip of importsOf(readFileSync(join(targetDir, n), 'utf8').slice(0, 64 * 1024))) if (/^[\w.-]+\.[a-z]+\//.test(ip)) imports.add(ip);
    } catch {
      // unreadable: the run reports it elsewhere
    }
  }
  // (ancestor, prefix) -> distinct imports that resolve there
  const support = new Map<string, number>();
  const target = resolve(targetDir);
  for (const ip of imports) {
    const parts = ip.split('/');
    for (let a = target; ; a = dirname(a)) {
      for (let k = 1; k < parts.length; k++) {
        const sub = join(a, ...parts.slice(k));
        // A package never imports itself: a directory that is the target (or holds it) proves nothing.
        if (sub === target || target.startsWith(sub + '/') || !hasGoFiles(sub)) continue;
        const key = `${a}\0${parts.slice(0, k).join('/')}`;
        support.set(key, (support.get(key) ?? 0) + 1);
      }
      if (dirname(a) === a) break;
    }
  }
  let best: { dir: string; path: string; n: number } | undefined;
  for (const [key, n] of support) {
    const [dir, path] = key.split('\0') as [string, string];
    if (n >= 2 && (!best || n > best.n || (n === best.n && path.length > best.path.length))) best = { dir, path, n };
  }
  return best && existsSync(best.dir) ? { dir: best.dir, path: best.path } : undefined;
}

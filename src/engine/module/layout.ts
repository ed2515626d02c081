import { posix } from 'node:path';

// Where the packages of a Go module live: its go.mod (module path, requires,
// replaces), the go.work around it, vendor/ and the module cache. Pure: the
// front end reads the files and hands over their text; this maps an import
// path to a directory the way the go command would, without running it.

/** One module of the workspace (a go.mod, or a go.work `use` entry). */
export interface ModuleInfo {
  /** Directory of the go.mod, absolute or relative to the reader's root ('' for the root). */
  dir: string;
  /** The `module` path. */
  path: string;
  /** `require` lines: module path -> version. */
  requires: Record<string, string>;
  /** `replace` lines: module path -> directory (relative to `dir`) or module@version. */
  replaces: Record<string, { dir?: string; path?: string; version?: string }>;
  /** vendor/modules.txt present: dependencies resolve under vendor/. */
  vendored: boolean;
}

/** A serialisable description of where imports resolve; worker threads rebuild their view from it. */
export interface ModuleLayout {
  modules: ModuleInfo[];
  /** The module cache (`go env GOMODCACHE`), if known: dependencies' declarations are read there. */
  modCache?: string;
}

/** Parses go.mod text. Returns undefined without a `module` line. */
export function parseGoModFile(text: string, dir: string, vendored = false): ModuleInfo | undefined {
  const body = text.replace(/\/\/[^\n]*/g, '');
  const mod = /^\s*module\s+("?)([^\s"]+)\1/m.exec(body);
  if (!mod) return undefined;
  const requires: Record<string, string> = {};
  const replaces: ModuleInfo['replaces'] = {};
  for (const line of directiveLines(body, 'require')) {
    const m = /^("?)([^\s"]+)\1\s+(\S+)/.exec(line);
    if (m) requires[m[2]!] = m[3]!;
  }
  for (const line of directiveLines(body, 'replace')) {
    const m = /^("?)([^\s"]+)\1(?:\s+\S+)?\s*=>\s*("?)([^\s"]+)\3(?:\s+(\S+))?/.exec(line);
    if (!m) continue;
    const target = m[4]!;
    replaces[m[2]!] = target.startsWith('.') || target.startsWith('/') ? { dir: target } : { path: target, ...(m[5] ? { version: m[5] } : {}) };
  }
  return { dir, path: mod[2]!, requires, replaces, vendored };
}

/** The `use` directories of a go.work file, relative to it. */
export function parseGoWorkUses(text: string): string[] {
  const body = text.replace(/\/\/[^\n]*/g, '');
  return directiveLines(body, 'use').map((l) => l.replace(/^"|"$/g, '').trim()).filter(Boolean);
}

/** The lines of a directive, in its single-line and block forms. */
function directiveLines(body: string, directive: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`^\\s*${directive}\\s*(\\(([^)]*)\\)|([^\\n]*))`, 'gm');
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const lines = m[2] !== undefined ? m[2].split('\n') : [m[3] ?? ''];
    for (const l of lines) if (l.trim()) out.push(l.trim());
  }
  return out;
}

/** Where a package's files are: a directory and whether it belongs to one of the workspace's modules. */
export interface PackageLocation {
  dir: string;
  /** In the workspace's own modules (its files may be analysed), not a dependency. */
  local: boolean;
}

/**
 * The directory of an import path, as the go command resolves it from `from`'s
 * module: the workspace's modules first (longest module path wins), then
 * replace directives, vendor/, and the module cache at the required version.
 */
export function locatePackage(layout: ModuleLayout, importPath: string, from?: ModuleInfo): PackageLocation | undefined {
  let best: ModuleInfo | undefined;
  for (const m of layout.modules) {
    if ((importPath === m.path || importPath.startsWith(m.path + '/')) && (!best || m.path.length > best.path.length)) best = m;
  }
  if (best) return { dir: join(best.dir, importPath.slice(best.path.length + 1)), local: true };
  // The standard library is the module `std`: its import paths have no domain (`net/http`).
  const std = layout.modules.find((m) => m.path === 'std');
  if (std && !importPath.split('/')[0]!.includes('.')) return { dir: join(std.dir, importPath), local: true };
  const mod = from ?? layout.modules[0];
  if (!mod) return undefined;
  const dep = longestPrefix(Object.keys(mod.requires), importPath) ?? longestPrefix(Object.keys(mod.replaces), importPath);
  if (!dep) return undefined;
  const sub = importPath.slice(dep.length + 1);
  const replace = mod.replaces[dep];
  if (replace?.dir) return { dir: join(join(mod.dir, replace.dir), sub), local: false };
  if (mod.vendored) return { dir: join(join(mod.dir, 'vendor'), importPath), local: false };
  const version = replace?.version ?? mod.requires[dep];
  const path = replace?.path ?? dep;
  if (!layout.modCache || !version) return undefined;
  return { dir: join(join(layout.modCache, `${escapeModulePath(path)}@${escapeModulePath(version)}`), sub), local: false };
}

/** The module of the workspace holding a directory (the deepest go.mod above it). */
export function moduleOfDir(layout: ModuleLayout, dir: string): ModuleInfo | undefined {
  let best: { m: ModuleInfo; rest: string } | undefined;
  for (const m of layout.modules) {
    const rest = inside(m.dir, dir);
    if (rest !== undefined && (!best || rest.length < best.rest.length)) best = { m, rest };
  }
  return best?.m;
}

/** The import path of a package directory inside one of the workspace's modules. */
export function importPathOfDir(layout: ModuleLayout, dir: string): string | undefined {
  const m = moduleOfDir(layout, dir);
  if (!m) return undefined;
  const rest = inside(m.dir, dir)!;
  if (m.path === 'std') return rest || undefined;
  return rest ? `${m.path}/${rest}` : m.path;
}

/** `dir` relative to `root` ('' for the root itself), or undefined when it is not inside. */
function inside(root: string, dir: string): string | undefined {
  const base = root.startsWith('/') ? '' : '/R/';
  const rel = posix.relative(posix.join(base, root), posix.join(base, dir));
  return rel.startsWith('..') || posix.isAbsolute(rel) ? undefined : rel;
}

function longestPrefix(paths: string[], importPath: string): string | undefined {
  let best: string | undefined;
  for (const p of paths) if ((importPath === p || importPath.startsWith(p + '/')) && (!best || p.length > best.length)) best = p;
  return best;
}

/** The module cache's case encoding: an upper-case letter becomes `!` and its lower case. */
export function escapeModulePath(p: string): string {
  return p.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}

function join(a: string, b: string): string {
  const j = posix.join(a, b);
  return j === '.' ? '' : j;
}

/** The import paths of a Go file, read from its import declarations (before the first other declaration). */
export function importedPaths(text: string): string[] {
  const out: string[] = [];
  const head = /^(?:func|type|var|const)\b/m.exec(text);
  const part = head ? text.slice(0, head.index) : text;
  const re = /^import\s*(?:\(([^)]*)\)|(?:[\w.]+\s+)?"([^"\n]+)")/gm;
  for (let m = re.exec(part); m; m = re.exec(part)) {
    if (m[2]) out.push(m[2]);
    else for (const q of (m[1] ?? '').replace(/\/\/[^\n]*/g, '').matchAll(/"([^"\n]+)"/g)) out.push(q[1]!);
  }
  return out;
}

// What one analysed directory's findings were read from besides its own files: the directories
// the module view read (their files' digests) and the importer questions it answered. (A
// dependency's go.mod is read too, but only in the module cache, whose `module@version` text never
// changes.) A result kept across runs is valid while every one of
// these reads the same (dependenciesHold), so a change elsewhere in the module recomputes only
// the directories that read it.
//
// A loaded package caches what it resolved for whoever asked first (a field's type pointing into
// a third package), so a later directory can use that answer without asking the view again. The
// recorder therefore keeps, for the whole run, which directory's resolution read which other
// directory, and a unit's dependencies are closed over those edges: a superset, never less.
import { createHash } from 'node:crypto';
import type { PackageReader } from './view.js';
import { importedPaths, type ModuleLayout } from './layout.js';

export interface UnitDependencies {
  /** Directories whose `.go` files were read, with the digest of their names and texts ('-' when absent). */
  dirs: Record<string, string>;
  /** Import paths whose importer directories were asked for, with the answer. */
  importers: Record<string, string[]>;
}

/**
 * Digest of a directory's `.go` files as a reader lists them, test files left out: the view never
 * reads them (load, the importer index and the importer search all skip `_test.go`), so a changed
 * test recomputes only its own directory.
 */
export function digestListing(files: readonly { name: string; text: string }[] | undefined): string {
  if (!files) return '-';
  const h = createHash('sha256');
  for (const f of files) if (!f.name.endsWith('_test.go')) h.update(f.name).update('\0').update(f.text).update('\0');
  return h.digest('hex').slice(0, 32);
}

/**
 * A module cache directory (`module@version`) never changes: its digest is its path. Anything
 * else (the workspace, GOROOT, a `replace` directory) is read and digested.
 */
export function isImmutableDir(dir: string): boolean {
  return dir.includes('@');
}

export class DependencyRecorder {
  /** Digests of the directories read this run (the first read's). */
  private readonly dirDigests = new Map<string, string>();
  /** dir -> directories its packages' resolution read (import paths it resolved). */
  private readonly edges = new Map<string, Set<string>>();
  /** The unit being recorded: directories, importer answers, files read directly. */
  private unit?: { dirs: Set<string>; importers: Map<string, string[]> };

  begin(): void {
    this.unit = { dirs: new Set(), importers: new Map() };
  }

  /** The current unit's dependencies, closed over the run's resolution edges. */
  end(): UnitDependencies {
    const unit = this.unit;
    this.unit = undefined;
    const out: UnitDependencies = { dirs: {}, importers: {} };
    if (!unit) return out;
    const stack = [...unit.dirs];
    const seen = new Set<string>();
    while (stack.length) {
      const d = stack.pop()!;
      if (seen.has(d)) continue;
      seen.add(d);
      for (const next of this.edges.get(d) ?? []) stack.push(next);
    }
    for (const d of [...seen].sort()) out.dirs[d] = this.dirDigests.get(d) ?? '?';
    for (const [path, dirs] of [...unit.importers].sort((a, b) => (a[0] < b[0] ? -1 : 1))) out.importers[path] = dirs;
    return out;
  }

  /**
   * The view listed a directory's files (the first listing's digest is the one kept). Digested only
   * while a unit is recorded: a run that keeps no results hashes nothing.
   */
  listed(dir: string, files: readonly { name: string; text: string }[] | undefined): void {
    if (!this.unit) return;
    if (!this.dirDigests.has(dir)) this.dirDigests.set(dir, isImmutableDir(dir) ? dir : digestListing(files));
    this.unit.dirs.add(dir);
  }

  /** The unit used what the view holds of a directory (read earlier in the run, or now). */
  used(dir: string): void {
    this.unit?.dirs.add(dir);
  }

  /** A package of `fromDir` resolved an import to `dir` (undefined: it could not be read). */
  resolved(fromDir: string, dir: string | undefined): void {
    if (dir === undefined) return;
    let set = this.edges.get(fromDir);
    if (!set) this.edges.set(fromDir, (set = new Set()));
    set.add(dir);
    this.unit?.dirs.add(dir);
  }

  importersAsked(importPath: string, dirs: readonly string[]): void {
    this.unit?.importers.set(importPath, [...dirs]);
  }
}

/** A file larger than this is not read for its import block (the view's own limit). */
export const MAX_IMPORTER_FILE_CHARS = 2 * 1024 * 1024;

/**
 * Import path -> directories of the layout's own modules (not dependencies) with a non-test
 * file importing it. `filesAt` lists a directory's files (the view passes its kept listings).
 */
export function importerIndex(layout: ModuleLayout, reader: PackageReader, filesAt: (dir: string) => readonly { name: string; text: string }[] | undefined = (d) => reader.goFiles(d)): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!reader.packageDirs) return out;
  for (const m of layout.modules) {
    if (m.dir.includes('@')) continue;
    for (const dir of reader.packageDirs(m.dir)) {
      const seen = new Set<string>();
      for (const f of filesAt(dir) ?? []) {
        if (f.name.endsWith('_test.go') || f.text.length > MAX_IMPORTER_FILE_CHARS) continue;
        for (const path of importedPaths(f.text)) {
          if (seen.has(path)) continue;
          seen.add(path);
          let list = out.get(path);
          if (!list) out.set(path, (list = []));
          list.push(dir);
        }
      }
    }
  }
  return out;
}

/**
 * Whether a unit's recorded dependencies read the same now: every directory's files and every
 * importer answer. `importers` is built on first need (it reads the modules).
 */
export function dependenciesHold(deps: UnitDependencies, reader: PackageReader, layout: ModuleLayout, memo: DependencyMemo = new DependencyMemo()): boolean {
  for (const [dir, digest] of Object.entries(deps.dirs)) {
    if (isImmutableDir(dir)) {
      if (digest !== dir) return false;
      continue;
    }
    if (memo.dir(dir, reader) !== digest) return false;
  }
  const asked = Object.entries(deps.importers);
  if (asked.length) {
    const index = memo.importers(layout, reader);
    for (const [path, dirs] of asked) {
      const now = index.get(path) ?? [];
      if (now.length !== dirs.length || now.some((d, i) => d !== dirs[i])) return false;
    }
  }
  return true;
}

/** Digests and the importer index computed once while many units are checked. */
export class DependencyMemo {
  private readonly dirs = new Map<string, string>();
  private index?: Map<string, string[]>;

  dir(dir: string, reader: PackageReader): string {
    let d = this.dirs.get(dir);
    if (d === undefined) this.dirs.set(dir, (d = digestListing(reader.goFiles(dir))));
    return d;
  }

  importers(layout: ModuleLayout, reader: PackageReader): Map<string, string[]> {
    return (this.index ??= importerIndex(layout, reader));
  }
}

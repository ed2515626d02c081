// Where the module view reads other packages from: the disk around a CLI or
// Action run, or the workspace's own files (the App). Serialisable, so a
// worker thread builds the same view as the main thread.
import { realpathSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { isSkippedDir, type ModuleLayout, type PackageReader, type SourceInput } from '../engine/index.js';
import { fsPackageReader } from './module-disk.js';

export interface ModuleSource {
  layout: ModuleLayout;
  /** Absolute directory the workspace paths are relative to, when the module is on disk. */
  fsRoot?: string;
  /**
   * Reads never leave fsRoot (the App: an extracted pull-request archive). Import
   * paths, replace directives and go.work entries are the author's text, and
   * `../..` in any of them must not reach the App host's files.
   */
  confined?: boolean;
}

/** A reader over in-memory files (paths relative to the workspace root). */
export function memoryPackageReader(files: readonly SourceInput[]): PackageReader {
  const byDir = new Map<string, { name: string; text: string }[]>();
  const texts = new Map<string, string>();
  for (const f of files) {
    texts.set(f.path, f.text);
    const i = f.path.lastIndexOf('/');
    const dir = i < 0 ? '' : f.path.slice(0, i);
    let list = byDir.get(dir);
    if (!list) byDir.set(dir, (list = []));
    list.push({ name: f.path.slice(i + 1), text: f.text });
  }
  return {
    goFiles: (dir) => byDir.get(dir === '.' ? '' : dir),
    readFile: (p) => texts.get(p),
    packageDirs: (moduleDir) => {
      const base = moduleDir === '.' ? '' : moduleDir;
      // Nested modules (a go.mod below the module's) are other modules.
      const nested = [...texts.keys()].filter((p) => p.endsWith('/go.mod') || p === 'go.mod').map((p) => (p === 'go.mod' ? '' : p.slice(0, -'/go.mod'.length))).filter((d) => d !== base && under(d, base));
      return [...byDir.keys()].filter((d) => under(d, base) && !isSkippedDir(d.slice(base ? base.length + 1 : 0)) && !nested.some((n) => under(d, n))).sort();
    },
  };
}

function under(dir: string, base: string): boolean {
  return base === '' || dir === base || dir.startsWith(base + '/');
}

/** The reader a module source stands for. */
export function readerFor(source: ModuleSource, files: readonly SourceInput[]): PackageReader {
  if (!source.fsRoot) return memoryPackageReader(files);
  const reader = fsPackageReader(source.fsRoot);
  return source.confined ? confinedReader(reader, source.fsRoot) : reader;
}

/** `inner` limited to paths whose real location is under `root` (symlinks resolved too). */
function confinedReader(inner: PackageReader, root: string): PackageReader {
  const realRoot = realpathSync(root);
  const inside = (p: string): boolean => {
    let real: string;
    try {
      real = realpathSync(resolve(realRoot, p));
    } catch {
      return false;
    }
    return real === realRoot || real.startsWith(realRoot + sep);
  };
  const readFile = inner.readFile?.bind(inner);
  const packageDirs = inner.packageDirs?.bind(inner);
  return {
    goFiles: (dir) => (inside(dir) ? inner.goFiles(dir) : undefined),
    ...(readFile ? { readFile: (p: string) => (inside(p) ? readFile(p) : undefined) } : {}),
    // The walk follows no symlinks; the module directory itself must be inside.
    ...(packageDirs ? { packageDirs: (d: string) => (inside(d) ? packageDirs(d) : []) } : {}),
  };
}

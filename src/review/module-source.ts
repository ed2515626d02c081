// Where the module view reads other packages from: the disk around a CLI or
// Action run, or the workspace's own files (the App). Serialisable, so a
// worker thread builds the same view as the main thread.
import type { ModuleLayout, PackageReader, SourceInput } from '../engine/index.js';
import { fsPackageReader } from './module-disk.js';

export interface ModuleSource {
  layout: ModuleLayout;
  /** Absolute directory the workspace paths are relative to, when the module is on disk. */
  fsRoot?: string;
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
  return { goFiles: (dir) => byDir.get(dir === '.' ? '' : dir), readFile: (p) => texts.get(p) };
}

/** The reader a module source stands for. */
export function readerFor(source: ModuleSource, files: readonly SourceInput[]): PackageReader {
  return source.fsRoot ? fsPackageReader(source.fsRoot) : memoryPackageReader(files);
}

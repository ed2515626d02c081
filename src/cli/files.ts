// Finds the .go files a `mapguard check` run analyses and reads them without
// ever failing the whole run: unreadable, non-UTF-8 and oversized files become
// one-line problems and the rest is still analysed.
import { readdirSync, readFileSync, statSync, existsSync, type Dirent } from 'node:fs';
import { join, relative, resolve, sep, dirname, basename } from 'node:path';
import { isGeneratedSource, isSkippedDirName, type SourceInput } from '../engine/index.js';
import type { FileProblem } from '../review/index.js';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface CollectedFiles {
  files: SourceInput[];
  problems: FileProblem[];
  /** Generated files skipped, for the stats. */
  generated: number;
  /** go.mod of each package directory (nearest one above it), relative to the root. */
  goMods: { dir: string; text: string }[];
}

export function toSlash(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

/** Absolute paths of .go files under the targets: vendor/, testdata/, hidden and node_modules folders are skipped unless a target names them. */
export function findGoFiles(targets: string[]): { paths: string[]; problems: FileProblem[] } {
  const out = new Set<string>();
  const problems: FileProblem[] = [];
  const visit = (dir: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      problems.push({ path: dir, message: `cannot read directory: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      return;
    }
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (isSkippedDirName(e.name) || e.name === 'node_modules') continue;
        visit(p);
      } else if (e.isFile() && e.name.endsWith('.go')) out.add(p);
    }
  };
  for (const t of targets) {
    const abs = resolve(t);
    if (!existsSync(abs)) {
      problems.push({ path: t, message: 'no such file or directory' });
      continue;
    }
    const st = statSync(abs);
    if (st.isDirectory()) visit(abs);
    else if (abs.endsWith('.go')) out.add(abs);
  }
  return { paths: [...out].sort(), problems };
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function readSources(paths: string[], root: string): CollectedFiles {
  const files: SourceInput[] = [];
  const problems: FileProblem[] = [];
  let generated = 0;
  const goModCache = new Map<string, string | null>();
  const goMods = new Map<string, string>();
  for (const abs of paths) {
    const path = toSlash(relative(root, abs));
    let bytes: Buffer;
    try {
      if (statSync(abs).size > MAX_FILE_BYTES) {
        problems.push({ path, message: `skipped: larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB` });
        continue;
      }
      bytes = readFileSync(abs);
    } catch (e) {
      problems.push({ path, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      continue;
    }
    if (bytes.includes(0)) {
      problems.push({ path, message: 'skipped: binary content (NUL byte)' });
      continue;
    }
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      problems.push({ path, message: 'skipped: not valid UTF-8' });
      continue;
    }
    if (isGeneratedSource(text)) {
      generated++;
      continue;
    }
    files.push({ path, text });
    const dir = dirname(abs);
    const pkgDir = toSlash(relative(root, dir));
    if (!goMods.has(pkgDir)) {
      const mod = nearestGoMod(dir, goModCache);
      if (mod !== null) goMods.set(pkgDir, mod);
    }
  }
  return { files, problems, generated, goMods: [...goMods].map(([dir, text]) => ({ dir, text })) };
}

function nearestGoMod(dir: string, cache: Map<string, string | null>): string | null {
  const seen: string[] = [];
  let d = dir;
  let found: string | null = null;
  for (;;) {
    if (cache.has(d)) {
      found = cache.get(d)!;
      break;
    }
    seen.push(d);
    const p = join(d, 'go.mod');
    if (existsSync(p)) {
      try {
        found = readFileSync(p, 'utf8');
      } catch {
        found = null;
      }
      break;
    }
    const up = dirname(d);
    if (up === d || basename(d) === '') break;
    d = up;
  }
  for (const s of seen) cache.set(s, found);
  return found;
}

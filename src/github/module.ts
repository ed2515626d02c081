// The module view of a pull request review: which packages around the changed
// ones the engine may read. When the changed packages are the whole module, the
// loaded files are the module (in memory). Otherwise the head archive is
// extracted and read from disk; the analysed files still come from the blobs
// (exact head bytes: an archive honours export-ignore / export-subst attributes).
// There is no module cache here: a dependency is seen only through vendor/.
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { Config } from '../config/index.js';
import { dirOf, parseGoModFile, parseGoWorkUses, type ModuleInfo, type ModuleLayout } from '../engine/index.js';
import type { ModuleSource } from '../review/module-source.js';
import { ArchiveTooLargeError, type ModuleArchives } from './archive.js';
import type { LoadedPull, PullRef } from './source.js';
import type { Log, Octokit } from './types.js';
import { httpStatus } from '../publish/client.js';

export interface PreparedModule {
  module?: ModuleSource;
  /** How the module is read: for the log and tests. */
  via: 'off' | 'loaded' | 'archive' | 'fallback';
  /** One line for the check-run summary (the archive could not be used). */
  note?: string;
  /** Removes the extracted archive; safe to call twice. */
  cleanup(): Promise<void>;
}

const noop = async () => {};

/** The modules of the loaded go.mod files (no vendor/: it was not loaded). */
export function loadedLayout(goMods: readonly { dir: string; text: string }[]): ModuleLayout {
  const modules: ModuleInfo[] = [];
  for (const m of goMods) {
    const info = parseGoModFile(m.text, m.dir);
    if (info) modules.push(info);
  }
  return { modules };
}

/** A relative path inside the root, normalised ('' for the root), or undefined when it leaves it. */
function insideRoot(rel: string): string | undefined {
  const n = posix.normalize(rel);
  if (n === '.' || n === '') return '';
  return n === '..' || n.startsWith('../') || posix.isAbsolute(n) ? undefined : n;
}

/** The nearest directory at or above `dir` (never above the root) holding `name`. */
function findUp(root: string, dir: string, name: string): string | undefined {
  for (let d = dir; ; d = dirOf(d)) {
    if (existsSync(join(root, d, name))) return d;
    if (d === '') return undefined;
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The layout around `dirs` in an extracted tree: each package's nearest go.mod and
 * the go.work above it, like the CLI's, but bounded by the root and with no module
 * cache. Replace directives and go.work entries that leave the root are dropped
 * (the reader refuses them anyway).
 */
export function archiveLayout(root: string, dirs: readonly string[]): ModuleLayout {
  const modules = new Map<string, ModuleInfo>();
  const add = (rel: string) => {
    if (modules.has(rel)) return;
    const text = readText(join(root, rel, 'go.mod'));
    const info = text ? parseGoModFile(text, rel, existsSync(join(root, rel, 'vendor', 'modules.txt'))) : undefined;
    if (!info) return;
    for (const [path, r] of Object.entries(info.replaces)) if (r.dir !== undefined && insideRoot(posix.join(rel, r.dir)) === undefined) delete info.replaces[path];
    modules.set(rel, info);
  };
  for (const dir of dirs) {
    const mod = findUp(root, dir, 'go.mod');
    if (mod !== undefined) add(mod);
    const work = findUp(root, dir, 'go.work');
    const text = work !== undefined ? readText(join(root, work, 'go.work')) : undefined;
    if (work === undefined || !text) continue;
    for (const use of parseGoWorkUses(text)) {
      const rel = insideRoot(posix.join(work, use));
      if (rel !== undefined) add(rel);
    }
  }
  return { modules: [...modules.values()] };
}

function reason(e: unknown): string {
  if (e instanceof ArchiveTooLargeError) return e.message;
  const status = httpStatus(e);
  if (status !== undefined) return `GitHub answered ${status} for the repository archive${status >= 500 ? ' after retries' : ''}`;
  return `the repository archive could not be read (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`;
}

/**
 * The module source for one review. Never throws for the archive: any failure
 * falls back to the loaded packages with a note, so a review is never lost to it.
 */
export async function prepareModule(octokit: Octokit, pr: PullRef, loaded: LoadedPull, config: Config, archives: ModuleArchives | undefined, log: Log): Promise<PreparedModule> {
  if (!config.module_view) return { via: 'off', cleanup: noop };
  const inMemory: ModuleSource = { layout: loadedLayout(loaded.workspace.goMods ?? []) };
  if (!loaded.head?.beyond || !archives) return { module: inMemory, via: 'loaded', cleanup: noop };
  try {
    const t0 = Date.now();
    const checkout = await archives.checkout(octokit, pr, loaded.head.treeSha);
    const dirs = [...new Set(loaded.workspace.files.map((f) => dirOf(f.path)))];
    const layout = archiveLayout(checkout.dir, dirs);
    log.info({ treeSha: loaded.head.treeSha, cached: checkout.cached, files: checkout.files, modules: layout.modules.length, ms: Date.now() - t0 }, 'module view from the head archive');
    return { module: { layout, fsRoot: checkout.dir, confined: true }, via: 'archive', cleanup: checkout.cleanup };
  } catch (e) {
    log.warn({ err: e }, 'module view: head archive not used');
    return { module: inMemory, via: 'fallback', note: `Only the changed packages were read for types declared elsewhere (${reason(e)}); threads of earlier findings stay open until a review that reads the whole module.`, cleanup: noop };
  }
}

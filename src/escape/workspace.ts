// Workspace preparation: base and head source trees in a private temp dir,
// from tar(.gz) archives (App: GitHub tarballs at two SHAs) or from git (CLI).
// Extraction is done entry by entry with explicit checks instead of a general
// "unpack": absolute paths, `..`, links leaving the tree, device files and
// FIFOs are refused (the whole archive fails), and bytes and file count are capped.
import { execFile, spawn } from 'node:child_process';
import { chmodSync, copyFileSync, lstatSync, mkdirSync, mkdtempSync, readlinkSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, sep } from 'node:path';
import { Readable } from 'node:stream';
import { Parser, type ReadEntry } from 'tar';

export interface ExtractLimits {
  /** Sum of regular file sizes. */
  maxBytes: number;
  /** Entries of any kind. */
  maxFiles: number;
}

export const DEFAULT_EXTRACT_LIMITS: ExtractLimits = { maxBytes: 1024 ** 3, maxFiles: 100_000 };

export interface ExtractOptions extends Partial<ExtractLimits> {
  /** Leading path components dropped from every entry (GitHub tarballs wrap everything in `owner-repo-sha/`). */
  stripComponents?: number;
  /**
   * A symlink leaving the tree: 'refuse' the archive (default: someone else's code, where such a
   * link is an attack), or 'skip' the link (the user's own checkout through `git archive`: a
   * `docs/passwd -> /etc/passwd` there is unrelated to the Go code, and is never created either way).
   */
  outsideLinks?: 'refuse' | 'skip';
}

export class ArchiveRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArchiveRefusedError';
  }
}

export interface PreparedWorkspaces {
  baseDir: string;
  headDir: string;
  /** Removes everything prepared; safe to call twice. */
  cleanup(): Promise<void>;
}

/** A new private temp dir; traversable (not listable) by others so an unprivileged sandbox user can reach bind-mounted children. */
/** Temporary roots made and not yet removed: what a killed CLI must not leave behind. */
const liveTempRoots = new Set<string>();

export function makeTempRoot(prefix = 'mapguard-escape-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o711);
  liveTempRoots.add(dir);
  return dir;
}

/** Removes a root made by makeTempRoot (and forgets it). */
export function removeTempRoot(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  liveTempRoots.delete(dir);
}

/** Removes every root still alive, synchronously: the last act of a signal handler. */
export function removeLiveTempRoots(): void {
  for (const dir of [...liveTempRoots]) removeTempRoot(dir);
}

/** The two empty directories a comparison extracts into: `<root>/base` and `<root>/head`. */
function makeBaseAndHead(root: string): { baseDir: string; headDir: string } {
  const baseDir = join(root, 'base');
  const headDir = join(root, 'head');
  mkdirSync(baseDir, { mode: 0o755 });
  mkdirSync(headDir, { mode: 0o755 });
  return { baseDir, headDir };
}

/**
 * Checks an archive member path and returns it normalised and relative, or
 * throws. `strip` components are removed first; an entry that is only the
 * stripped prefix yields ''.
 */
export function safeEntryPath(raw: string, strip: number): string {
  if (raw.includes('\0')) throw new ArchiveRefusedError(`refused entry with a NUL byte: ${JSON.stringify(raw)}`);
  const p = raw.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) throw new ArchiveRefusedError(`refused absolute path: ${raw}`);
  const parts = p.split('/').filter((s) => s !== '' && s !== '.');
  if (parts.includes('..')) throw new ArchiveRefusedError(`refused path with "..": ${raw}`);
  return parts.slice(strip).join('/');
}

/** True when a link at `entry` pointing to `target` resolves inside the tree. */
export function linkStaysInside(entry: string, target: string): boolean {
  if (target.startsWith('/') || /^[A-Za-z]:/.test(target) || target.includes('\0')) return false;
  const resolved = posix.normalize(posix.join(posix.dirname(entry), target.replace(/\\/g, '/')));
  return resolved !== '..' && !resolved.startsWith('../') && !resolved.startsWith('/');
}

/** Extracts a tar or tar.gz stream into `dest` (which must exist), or throws ArchiveRefusedError. */
export async function extractArchive(input: Buffer | Readable, dest: string, opts: ExtractOptions = {}): Promise<{ files: number; bytes: number }> {
  const limits = { ...DEFAULT_EXTRACT_LIMITS, ...opts };
  const strip = opts.stripComponents ?? 0;
  const root = realpathSync(dest);
  const stream = Buffer.isBuffer(input) ? Readable.from([input]) : input;
  let files = 0;
  let bytes = 0;

  return new Promise((resolve, reject) => {
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      stream.unpipe(parser);
      stream.destroy();
      reject(e instanceof Error ? e : new Error(String(e)));
    };
    const parser = new Parser({
      strict: true,
      onwarn: (code: string, message: string) => fail(new ArchiveRefusedError(`unreadable archive (${code}): ${message}`)),
    });

    const inside = (rel: string) => join(root, ...rel.split('/'));
    // Defence in depth: the real parent directory must still be under the root.
    const checkParent = (rel: string) => {
      const parent = realpathSync(join(inside(rel), '..'));
      if (parent !== root && !parent.startsWith(root + sep)) throw new ArchiveRefusedError(`refused entry whose directory leaves the tree: ${rel}`);
    };

    parser.on('entry', (entry: ReadEntry) => {
      if (failed) return entry.resume();
      try {
        files++;
        if (files > limits.maxFiles) throw new ArchiveRefusedError(`archive has more than ${limits.maxFiles} entries`);
        const rel = safeEntryPath(entry.path, strip);
        switch (entry.type) {
          case 'Directory':
            if (rel) {
              mkdirSync(inside(rel), { recursive: true, mode: 0o755 });
              checkParent(rel);
            }
            entry.resume();
            return;
          case 'File':
          case 'OldFile':
          case 'ContiguousFile': {
            if (!rel) throw new ArchiveRefusedError(`refused file entry at the archive root prefix: ${entry.path}`);
            bytes += entry.size;
            if (bytes > limits.maxBytes) throw new ArchiveRefusedError(`archive holds more than ${limits.maxBytes} bytes`);
            mkdirSync(join(inside(rel), '..'), { recursive: true, mode: 0o755 });
            checkParent(rel);
            const target = inside(rel);
            const chunks: Buffer[] = [];
            entry.on('data', (c: Buffer) => chunks.push(c));
            entry.on('end', () => {
              if (failed) return;
              try {
                // wx: never follow or replace something already there (e.g. a symlink planted earlier).
                writeFileSync(target, Buffer.concat(chunks), { flag: 'wx', mode: (entry.mode ?? 0o644) & 0o111 ? 0o755 : 0o644 });
              } catch (e) {
                fail(e);
              }
            });
            return;
          }
          case 'SymbolicLink': {
            const link = entry.linkpath ?? '';
            if (rel && !linkStaysInside(rel, link) && opts.outsideLinks === 'skip') {
              entry.resume();
              return;
            }
            if (!rel || !linkStaysInside(rel, link)) throw new ArchiveRefusedError(`refused symlink leaving the tree: ${entry.path} -> ${link}`);
            mkdirSync(join(inside(rel), '..'), { recursive: true, mode: 0o755 });
            checkParent(rel);
            symlinkSync(link, inside(rel));
            entry.resume();
            return;
          }
          case 'Link': {
            // Hard link targets are archive paths, not relative to the entry.
            const target = safeEntryPath(entry.linkpath ?? '', strip);
            if (!rel || !target) throw new ArchiveRefusedError(`refused hard link: ${entry.path} -> ${entry.linkpath}`);
            mkdirSync(join(inside(rel), '..'), { recursive: true, mode: 0o755 });
            checkParent(rel);
            checkParent(target);
            const st = lstatSync(inside(target));
            if (!st.isFile()) throw new ArchiveRefusedError(`refused hard link to a non-file: ${entry.path} -> ${entry.linkpath}`);
            bytes += st.size;
            if (bytes > limits.maxBytes) throw new ArchiveRefusedError(`archive holds more than ${limits.maxBytes} bytes`);
            copyFileSync(inside(target), inside(rel));
            entry.resume();
            return;
          }
          case 'CharacterDevice':
          case 'BlockDevice':
          case 'FIFO':
            throw new ArchiveRefusedError(`refused ${entry.type} entry: ${entry.path}`);
          default:
            // Metadata entries (pax, GNU long names) are consumed by the parser; anything else is skipped.
            entry.resume();
            return;
        }
      } catch (e) {
        entry.resume();
        fail(e);
      }
    });
    parser.on('error', fail);
    parser.on('end', () => {
      if (!failed) resolve({ files, bytes });
    });
    stream.on('error', fail);
    stream.pipe(parser);
  });
}

/** App: the two repository archives (tar or tar.gz, GitHub's `owner-repo-sha/` prefix stripped by default). */
export async function prepareArchiveWorkspaces(
  baseTarball: Buffer | Readable,
  headTarball: Buffer | Readable,
  opts: ExtractOptions = {},
): Promise<PreparedWorkspaces> {
  const root = makeTempRoot();
  const cleanup = cleanupOf(root);
  try {
    const { baseDir, headDir } = makeBaseAndHead(root);
    const o = { stripComponents: 1, ...opts };
    await extractArchive(baseTarball, baseDir, o);
    await extractArchive(headTarball, headDir, o);
    return { baseDir, headDir, cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

/**
 * CLI: base = `git archive` of the merge base of <baseRef> and HEAD (the ref itself when
 * there is none), matching `git diff --merge-base`; head = the
 * working tree as it is now (tracked files with uncommitted edits, plus
 * untracked files that are not ignored), because the CLI analyses and diffs the
 * files on disk. Nothing in the repository (index, objects, worktrees) is touched.
 */
export async function prepareGitWorkspaces(repoDir: string, baseRef: string, opts: ExtractOptions = {}): Promise<PreparedWorkspaces> {
  if (baseRef.startsWith('-')) throw new Error(`invalid git ref: ${baseRef}`);
  const top = (await git(repoDir, ['rev-parse', '--show-toplevel'])).trim();
  const commit = (await git(top, ['rev-parse', '--verify', '--quiet', `${baseRef}^{commit}`]).catch(() => '')).trim();
  if (!/^[0-9a-f]{40,64}$/.test(commit)) throw new Error(`cannot resolve git ref "${baseRef}" in ${repoDir}`);
  // Like the CLI's diff (and a pull request): compare with the merge base of the ref and HEAD, so
  // commits that landed on the base branch meanwhile are not counted as this change's.
  const mergeBase = (await git(top, ['merge-base', commit, 'HEAD']).catch(() => '')).trim();
  const tree = /^[0-9a-f]{40,64}$/.test(mergeBase) ? mergeBase : commit;
  const root = makeTempRoot();
  const cleanup = cleanupOf(root);
  try {
    const { baseDir, headDir } = makeBaseAndHead(root);
    const child = spawn('git', ['-C', top, 'archive', '--format=tar', tree], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const exited = new Promise<number>((res) => child.on('close', (code) => res(code ?? 1)));
    await extractArchive(child.stdout, baseDir, { ...opts, stripComponents: 0, outsideLinks: 'skip' });
    if ((await exited) !== 0) throw new Error(`git archive ${baseRef} failed: ${stderr.trim()}`);
    copyWorkingTree(top, headDir, (await git(top, ['ls-files', '-z', '--cached', '--others', '--exclude-standard'])).split('\0'), opts);
    return { baseDir, headDir, cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

/** Copies listed working-tree files with the same rules as archive extraction. */
export function copyWorkingTree(top: string, dest: string, paths: string[], opts: ExtractOptions = {}): void {
  const limits = { ...DEFAULT_EXTRACT_LIMITS, ...opts };
  let files = 0;
  let bytes = 0;
  for (const raw of new Set(paths)) {
    if (!raw) continue;
    const rel = safeEntryPath(raw, 0);
    let st;
    try {
      st = lstatSync(join(top, rel));
    } catch {
      continue; // deleted in the working tree but still in the index
    }
    if (++files > limits.maxFiles) throw new ArchiveRefusedError(`working tree has more than ${limits.maxFiles} files`);
    const to = join(dest, ...rel.split('/'));
    if (st.isSymbolicLink()) {
      const link = readlinkSync(join(top, rel));
      if (!linkStaysInside(rel, link)) continue; // same rule as archives, but a user's own checkout is not refused wholesale
      mkdirSync(join(to, '..'), { recursive: true, mode: 0o755 });
      symlinkSync(link, to);
    } else if (st.isFile()) {
      bytes += st.size;
      if (bytes > limits.maxBytes) throw new ArchiveRefusedError(`working tree holds more than ${limits.maxBytes} bytes`);
      mkdirSync(join(to, '..'), { recursive: true, mode: 0o755 });
      copyFileSync(join(top, rel), to);
      chmodSync(to, st.mode & 0o111 ? 0o755 : 0o644);
    }
    // directories (submodules) and special files are skipped
  }
}

function cleanupOf(root: string): () => Promise<void> {
  return async () => {
    removeTempRoot(root);
  };
}

function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', ['-C', cwd, ...args], { maxBuffer: 256 * 1024 ** 2 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`git ${args[0]} failed: ${stderr.trim() || err.message}`));
      else resolve(stdout);
    });
  });
}

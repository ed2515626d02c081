// Reads a pull request through the REST API: its changed files (paginated, with
// a tree-diff fallback past the files API's 3,000-file cap), every .go file of
// each changed package at the head SHA (Git trees + blobs: no 1 MB limit), and
// the go.mod files above them. The tree listings on the way also say whether the
// module holds more Go code than that, and give the head's tree SHA (module view).
import { createHash } from 'node:crypto';
import { parsePatch, type FileDiff, type FileStatus } from '../diff/index.js';
import { dirOf, isGeneratedSource, isSkippedDir, isSkippedDirName, type SourceInput } from '../engine/index.js';
import type { Workspace } from '../review/types.js';
import type { Octokit } from './types.js';

/** The pull request files API lists at most this many files. */
export const FILES_API_CAP = 3000;

export interface PullRef {
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  baseSha: string;
  /** changed_files from the pull request object, when known. */
  changedFiles?: number;
}

export interface Limits {
  /** Most .go files loaded for one review. */
  maxFiles: number;
  /** Most bytes of Go source loaded for one review. */
  maxBytes: number;
  /** Parallel blob downloads. */
  blobConcurrency: number;
}

export const DEFAULT_LIMITS: Limits = { maxFiles: 3000, maxBytes: 64 * 1024 * 1024, blobConcurrency: 8 };

export interface LoadedPull {
  workspace: Workspace;
  diff: FileDiff[];
  /** Paths whose changed lines are unknown (no patch): findings there go to annotations only. */
  wholeFile: Set<string>;
  /** Said in the check-run summary. */
  notes: string[];
  /** Changed files, of any kind. */
  changedCount: number;
  /** The head's root tree, when it was listed (the module view decides from it). */
  head?: HeadTree;
}

export interface HeadTree {
  /** The git tree SHA of the head's root (`git rev-parse <head>^{tree}`): equal trees, equal archives. */
  treeSha: string;
  /**
   * The directories listed on the way to the changed packages hold Go code that is not
   * loaded: another package, a subdirectory off the path (it may hold one) or vendor/.
   * False: the loaded packages are the whole module, so no archive is needed.
   */
  beyond: boolean;
}

interface ChangedFile {
  path: string;
  oldPath?: string;
  status: FileStatus;
  patch?: string;
}

function mapStatus(s: string): FileStatus {
  switch (s) {
    case 'added':
    case 'copied':
      return 'added';
    case 'removed':
      return 'deleted';
    case 'renamed':
      return 'renamed';
    default:
      return 'modified';
  }
}

/** A Go file outside the directories mapguard never analyses (as the CLI skips them). */
export function isGoFile(path: string): boolean {
  return path.endsWith('.go') && !isSkippedDir(dirOf(path));
}

/** The PR files API, every page; `capped` when GitHub stopped at its limit. */
async function listPullFiles(octokit: Octokit, pr: PullRef): Promise<{ files: ChangedFile[]; capped: boolean }> {
  const raw = await octokit.paginate(octokit.rest.pulls.listFiles, { owner: pr.owner, repo: pr.repo, pull_number: pr.number, per_page: 100 });
  const files = raw.map((f) => {
    const c: ChangedFile = { path: f.filename, status: mapStatus(f.status) };
    if (f.previous_filename) c.oldPath = f.previous_filename;
    if (f.patch !== undefined) c.patch = f.patch;
    return c;
  });
  // changed_files may be stale against a newer push, so only the documented cap decides.
  const capped = files.length >= FILES_API_CAP;
  return { files, capped };
}

export interface TreeEntry {
  path: string;
  type: string;
  sha: string;
  mode: string;
}

async function recursiveTree(octokit: Octokit, pr: PullRef, sha: string): Promise<{ entries: TreeEntry[]; truncated: boolean }> {
  const { data } = await octokit.rest.git.getTree({ owner: pr.owner, repo: pr.repo, tree_sha: sha, recursive: 'true' });
  const entries = data.tree.filter((e): e is TreeEntry => typeof e.path === 'string' && typeof e.sha === 'string' && typeof e.type === 'string' && typeof e.mode === 'string');
  return { entries, truncated: data.truncated };
}

/**
 * Past the files API's cap: compare the merge base's tree with the head tree.
 * Only Go-relevant paths matter here, so blob SHAs are compared without patches.
 */
async function treeDiff(octokit: Octokit, pr: PullRef): Promise<{ files: ChangedFile[]; truncated: boolean }> {
  const { data: cmp } = await octokit.rest.repos.compareCommitsWithBasehead({
    owner: pr.owner,
    repo: pr.repo,
    basehead: `${pr.baseSha}...${pr.headSha}`,
    per_page: 1,
  });
  const base = await recursiveTree(octokit, pr, cmp.merge_base_commit.sha);
  const head = await recursiveTree(octokit, pr, pr.headSha);
  const relevant = (e: TreeEntry) => e.type === 'blob' && (isGoFile(e.path) || e.path.endsWith('go.mod'));
  const before = new Map(base.entries.filter(relevant).map((e) => [e.path, e.sha]));
  const files: ChangedFile[] = [];
  for (const e of head.entries.filter(relevant)) {
    const old = before.get(e.path);
    if (old === undefined) files.push({ path: e.path, status: 'added' });
    else if (old !== e.sha) files.push({ path: e.path, status: 'modified' });
    before.delete(e.path);
  }
  for (const path of before.keys()) files.push({ path, status: 'deleted' });
  return { files, truncated: base.truncated || head.truncated };
}

/**
 * The git tree SHA of a directory from its listing, as git hashes a tree object
 * (`<mode> <name>\0<20-byte sha>` per entry, subtrees sorted as `name/`). Computed
 * rather than asked for: the commit object would cost a request.
 */
export function gitTreeSha(entries: readonly TreeEntry[]): string {
  const key = (e: TreeEntry) => (e.type === 'tree' ? `${e.path}/` : e.path);
  const sorted = [...entries].sort((a, b) => Buffer.compare(Buffer.from(key(a)), Buffer.from(key(b))));
  const body = Buffer.concat(sorted.map((e) => Buffer.concat([Buffer.from(`${e.mode.replace(/^0+/, '')} ${e.path}\0`), Buffer.from(e.sha, 'hex')])));
  return createHash('sha1').update(Buffer.concat([Buffer.from(`tree ${body.length}\0`), body])).digest('hex');
}

/** Whether the listed directories hold Go code beyond the changed packages `dirs`. */
async function goBeyond(walker: TreeWalker, walked: ReadonlySet<string>, dirs: ReadonlySet<string>): Promise<boolean> {
  for (const d of walked) {
    for (const e of (await walker.dir(d)) ?? []) {
      const child = d ? `${d}/${e.path}` : e.path;
      // vendor/ is skipped for analysis but is exactly what the module view reads.
      if (e.type === 'tree' && !walked.has(child) && (e.path === 'vendor' || !isSkippedDirName(e.path))) return true;
      if (e.type === 'blob' && e.path.endsWith('.go') && !dirs.has(d) && !isSkippedDir(d)) return true;
    }
  }
  return false;
}

/** Lists one directory's tree (non-recursive), walking from the root tree; cached per job. */
class TreeWalker {
  private readonly cache = new Map<string, Promise<TreeEntry[] | undefined>>();
  constructor(
    private readonly octokit: Octokit,
    private readonly pr: PullRef,
  ) {}

  dir(path: string): Promise<TreeEntry[] | undefined> {
    let p = this.cache.get(path);
    if (!p) {
      p = this.load(path);
      this.cache.set(path, p);
    }
    return p;
  }

  private async load(path: string): Promise<TreeEntry[] | undefined> {
    let sha = this.pr.headSha;
    if (path !== '') {
      const parent = await this.dir(dirOf(path));
      const name = path.slice(path.lastIndexOf('/') + 1);
      const entry = parent?.find((e) => e.path === name && e.type === 'tree');
      if (!entry) return undefined; // the directory is gone at head (all its files deleted)
      sha = entry.sha;
    }
    const { data } = await this.octokit.rest.git.getTree({ owner: this.pr.owner, repo: this.pr.repo, tree_sha: sha });
    return data.tree.filter((e): e is TreeEntry => typeof e.path === 'string' && typeof e.sha === 'string' && typeof e.type === 'string' && typeof e.mode === 'string');
  }
}

async function blobText(octokit: Octokit, pr: PullRef, sha: string): Promise<string> {
  const { data } = await octokit.rest.git.getBlob({ owner: pr.owner, repo: pr.repo, file_sha: sha });
  return data.encoding === 'base64' ? Buffer.from(data.content, 'base64').toString('utf8') : data.content;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function lineCount(text: string): number {
  if (text === '') return 0;
  const n = text.split('\n').length;
  return text.endsWith('\n') ? n - 1 : n;
}

/** Loads everything the review needs for one pull request at its head SHA. */
export async function loadPull(octokit: Octokit, pr: PullRef, limits: Limits = DEFAULT_LIMITS): Promise<LoadedPull> {
  const notes: string[] = [];
  let { files, capped } = await listPullFiles(octokit, pr);
  const viaTree = capped;
  const changedCount = Math.max(files.length, pr.changedFiles ?? 0);
  if (capped) {
    const t = await treeDiff(octokit, pr);
    files = t.files;
    notes.push(
      `This pull request changes ${pr.changedFiles ?? `at least ${FILES_API_CAP}`} files, more than GitHub's pull request files API lists (${FILES_API_CAP}). ` +
        'Changed Go files were found by comparing the base and head trees instead; their findings cover whole files and appear as annotations, not inline comments.' +
        (t.truncated ? ' The repository tree is too large for one request, so some changed files may be missing.' : ''),
    );
  }

  const goChanged = files.filter((f) => isGoFile(f.path) || (f.oldPath !== undefined && isGoFile(f.oldPath)));
  const wholeFile = new Set<string>();
  const diff: FileDiff[] = [];
  for (const f of goChanged) {
    if (viaTree || (f.patch === undefined && f.status !== 'deleted')) {
      wholeFile.add(f.path);
      continue; // ranges filled in once the head text is known
    }
    diff.push(parsePatch(f.path, f.patch ?? '', f.status, f.oldPath));
  }

  // Every package (directory) with a changed .go file, so package-level rules see siblings.
  const dirs = [...new Set(goChanged.filter((f) => f.status !== 'deleted').map((f) => dirOf(f.path)))].sort();
  const walker = new TreeWalker(octokit, pr);
  const blobs: { path: string; sha: string; size?: number }[] = [];
  for (const dir of dirs) {
    const entries = await walker.dir(dir);
    for (const e of entries ?? []) {
      if (e.type === 'blob' && e.path.endsWith('.go') && e.mode !== '120000') blobs.push({ path: dir ? `${dir}/${e.path}` : e.path, sha: e.sha });
    }
  }

  // go.mod files on the way down to each package (the nearest one sets the Go version).
  const modDirs = new Set<string>();
  for (const dir of dirs) {
    const segs = dir === '' ? [] : dir.split('/');
    for (let i = 0; i <= segs.length; i++) modDirs.add(segs.slice(0, i).join('/'));
  }
  const mods: { dir: string; sha: string }[] = [];
  for (const d of [...modDirs].sort()) {
    const entries = await walker.dir(d);
    const mod = entries?.find((e) => e.path === 'go.mod' && e.type === 'blob');
    if (mod) mods.push({ dir: d, sha: mod.sha });
  }
  // Every directory from the root to each package is listed by now: no extra request.
  const root = dirs.length ? await walker.dir('') : undefined;
  const head = root ? { treeSha: gitTreeSha(root), beyond: await goBeyond(walker, modDirs, new Set(dirs)) } : undefined;

  let selected = blobs;
  if (blobs.length > limits.maxFiles) {
    selected = blobs.slice(0, limits.maxFiles);
    notes.push(`Only the first ${limits.maxFiles} of ${blobs.length} Go files in the changed packages were analysed.`);
  }
  let bytes = 0;
  let overBytes = false;
  const texts = await mapLimit(selected, limits.blobConcurrency, async (b) => {
    if (overBytes) return undefined;
    const text = await blobText(octokit, pr, b.sha);
    bytes += text.length;
    if (bytes > limits.maxBytes) {
      overBytes = true;
      return undefined;
    }
    return text;
  });
  if (overBytes) notes.push(`The changed packages hold more than ${Math.round(limits.maxBytes / 1048576)} MiB of Go source; the rest was not analysed.`);
  const sources: SourceInput[] = [];
  selected.forEach((b, i) => {
    const text = texts[i];
    // Generated files (`// Code generated ... DO NOT EDIT.`) are skipped, as the CLI skips them.
    if (text !== undefined && !isGeneratedSource(text)) sources.push({ path: b.path, text });
  });
  const goMods = await mapLimit(mods, limits.blobConcurrency, async (m) => ({ dir: m.dir, text: await blobText(octokit, pr, m.sha) }));

  const textOf = new Map(sources.map((s) => [s.path, s.text]));
  for (const f of goChanged) {
    if (!wholeFile.has(f.path)) continue;
    if (f.status === 'deleted') {
      diff.push({ path: f.path, status: 'deleted', binary: false, added: [], hunks: [] });
      continue;
    }
    const n = lineCount(textOf.get(f.path) ?? '');
    const ranges = n > 0 ? [{ start: 1, end: n }] : [];
    const fd: FileDiff = { path: f.path, status: f.status, binary: false, added: ranges, hunks: ranges };
    if (f.oldPath !== undefined) fd.oldPath = f.oldPath;
    diff.push(fd);
  }
  if (!viaTree && wholeFile.size > 0) {
    notes.push(
      `GitHub sent no patch for ${wholeFile.size} changed Go ${wholeFile.size === 1 ? 'file' : 'files'} (diff too large): ` +
        [...wholeFile].slice(0, 10).map((p) => `\`${p}\``).join(', ') +
        '. Findings there cover the whole file and appear as annotations only.',
    );
  }
  return { workspace: { files: sources, goMods }, diff, wholeFile, notes, changedCount, ...(head ? { head } : {}) };
}

/** Head-branch-independent config location, as Probot's context.config reads it. */
export const CONFIG_PATH = '.github/mapguard.yml';

/**
 * Raw text of `.github/mapguard.yml` from the repository's default branch (a pull
 * request cannot loosen its own review), else from the owner's `.github`
 * repository like Probot's context.config; undefined when neither exists. The raw
 * text (not context.config's parsed object) is what lets a bad config name its line.
 */
export async function loadConfigText(octokit: Octokit, owner: string, repo: string): Promise<{ text: string; source: string } | undefined> {
  for (const r of repo === '.github' ? [repo] : [repo, '.github']) {
    try {
      const res = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
        owner,
        repo: r,
        path: CONFIG_PATH,
        mediaType: { format: 'raw' },
      });
      const data: unknown = res.data;
      if (typeof data === 'string') return { text: data, source: r === repo ? CONFIG_PATH : `${owner}/.github:${CONFIG_PATH}` };
      // A directory listing (JSON) is not a config file.
      return undefined;
    } catch (e) {
      if ((e as { status?: number }).status === 404) continue;
      throw e;
    }
  }
  return undefined;
}

/**
 * The baseline file named by the config, from the repository's default branch (where the
 * config comes from): the team records it once and updates it on purpose. Undefined when absent.
 */
export async function loadBaselineText(octokit: Octokit, owner: string, repo: string, path: string): Promise<string | undefined> {
  try {
    const res = await octokit.request('GET /repos/{owner}/{repo}/contents/{path}', { owner, repo, path, mediaType: { format: 'raw' } });
    return typeof res.data === 'string' ? res.data : undefined;
  } catch (e) {
    if ((e as { status?: number }).status === 404) return undefined;
    throw e;
  }
}

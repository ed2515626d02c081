// The head commit as one archive, for the module view: downloaded once per tree
// (GET /repos/{owner}/{repo}/tarball/{ref}), kept in a byte-bounded LRU, and
// extracted per review into a private temporary directory holding only what the
// module view reads. Nothing in it is ever run, so links, devices and every file
// the view does not read are simply not written.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Parser, type ReadEntry } from 'tar';
import { isSkippedDirName } from '../engine/index.js';
import { ArchiveRefusedError } from '../escape/index.js';
import { safeEntryPath } from '../escape/workspace.js';
import type { PullRef } from './source.js';
import type { Octokit } from './types.js';

export interface ArchiveLimits {
  /** Most bytes of one downloaded (compressed) archive; a larger one is abandoned mid-download. */
  maxArchiveBytes: number;
  /** Most bytes the LRU keeps across repositories; 0 disables caching. */
  cacheBytes: number;
  /** Most tar entries of any kind. */
  maxEntries: number;
  /** Most bytes of all entries together, as their headers declare (checked before their data is read). */
  maxUnpackedBytes: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxArchiveBytes: 128 * 1024 * 1024,
  cacheBytes: 256 * 1024 * 1024,
  maxEntries: 200_000,
  maxUnpackedBytes: 1024 ** 3,
};

/** The engine's reader skips larger files; writing them would only cost disk. */
const MAX_KEPT_FILE_BYTES = 2 * 1024 * 1024;

export class ArchiveTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`the repository archive is larger than ${limit >= 1048576 ? `${Math.round(limit / 1048576)} MiB` : `${limit} bytes`}`);
    this.name = 'ArchiveTooLargeError';
  }
}

/** An LRU of archives by key, bounded by the sum of their sizes; concurrent loads of one key share a download. */
export class ArchiveCache {
  private readonly entries = new Map<string, Buffer>();
  private readonly loading = new Map<string, Promise<Buffer>>();
  private held = 0;
  hits = 0;
  misses = 0;

  constructor(readonly maxBytes: number) {}

  /** Bytes held now (never above maxBytes). */
  get bytes(): number {
    return this.held;
  }

  async get(key: string, load: () => Promise<Buffer>): Promise<{ data: Buffer; cached: boolean }> {
    const hit = this.entries.get(key);
    if (hit) {
      // Re-insert: Map order is the recency order, oldest first.
      this.entries.delete(key);
      this.entries.set(key, hit);
      this.hits++;
      return { data: hit, cached: true };
    }
    const pending = this.loading.get(key);
    if (pending) {
      this.hits++;
      return { data: await pending, cached: true };
    }
    this.misses++;
    const p = load();
    this.loading.set(key, p);
    try {
      const data = await p;
      this.put(key, data);
      return { data, cached: false };
    } finally {
      this.loading.delete(key);
    }
  }

  /** Drops a key (an archive that would not extract must not be served again). */
  delete(key: string): void {
    const v = this.entries.get(key);
    if (!v) return;
    this.entries.delete(key);
    this.held -= v.length;
  }

  private put(key: string, data: Buffer): void {
    if (data.length > this.maxBytes) return; // used once, never kept
    this.entries.set(key, data);
    this.held += data.length;
    for (const [k, v] of this.entries) {
      if (this.held <= this.maxBytes) break;
      this.entries.delete(k);
      this.held -= v.length;
    }
  }
}

function isByteStream(x: unknown): x is ReadableStream<Uint8Array> {
  return typeof x === 'object' && x !== null && typeof (x as { getReader?: unknown }).getReader === 'function';
}

/**
 * The tarball of `ref`, read as a stream so that a too-large archive is dropped
 * at the bound instead of after buffering it. GitHub answers with a redirect to
 * codeload, which fetch follows; 5xx answers are retried by Octokit's retry plugin.
 */
export async function downloadTarball(octokit: Octokit, pr: PullRef, ref: string, maxBytes: number): Promise<Buffer> {
  const res = await octokit.request('GET /repos/{owner}/{repo}/tarball/{ref}', { owner: pr.owner, repo: pr.repo, ref, request: { parseSuccessResponseBody: false } });
  const body: unknown = res.data;
  if (Buffer.isBuffer(body)) return body;
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (!isByteStream(body)) throw new Error('the archive download returned no body');
  const declared = Number(res.headers['content-length'] ?? NaN);
  if (declared > maxBytes) {
    await body.cancel();
    throw new ArchiveTooLargeError(maxBytes);
  }
  const reader = body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new ArchiveTooLargeError(maxBytes);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

/** The files the module view reads: Go sources (tests are analysed from blobs, never read as evidence), go.mod, go.work, vendor/modules.txt. */
export function keptByModuleView(rel: string): boolean {
  const parts = rel.split('/');
  const name = parts[parts.length - 1]!;
  // Directories the go tool ignores hold no importable package; vendor/ is where dependencies are.
  if (parts.slice(0, -1).some((p) => p !== 'vendor' && isSkippedDirName(p))) return false;
  if (name.endsWith('.go')) return !name.endsWith('_test.go');
  return name === 'go.mod' || name === 'go.work' || rel === 'vendor/modules.txt' || rel.endsWith('/vendor/modules.txt');
}

/**
 * Extracts the module view's files of a tar(.gz) archive into `dest`, dropping
 * GitHub's `<owner>-<repo>-<sha7>/` top directory. Absolute paths and `..` refuse
 * the whole archive (ArchiveRefusedError), as for the sandbox; links, devices and
 * other files are skipped, never created. A corrupt archive rejects.
 */
export function extractModuleFiles(archive: Buffer, dest: string, limits: Pick<ArchiveLimits, 'maxEntries' | 'maxUnpackedBytes'>): Promise<{ files: number; bytes: number }> {
  let entries = 0;
  let declared = 0;
  let files = 0;
  let bytes = 0;
  const made = new Set<string>();
  return new Promise((resolve, reject) => {
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      reject(e instanceof Error ? e : new Error(String(e)));
    };
    const parser = new Parser({
      strict: true,
      onwarn: (code: string, message: string) => fail(new ArchiveRefusedError(`unreadable archive (${code}): ${message}`)),
    });
    parser.on('entry', (entry: ReadEntry) => {
      if (failed) return entry.resume();
      try {
        if (++entries > limits.maxEntries) throw new ArchiveRefusedError(`archive has more than ${limits.maxEntries} entries`);
        declared += entry.size;
        if (declared > limits.maxUnpackedBytes) throw new ArchiveRefusedError(`archive unpacks to more than ${Math.round(limits.maxUnpackedBytes / 1048576)} MiB`);
        const rel = safeEntryPath(entry.path, 1);
        const isFile = entry.type === 'File' || entry.type === 'OldFile' || entry.type === 'ContiguousFile';
        if (!isFile || !rel || entry.size > MAX_KEPT_FILE_BYTES || !keptByModuleView(rel)) return entry.resume();
        const chunks: Buffer[] = [];
        entry.on('data', (c: Buffer) => chunks.push(c));
        entry.on('end', () => {
          if (failed) return;
          try {
            const target = join(dest, ...rel.split('/'));
            const parent = join(target, '..');
            if (!made.has(parent)) mkdirSync(parent, { recursive: true, mode: 0o700 });
            made.add(parent);
            // wx: a path twice in one archive is refused rather than overwritten.
            writeFileSync(target, Buffer.concat(chunks), { flag: 'wx', mode: 0o600 });
            files++;
            bytes += entry.size;
          } catch (e) {
            fail(e);
          }
        });
      } catch (e) {
        entry.resume();
        fail(e);
      }
    });
    parser.on('error', fail);
    parser.on('end', () => {
      if (!failed) resolve({ files, bytes });
    });
    Readable.from([archive]).pipe(parser);
  });
}

/** A checkout of a pull request's head for the module view: a private directory removed by `cleanup`. */
export interface ModuleCheckout {
  dir: string;
  /** The archive came from the cache (no request was made). */
  cached: boolean;
  files: number;
  cleanup(): Promise<void>;
}

/** Downloads (or reuses) head archives and extracts them for one review each. */
export class ModuleArchives {
  readonly cache: ArchiveCache;

  constructor(readonly limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS) {
    this.cache = new ArchiveCache(limits.cacheBytes);
  }

  async checkout(octokit: Octokit, pr: PullRef, treeSha: string): Promise<ModuleCheckout> {
    // Per repository as well as per tree: one installation never reads what another downloaded.
    const key = `${pr.owner}/${pr.repo}@${treeSha}`;
    const { data, cached } = await this.cache.get(key, () => downloadTarball(octokit, pr, pr.headSha, this.limits.maxArchiveBytes));
    const dir = mkdtempSync(join(tmpdir(), 'mapguard-module-'));
    const cleanup = async () => rmSync(dir, { recursive: true, force: true });
    try {
      const { files } = await extractModuleFiles(data, dir, this.limits);
      return { dir, cached, files, cleanup };
    } catch (e) {
      this.cache.delete(key);
      await cleanup();
      throw e;
    }
  }
}

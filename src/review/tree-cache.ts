// A directory of parsed trees, keyed by the SHA-256 of the exact text parsed (content-addressed,
// like golangci-lint's cache): a re-run reads a file's tree instead of parsing it, and a changed
// file simply has another key. The directory name carries everything else a tree depends on
// (the grammar and runtime versions, mapguard's, the format, the byte order), so an upgrade
// starts a fresh directory instead of reading trees it cannot trust.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { endianness, homedir, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { treeArrays, type TreeArrays, type TreeCache } from '../engine/index.js';
import { resultSalt } from './result-cache.js';
import { writeCacheFile } from './cache-files.js';

const FORMAT = 1;
const MAGIC = 0x6d677472; // "mgtr"
const HEADER_BYTES = 8; // magic, node count

/** The user cache directory for mapguard: MAPGUARD_CACHE_DIR, else the platform's cache location. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MAPGUARD_CACHE_DIR) return env.MAPGUARD_CACHE_DIR;
  if (platform() === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'mapguard', 'cache');
  if (platform() === 'darwin') return join(homedir(), 'Library', 'Caches', 'mapguard');
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'mapguard');
}

let saltMemo: string | undefined;

/** What a stored tree depends on besides its text. */
function salt(): string {
  if (saltMemo) return saltMemo;
  const require = createRequire(import.meta.url);
  // A package's version from the package.json above its entry point (web-tree-sitter does not
  // export ./package.json).
  const versionOf = (name: string) => {
    try {
      for (let dir = dirname(require.resolve(name)); dirname(dir) !== dir; dir = dirname(dir)) {
        const file = join(dir, 'package.json');
        if (!existsSync(file)) continue;
        const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === name) return pkg.version ?? '?';
      }
    } catch {
      // not installed as a package (a bundle): the grammar is whatever was bundled
    }
    return '?';
  };
  // mapguard's own version: the nearest package.json above this module (from src/ or dist/src/).
  const own = (() => {
    for (let dir = dirname(fileURLToPath(import.meta.url)); dirname(dir) !== dir; dir = dirname(dir)) {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'mapguard') return pkg.version ?? '?';
      } catch {
        // not here
      }
    }
    return '?';
  })();
  const key = `format ${FORMAT}; mapguard ${own}; tree-sitter-go ${versionOf('tree-sitter-go')}; web-tree-sitter ${versionOf('web-tree-sitter')}; ${endianness()}`;
  saltMemo = createHash('sha256').update(key).digest('hex').slice(0, 16);
  return saltMemo;
}

export class DiskTreeCache implements TreeCache {
  readonly dir: string;
  hits = 0;
  misses = 0;

  constructor(readonly root: string) {
    this.dir = join(root, `trees-${salt()}`);
  }

  private pathOf(text: string): string {
    const h = createHash('sha256').update(text).digest('hex');
    return join(this.dir, h.slice(0, 2), h.slice(2));
  }

  get(text: string): TreeArrays | undefined {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.pathOf(text));
    } catch {
      this.misses++;
      return undefined;
    }
    // A truncated or foreign file is a miss, never a wrong tree.
    if (bytes.length < HEADER_BYTES || bytes.readUInt32LE(0) !== MAGIC) return this.miss();
    const count = bytes.readUInt32LE(4);
    // A fresh buffer: the arrays need their own, aligned at 0 (a read may share Node's pool).
    const buffer = new ArrayBuffer(bytes.length - HEADER_BYTES);
    new Uint8Array(buffer).set(bytes.subarray(HEADER_BYTES));
    let arrays: TreeArrays;
    try {
      arrays = treeArrays(count, buffer);
    } catch {
      return this.miss();
    }
    if (buffer.byteLength !== arrays.buffer.byteLength || count === 0 || arrays.after[0] !== count) return this.miss();
    this.hits++;
    return arrays;
  }

  private miss(): undefined {
    this.misses++;
    return undefined;
  }

  put(text: string, arrays: TreeArrays): void {
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt32LE(MAGIC, 0);
    header.writeUInt32LE(arrays.count, 4);
    writeCacheFile(this.pathOf(text), Buffer.concat([header, Buffer.from(arrays.buffer, 0, arrays.buffer.byteLength)]));
  }
}

/** Default bound on the cache directory; pruning takes it down to three quarters. */
export const TREE_CACHE_MAX_BYTES = 1024 * 1024 * 1024;

/**
 * Removes the oldest stored trees and results (result-cache.ts), by write time, while the
 * directory holds more than `maxBytes`, and directories of other mapguard versions or builds.
 * Errors are ignored: it is a cache.
 */
export function pruneTreeCache(root: string, maxBytes = TREE_CACHE_MAX_BYTES): void {
  const current = new Set([`trees-${salt()}`, `results-${resultSalt()}`]);
  let entries: { path: string; size: number; mtime: number }[] = [];
  try {
    for (const d of readdirSync(root)) {
      if (!d.startsWith('trees-') && !d.startsWith('results-')) continue;
      if (!current.has(d)) {
        rmSync(join(root, d), { recursive: true, force: true });
        continue;
      }
      for (const fan of readdirSync(join(root, d))) {
        for (const f of readdirSync(join(root, d, fan))) {
          const path = join(root, d, fan, f);
          const st = statSync(path);
          entries.push({ path, size: st.size, mtime: st.mtimeMs });
        }
      }
    }
  } catch {
    return;
  }
  let total = entries.reduce((n, e) => n + e.size, 0);
  if (total <= maxBytes) return;
  entries = entries.sort((a, b) => a.mtime - b.mtime);
  for (const e of entries) {
    if (total <= maxBytes * 0.75) break;
    rmSync(e.path, { force: true });
    total -= e.size;
  }
}

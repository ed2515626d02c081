// Files of the caches in the user cache directory (tree-cache.ts, result-cache.ts).
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes a cache file aside and renames it into place: a reader never sees half a file, two
 * writers never mix. A cache that cannot be written (read-only home, full disk) is no error: the
 * next run only does the work again.
 */
export function writeCacheFile(path: string, data: string | Uint8Array): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch {
    // it is a cache
  }
}

// The pull request as the Action sees it: changed lines from the REST API (with
// the workflow token), sources from the checked-out workspace on disk.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parsePatch, type FileDiff, type FileStatus } from '../diff/index.js';
import { dirOf, isGeneratedSource, isSkippedDir, type SourceInput } from '../engine/index.js';
import type { Workspace } from '../review/types.js';
import { moduleLayoutFor } from '../review/module-disk.js';
import type { GitHubClient } from '../publish/client.js';

/** The pull request files API lists at most this many files. */
export const FILES_API_CAP = 3000;

export interface PullFiles {
  diff: FileDiff[];
  capped: boolean;
  /** Paths GitHub gave no patch for (too large): every line counts as changed, no inline comments. */
  noPatch: Set<string>;
  /** The blob SHA of each changed file at the pull request's head, to check the checkout against. */
  headBlobs: Map<string, string>;
}

function mapStatus(s: string): FileStatus {
  return s === 'added' || s === 'copied' ? 'added' : s === 'removed' ? 'deleted' : s === 'renamed' ? 'renamed' : 'modified';
}

/** Every page of GET /pulls/{n}/files as FileDiffs (Go files only). */
export async function fetchPullFiles(client: GitHubClient, owner: string, repo: string, number: number): Promise<PullFiles> {
  const files = await client.paginate(client.rest.pulls.listFiles, { owner, repo, pull_number: number, per_page: 100 });
  const out: PullFiles = { diff: [], capped: files.length >= FILES_API_CAP, noPatch: new Set(), headBlobs: new Map() };
  for (const f of files) {
    if (!f.filename.endsWith('.go') && !f.previous_filename?.endsWith('.go')) continue;
    const status = mapStatus(f.status);
    if (status !== 'deleted' && f.sha) out.headBlobs.set(f.filename, f.sha);
    if (f.patch === undefined && status !== 'deleted') {
      out.noPatch.add(f.filename);
      out.diff.push({ path: f.filename, status, binary: false, added: [{ start: 1, end: Number.MAX_SAFE_INTEGER }], hunks: [{ start: 1, end: Number.MAX_SAFE_INTEGER }] });
      continue;
    }
    out.diff.push(parsePatch(f.filename, f.patch ?? '', status, f.previous_filename));
  }
  return out;
}

/** Git's blob id of a text: a checked-out file is the head's when this equals the files API's sha. */
export function gitBlobSha(bytes: Buffer): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** The .go files of every changed package (directory) and the go.mod files above them, from disk. */
export function readWorkspace(root: string, diff: readonly FileDiff[]): Workspace {
  const dirs = new Set<string>();
  for (const d of diff) {
    if (d.status === 'deleted') continue;
    const dir = dirOf(d.path);
    if (!isSkippedDir(dir)) dirs.add(dir);
  }
  return readPackages(root, dirs);
}

/** Every package of the checkout under `under` (push runs: the default branch for code scanning). */
export function readWholeTree(root: string, under = ''): Workspace {
  const dirs = new Set<string>();
  const walk = (rel: string) => {
    let names: string[];
    try {
      names = readdirSync(join(root, rel));
    } catch {
      return;
    }
    for (const name of names) {
      const child = rel ? `${rel}/${name}` : name;
      const p = join(root, child);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (!isSkippedDir(child) && name !== 'node_modules') walk(child);
      } else if (name.endsWith('.go')) dirs.add(rel);
    }
  };
  walk(under);
  return readPackages(root, dirs);
}

function readPackages(root: string, dirs: Set<string>): Workspace {
  const files: SourceInput[] = [];
  const mods = new Map<string, string>();
  for (const dir of [...dirs].sort()) {
    const abs = join(root, dir);
    if (!existsSync(abs)) continue;
    for (const name of readdirSync(abs).sort()) {
      const p = join(abs, name);
      if (!name.endsWith('.go') || !statSync(p).isFile()) continue;
      const text = readFileSync(p, 'utf8');
      // Generated files (`// Code generated ... DO NOT EDIT.`) are skipped, as the CLI skips them.
      if (!isGeneratedSource(text)) files.push({ path: dir ? `${dir}/${name}` : name, text });
    }
    const segs = dir === '' ? [] : dir.split('/');
    for (let i = 0; i <= segs.length; i++) {
      const d = segs.slice(0, i).join('/');
      const mod = join(root, d, 'go.mod');
      if (!mods.has(d) && existsSync(mod)) mods.set(d, readFileSync(mod, 'utf8'));
    }
  }
  // The checkout holds the whole module: other packages' types count as evidence (issue 17).
  const layout = moduleLayoutFor([...dirs].map((d) => join(root, d)), root);
  return { files, goMods: [...mods.entries()].map(([dir, text]) => ({ dir, text })), module: { layout, fsRoot: root } };
}

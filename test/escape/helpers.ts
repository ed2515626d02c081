// Shared helpers for the escape tests: bwrap gating, temp Go modules, two-commit repos, tar building.
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { Header } from 'tar';
import { BwrapSandbox } from '../../src/escape/sandbox/index.js';

export const TESTDATA = join(dirname(fileURLToPath(import.meta.url)), 'testdata');

/**
 * Whether bwrap-backed tests can run. In CI (process.env.CI) a missing or
 * broken bubblewrap is a failure, not a skip: `.ci/run` installs it.
 */
export async function bwrapGate(): Promise<{ ok: boolean; reason: string }> {
  const a = await new BwrapSandbox().available();
  if (a.ok) return { ok: true, reason: '' };
  const reason = a.reason ?? 'bwrap unavailable';
  if (!process.env.CI) console.warn(`skipping bubblewrap tests: ${reason}`);
  return { ok: false, reason };
}

/** Registers the CI failure for a missing bwrap and returns `it` or `it.skip`. */
export function bwrapIt(gate: { ok: boolean; reason: string }): jest.It {
  if (!gate.ok && process.env.CI) {
    it('bubblewrap is installed and usable (required in CI)', () => {
      throw new Error(`bubblewrap tests cannot run in CI: ${gate.reason}`);
    });
  }
  return gate.ok ? it : it.skip;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `mapguard-test-${prefix}-`));
}

export function writeTree(root: string, files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-C', dir, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
  });
}

/** A repository whose first commit is `base` (a testdata folder) and second commit overlays `head`. */
export function twoCommitRepo(baseFixture: string, headFixture: string): string {
  const dir = tempDir('repo');
  git(dir, 'init', '-q');
  cpSync(join(TESTDATA, baseFixture), dir, { recursive: true });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'base');
  cpSync(join(TESTDATA, headFixture), dir, { recursive: true });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'head');
  return dir;
}

/** Copies a testdata folder into a fresh directory. */
export function fixtureCopy(name: string): string {
  const dir = tempDir(name.replace(/\W/g, '_'));
  cpSync(join(TESTDATA, name), dir, { recursive: true });
  return dir;
}

export function remove(...dirs: string[]): void {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}

export interface TarEntry {
  path: string;
  type?: 'File' | 'Directory' | 'SymbolicLink' | 'Link' | 'CharacterDevice' | 'FIFO';
  body?: string;
  linkpath?: string;
}

/** Builds a tar(.gz) by hand, so tests can hold entries no honest archiver writes. */
export function makeTar(entries: TarEntry[], gzip = true): Buffer {
  const blocks: Buffer[] = [];
  for (const e of entries) {
    const body = Buffer.from(e.body ?? '', 'utf8');
    const type = e.type ?? 'File';
    const h = new Header({ path: e.path, type, size: type === 'File' ? body.length : 0, mode: type === 'Directory' ? 0o755 : 0o644, linkpath: e.linkpath, mtime: new Date(0), uid: 0, gid: 0 });
    const block = Buffer.alloc(512);
    h.encode(block, 0);
    blocks.push(block);
    if (type === 'File' && body.length > 0) {
      blocks.push(body, Buffer.alloc((512 - (body.length % 512)) % 512));
    }
  }
  blocks.push(Buffer.alloc(1024));
  const tar = Buffer.concat(blocks);
  return gzip ? gzipSync(tar) : tar;
}

/** Every path under a directory (relative), for "nothing was written outside" checks. */
export function listTree(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const n of readdirSync(join(root, rel))) {
      const p = rel ? `${rel}/${n}` : n;
      out.push(p);
      if (statSync(join(root, p), { throwIfNoEntry: false })?.isDirectory()) walk(p);
    }
  };
  walk('');
  return out.sort();
}

/** Changed lines of `git diff <base>` in the working tree, enough for these tests (src/diff owns the real parser). */
export function gitDiff(repo: string, base: string): import('../../src/diff/types.js').FileDiff[] {
  const out = git(repo, 'diff', '-U0', '--no-renames', base);
  const files: import('../../src/diff/types.js').FileDiff[] = [];
  let cur: (typeof files)[number] | undefined;
  for (const line of out.split('\n')) {
    const plus = /^\+\+\+ (?:b\/(.+)|\/dev\/null)$/.exec(line);
    if (plus) {
      cur = { path: plus[1] ?? '', status: plus[1] ? 'modified' : 'deleted', binary: false, added: [], hunks: [] };
      files.push(cur);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && cur) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      if (count > 0) {
        cur.added.push({ start, end: start + count - 1 });
        cur.hunks.push({ start, end: start + count - 1 });
      }
    }
  }
  return files;
}

/** A two-commit repository from a base fixture, head overlays (fixture folders) and generated files. */
export function repoWith(baseFixture: string, headFixtures: string[], generated: Record<string, string> = {}): string {
  const dir = tempDir('repo');
  git(dir, 'init', '-q');
  cpSync(join(TESTDATA, baseFixture), dir, { recursive: true });
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'base');
  for (const f of headFixtures) cpSync(join(TESTDATA, f), dir, { recursive: true });
  writeTree(dir, generated);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'head');
  return dir;
}

/** Serves a GOPROXY directory over HTTP on loopback and records the paths asked for. */
export async function serveProxy(dir: string): Promise<{ url: string; requests: string[]; server: Server }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    requests.push(path);
    const file = normalize(join(dir, path));
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  return { url: `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`, requests, server };
}

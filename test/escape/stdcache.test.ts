// The trusted standard-library cache: a run's GOCACHE is filled from the seed
// by hard links (root: the sandbox user cannot modify them) or copies.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { populateFromSeed, seedDirFor, seedReady } from '../../src/escape/stdcache.js';
import { NoSandbox, BwrapSandbox } from '../../src/escape/sandbox/index.js';
import { createEscapeRunner, prepareGitWorkspaces } from '../../src/escape/index.js';
import { bwrapGate, bwrapIt, gitDiff, listTree, remove, repoWith, tempDir } from './helpers.js';

const tc = { go: 'go', goroot: '/g', version: 'go1.26.8', modCache: '' };

function fakeSeed(): string {
  const seed = tempDir('seed');
  mkdirSync(join(seed, 'ab'));
  writeFileSync(join(seed, 'ab', 'abcd-d'), 'object');
  writeFileSync(join(seed, 'trim.txt'), '123');
  writeFileSync(join(seed, 'README'), 'cache');
  writeFileSync(join(seed, 'mapguard-std-seed.json'), JSON.stringify({ go: 'go1.26.8' }));
  return seed;
}

describe('standard-library cache seed', () => {
  it('is keyed by toolchain version and path layout', () => {
    expect(seedDirFor('/c', { tc, sandbox: new BwrapSandbox() })).toBe('/c/go1.26.8-sandbox');
    expect(seedDirFor('/c', { tc, sandbox: new NoSandbox() })).toBe('/c/go1.26.8-host');
    const seed = fakeSeed();
    try {
      expect(seedReady(seed, tc)).toBe(true);
      expect(seedReady(seed, { ...tc, version: 'go1.27.0' })).toBe(false);
    } finally {
      remove(seed);
    }
  });

  it('links cache objects and copies the bookkeeping files', () => {
    const seed = fakeSeed();
    const run = tempDir('runcache');
    try {
      populateFromSeed(seed, run, { link: true });
      expect(statSync(join(run, 'ab', 'abcd-d')).ino).toBe(statSync(join(seed, 'ab', 'abcd-d')).ino);
      expect(statSync(join(run, 'trim.txt')).ino).not.toBe(statSync(join(seed, 'trim.txt')).ino);
      expect(() => statSync(join(run, 'mapguard-std-seed.json'))).toThrow();
    } finally {
      remove(seed, run);
    }
  });

  it('copies everything when linking is not safe, so the seed cannot be rewritten through the run', () => {
    const seed = fakeSeed();
    const run = tempDir('runcache');
    try {
      populateFromSeed(seed, run, { link: false });
      writeFileSync(join(run, 'ab', 'abcd-d'), 'poisoned');
      expect(readFileSync(join(seed, 'ab', 'abcd-d'), 'utf8')).toBe('object');
    } finally {
      remove(seed, run);
    }
  });

  (process.getuid?.() === 0 ? it : it.skip)('as root, directories go to the sandbox user and linked files stay root-owned', () => {
    const seed = fakeSeed();
    const run = tempDir('runcache');
    try {
      populateFromSeed(seed, run, { link: true, owner: 65534 });
      expect(statSync(join(run, 'ab')).uid).toBe(65534);
      expect(statSync(join(run, 'ab', 'abcd-d')).uid).toBe(0);
      expect(statSync(join(run, 'trim.txt')).uid).toBe(65534);
    } finally {
      remove(seed, run);
    }
  });
});

// ---- live: a (small) seed built in the sandbox, used by a comparison, left untouched ----
const gate = await bwrapGate();
const live = bwrapIt(gate);

describe('standard-library cache, live', () => {
  live('is built once in the sandbox and survives a comparison unchanged', async () => {
    const base = tempDir('stdseed');
    const repo = repoWith('registry-base', ['registry-head']);
    const ws = await prepareGitWorkspaces(repo, 'HEAD~1');
    try {
      const runner = createEscapeRunner({ baseDir: ws.baseDir, headDir: ws.headDir, sandbox: 'bwrap', goproxy: 'off', stdCacheDir: base, stdCachePackages: ['errors'] });
      const first = await runner.compare(gitDiff(repo, 'HEAD~1'));
      expect(first.findings.map((f) => f.message)).toEqual([expect.stringContaining('moved to heap: p')]);
      const [seedName] = listTree(base);
      const seed = join(base, seedName!);
      expect(seedName).toMatch(/^go1\.\d+.*-sandbox$/);
      const snapshot = listTree(seed).map((p) => {
        const st = statSync(join(seed, p));
        return `${p} ${st.uid} ${st.mode.toString(8)} ${st.isFile() ? readFileSync(join(seed, p)).length : ''}`;
      });
      expect(snapshot.length).toBeGreaterThan(10);
      if (process.getuid?.() === 0) expect(snapshot.every((l) => l.split(' ')[1] === '0')).toBe(true);
      const second = await runner.compare(gitDiff(repo, 'HEAD~1'));
      expect(second.findings).toHaveLength(1);
      const after = listTree(seed).map((p) => {
        const st = statSync(join(seed, p));
        return `${p} ${st.uid} ${st.mode.toString(8)} ${st.isFile() ? readFileSync(join(seed, p)).length : ''}`;
      });
      expect(after).toEqual(snapshot);
    } finally {
      await ws.cleanup();
      remove(repo, base);
    }
  });
});

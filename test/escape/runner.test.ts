// Runner behaviour around failures and package selection (bwrap).
import { createEscapeRunner, prepareGitWorkspaces } from '../../src/escape/index.js';
import { bwrapGate, bwrapIt, gitDiff, remove, repoWith } from './helpers.js';

const gate = await bwrapGate();
const live = bwrapIt(gate);

describe('escape runner', () => {
  live('a package that stops compiling is left out of the diff on both sides and named in the summary', async () => {
    const repo = repoWith('registry-base', ['registry-head', 'store-broken-head']);
    const ws = await prepareGitWorkspaces(repo, 'HEAD~1');
    try {
      const runner = createEscapeRunner({ baseDir: ws.baseDir, headDir: ws.headDir, sandbox: 'bwrap', goproxy: 'off' });
      const r = await runner.compare(gitDiff(repo, 'HEAD~1'));
      expect(r.summary.incomplete).toMatch(/head: go build store failed: .*undefined: newCacheWithSize/);
      // store's base escape ("moved to heap: c") is not reported as removed: head never compiled it.
      expect(r.summary.removed).toEqual([]);
      expect(r.findings.map((f) => `${f.path}:${f.line}`)).toEqual(['reg/reg.go:16']);
    } finally {
      await ws.cleanup();
      remove(repo);
    }
  });

  live('packages: all compiles unchanged packages too, and they add nothing', async () => {
    const repo = repoWith('registry-base', ['registry-head']);
    const ws = await prepareGitWorkspaces(repo, 'HEAD~1');
    const lines: string[] = [];
    try {
      const runner = createEscapeRunner({ baseDir: ws.baseDir, headDir: ws.headDir, sandbox: 'bwrap', goproxy: 'off', packages: 'all', log: (l) => lines.push(l) });
      const r = await runner.compare(gitDiff(repo, 'HEAD~1'));
      expect(r.summary.incomplete).toBeUndefined();
      expect(lines).toContain("escape: head: go build -gcflags='-m -m' 2 package(s) in .");
      expect(r.summary.packages).toEqual([{ pkg: 'reg', added: 1, removed: 0 }]);
      expect(r.findings).toHaveLength(1);
    } finally {
      await ws.cleanup();
      remove(repo);
    }
  });
});

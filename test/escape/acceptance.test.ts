// Acceptance (issue 7): in a two-commit repository where the head adds
// `p := Point{...}; registry[name] = &p`, the escape comparison through the
// bwrap backend reports escape-new-heap at the `p :=` line quoting
// `moved to heap: p`, and nothing on unchanged lines.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEscapeRunner, prepareGitWorkspaces } from '../../src/escape/index.js';
import type { FileDiff } from '../../src/diff/types.js';
import { bwrapGate, bwrapIt, gitDiff, remove, repoWith } from './helpers.js';

const gate = await bwrapGate();
const live = bwrapIt(gate);

describe('escape-new-heap acceptance (bwrap)', () => {
  live('reports the new escape at the `p :=` line and nothing else', async () => {
    const repo = repoWith('registry-base', ['registry-head']);
    const ws = await prepareGitWorkspaces(repo, 'HEAD~1');
    try {
      const diff = gitDiff(repo, 'HEAD~1');
      const runner = createEscapeRunner({ baseDir: ws.baseDir, headDir: ws.headDir, sandbox: 'bwrap', timeoutSeconds: 240, packages: 'changed', goproxy: 'off' });
      const result = await runner.compare(diff);
      expect(result.summary.incomplete).toBeUndefined();
      const lines = readFileSync(join(repo, 'reg/reg.go'), 'utf8').split('\n');
      const pLine = lines.findIndex((l) => l.includes('p := Point{')) + 1;
      expect(result.findings).toHaveLength(1);
      const f = result.findings[0]!;
      expect(f).toMatchObject({ ruleId: 'escape-new-heap', severity: 'notice', path: 'reg/reg.go', line: pLine, column: 2 });
      expect(f.message).toContain('moved to heap: p');
      expect(f.message).toContain('in Register');
      expect(f.message).toMatch(/from registry\[name\] = &p \(assign\) at reg\/reg\.go:\d+:\d+/);
      expect(result.summary.packages).toEqual([{ pkg: 'reg', added: 1, removed: 0 }]);

      // Unchanged lines stay quiet even when the whole file counts as changed:
      // Origin's `o` escapes at both revisions (at a shifted line) and matches by function + text.
      const wholeFile: FileDiff[] = [{ path: 'reg/reg.go', status: 'modified', binary: false, added: [{ start: 1, end: lines.length }], hunks: [{ start: 1, end: lines.length }] }];
      const again = await runner.compare(wholeFile);
      expect(again.findings.map((x) => x.line)).toEqual([pLine]);
    } finally {
      await ws.cleanup();
      remove(repo);
    }
  });
});

// The race runner's network step: only the modules the tested packages need
// are fetched, from GOPROXY (a local proxy here), into the module cache; the
// offline test step then uses it read-only. A race inside the dependency has
// no line in the repository: it is counted, never a finding.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRaceRunner } from '../../src/race/index.js';
import { makeTempRoot } from '../../src/escape/workspace.js';
import { bwrapGate, bwrapIt, remove, serveProxy, tempDir, TESTDATA as ESCAPE_TESTDATA } from '../escape/helpers.js';

const gate = await bwrapGate();
const live = bwrapIt(gate);
const TESTDATA = join(dirname(fileURLToPath(import.meta.url)), 'testdata');

describe('race runner: module download', () => {
  live('fetches the dependency the tests import, then counts its internal race without a finding', async () => {
    const proxyDir = tempDir('race-proxy');
    const modCache = tempDir('race-modcache');
    execFileSync('go', ['run', '.', join(ESCAPE_TESTDATA, 'dep-module'), 'example.com/dep', 'v1.0.0', proxyDir], {
      cwd: join(ESCAPE_TESTDATA, 'modproxy'),
      env: { ...process.env, CGO_ENABLED: '0', GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod', GOWORK: 'off' },
    });
    const proxy = await serveProxy(proxyDir);
    const root = makeTempRoot();
    const dir = join(root, 'head');
    mkdirSync(dir, { mode: 0o755 });
    cpSync(join(ESCAPE_TESTDATA, 'dep-base'), dir, { recursive: true });
    cpSync(join(TESTDATA, 'dep-race'), dir, { recursive: true });
    try {
      const run = await createRaceRunner({ dir, sandbox: 'bwrap', goproxy: proxy.url, modCacheDir: modCache, packages: ['reg'], count: 1, timeoutSeconds: 300 }).run();
      expect(run.summary.incomplete).toBeUndefined();
      expect(proxy.requests).toContain('/example.com/dep/@v/v1.0.0.zip');
      expect(run.summary.packages).toEqual([expect.objectContaining({ pkg: 'reg', status: 'failed', failedTests: ['TestSaveConcurrently'], races: { map: 0, other: 1 } })]);
      expect(run.summary.races).toEqual({ map: 0, other: 1 });
      // The racing frames are in the module cache: no repository line on the append side.
      const report = run.reports[0]!;
      expect(report.map).toBe(false);
      expect(report.current.frames[0]!.path).toBeUndefined();
    } finally {
      await new Promise<void>((r) => proxy.server.close(() => r()));
      remove(root, proxyDir, modCache);
    }
  }, 600_000);
});

// The network-allowed step: `go mod download` inside the sandbox fetches a
// dependency from GOPROXY (a local proxy here) into the module cache, and the
// no-network compile step then uses that cache read-only.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createEscapeRunner, prepareGitWorkspaces } from '../../src/escape/index.js';
import { bwrapGate, bwrapIt, gitDiff, remove, repoWith, serveProxy, tempDir, TESTDATA } from './helpers.js';

const gate = await bwrapGate();
const live = bwrapIt(gate);

describe('module download step', () => {
  live('downloads a dependency through GOPROXY, then compiles against the read-only cache', async () => {
    const proxyDir = tempDir('proxy');
    const modCache = tempDir('modcache');
    execFileSync('go', ['run', '.', join(TESTDATA, 'dep-module'), 'example.com/dep', 'v1.0.0', proxyDir], {
      cwd: join(TESTDATA, 'modproxy'),
      env: { ...process.env, CGO_ENABLED: '0', GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod', GOWORK: 'off' },
    });
    const proxy = await serveProxy(proxyDir);
    const repo = repoWith('dep-base', ['dep-head']);
    const ws = await prepareGitWorkspaces(repo, 'HEAD~1');
    try {
      const runner = createEscapeRunner({ baseDir: ws.baseDir, headDir: ws.headDir, sandbox: 'bwrap', goproxy: `${proxy.url},direct`, modCacheDir: modCache });
      const r = await runner.compare(gitDiff(repo, 'HEAD~1'));
      expect(r.summary.incomplete).toBeUndefined();
      expect(proxy.requests).toContain('/example.com/dep/@v/v1.0.0.zip');
      expect(existsSync(join(modCache, 'example.com', 'dep@v1.0.0', 'dep', 'dep.go'))).toBe(true);
      // &p flows into dep.Keep, whose parameter leaks to the heap: the compiler moves p.
      expect(r.findings).toHaveLength(1);
      expect(r.findings[0]).toMatchObject({ path: 'reg/reg.go', line: 10 });
      expect(r.findings[0]!.message).toContain('moved to heap: p');
    } finally {
      proxy.server.close();
      await ws.cleanup();
      execFileSync('chmod', ['-R', 'u+w', modCache]);
      remove(repo, proxyDir, modCache);
    }
  });
});

describe('vendored modules', () => {
  live('compile with -mod=vendor and need no download', async () => {
    const repo = repoWith('vendor-base', ['dep-head']);
    const ws = await prepareGitWorkspaces(repo, 'HEAD~1');
    try {
      const r = await createEscapeRunner({ baseDir: ws.baseDir, headDir: ws.headDir, sandbox: 'bwrap', goproxy: 'off' }).compare(gitDiff(repo, 'HEAD~1'));
      expect(r.summary.incomplete).toBeUndefined();
      expect(r.findings.map((f) => `${f.path}:${f.line}`)).toEqual(['reg/reg.go:10']);
    } finally {
      await ws.cleanup();
      remove(repo);
    }
  });
});

// Security tests of the sandboxed runner (issue 7): toolchain downloads,
// hostile cgo flags, symlinks out of the archive, compilations that take
// forever or print without end. They need bubblewrap; CI installs it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { createEscapeRunner, prepareArchiveWorkspaces, prepareGitWorkspaces, ArchiveRefusedError, BwrapSandbox, goEnv } from '../../src/escape/index.js';
import { findToolchain } from '../../src/escape/toolchain.js';
import { DEFAULT_LIMITS } from '../../src/escape/sandbox/index.js';
import { bwrapGate, bwrapIt, gitDiff, listTree, makeTar, remove, repoWith, tempDir } from './helpers.js';

const gate = await bwrapGate();
const live = bwrapIt(gate);

/** A module proxy that records every request and serves nothing. */
async function recordingProxy(): Promise<{ url: string; requests: string[]; server: Server }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.statusCode = 404;
    res.end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { url: `http://127.0.0.1:${port}`, requests, server };
}

async function compareRepo(repo: string, opts: Partial<Parameters<typeof createEscapeRunner>[0]> = {}) {
  const ws = await prepareGitWorkspaces(repo, 'HEAD~1');
  try {
    const runner = createEscapeRunner({ baseDir: ws.baseDir, headDir: ws.headDir, sandbox: 'bwrap', timeoutSeconds: 240, goproxy: 'off', ...opts });
    return { result: await runner.compare(gitDiff(repo, 'HEAD~1')), headTree: listTree(ws.headDir) };
  } finally {
    await ws.cleanup();
  }
}

/** One function with `n` pointers to locals kept alive: escape analysis work and -m=2 output grow with n. */
function manyEscapes(n: number): string {
  const lines = ['package gen', '', 'var sink []*int', '', 'func Many(a []int) {'];
  for (let i = 0; i < n; i++) lines.push(`\tif a[${i % 97}] > ${i} {\n\t\tv${i} := a[${i % 89}]\n\t\tsink = append(sink, &v${i})\n\t}`);
  lines.push('}', '');
  return lines.join('\n');
}

describe('sandboxed runner security', () => {
  live('a head go.mod asking for go1.99.0 is refused with a clear message and nothing is downloaded', async () => {
    const proxy = await recordingProxy();
    const repo = repoWith('registry-base', ['registry-head', 'toolchain-head']);
    try {
      const { result } = await compareRepo(repo, { goproxy: proxy.url });
      expect(result.findings).toEqual([]);
      expect(result.summary.incomplete).toMatch(/head: go\.mod requires go 1\.99\.0, newer than the local toolchain go1\.\d+.*never downloads toolchains \(GOTOOLCHAIN=local\)/);
      expect(proxy.requests).toEqual([]);

      // Even the go command itself, given the network and the proxy, only refuses.
      const tc = await findToolchain();
      const ws = tempDir('gotc');
      execFileSync('chmod', ['-R', 'a+rX', repo]); // the unprivileged sandbox user reads it in place
      const sb = new BwrapSandbox();
      try {
        const r = await sb.run({
          argv: ['/mg/goroot/bin/go', 'mod', 'download'],
          cwd: '/mg/src',
          env: goEnv({ goroot: '/mg/goroot', gomod: '/mg/home/gomod', gocache: '/mg/home/cache', home: '/mg/home', tmp: '/tmp' }, proxy.url, false),
          mounts: [
            { host: tc.goroot, target: '/mg/goroot', writable: false },
            { host: join(repo), target: '/mg/src', writable: false },
          ],
          scratch: ['/mg/home', '/tmp'],
          network: true,
          limits: { ...DEFAULT_LIMITS, wallSeconds: 60 },
        });
        expect(r.exitCode).not.toBe(0);
        expect(r.stderr).toMatch(/go\.mod requires go >= 1\.99\.0 \(running go 1\.\d+.*; GOTOOLCHAIN=local\)/);
        expect(proxy.requests).toEqual([]);
      } finally {
        remove(ws);
      }
    } finally {
      proxy.server.close();
      remove(repo);
    }
  });

  live('a `toolchain go1.99.0` line alone is ignored: the local toolchain compiles, no download', async () => {
    const proxy = await recordingProxy();
    const repo = repoWith('registry-base', ['registry-head', 'toolchain-line-head']);
    try {
      const { result } = await compareRepo(repo, { goproxy: proxy.url });
      expect(result.summary.incomplete).toBeUndefined();
      expect(result.findings.map((f) => f.message)).toEqual([expect.stringContaining('moved to heap: p')]);
      expect(proxy.requests).toEqual([]);
    } finally {
      proxy.server.close();
      remove(repo);
    }
  });

  const cgoCase = async (sandbox: 'bwrap' | 'none') => {
    const repo = repoWith('registry-base', ['registry-head', 'cgo-head']);
    try {
      const { result, headTree } = await compareRepo(repo, { sandbox, trusted: sandbox === 'none' });
      // The pure Go file compiled; the cgo file did not (CGO_ENABLED=0 excludes it).
      expect(result.summary.incomplete).toBeUndefined();
      expect(result.findings.map((f) => f.path)).toEqual(['reg/reg.go']);
      expect(result.findings.some((f) => f.message.includes('hostile'))).toBe(false);
      // -MD -MF would have written this file next to the package if the flags had reached a C compiler.
      expect(headTree.filter((p) => p.includes('cgo-flags-ran'))).toEqual([]);
      expect(existsSync(join(repo, 'reg', 'cgo-flags-ran.d'))).toBe(false);
    } finally {
      remove(repo);
    }
  };
  live('hostile #cgo flags are never used: the cgo file is not compiled (bwrap)', () => cgoCase('bwrap'));
  it('hostile #cgo flags are never used even without a sandbox (CGO_ENABLED=0 is in the environment itself)', () => cgoCase('none'));

  it('an archive holding a symlink to a file outside the tree is refused before anything runs', async () => {
    const base = makeTar([{ path: 'o-r-1/go.mod', body: 'module m\n\ngo 1.22\n' }]);
    const head = makeTar([
      { path: 'o-r-2/go.mod', body: 'module m\n\ngo 1.22\n' },
      { path: 'o-r-2/secret.go', type: 'SymbolicLink', linkpath: '/etc/passwd' },
    ]);
    await expect(prepareArchiveWorkspaces(base, head)).rejects.toThrow(ArchiveRefusedError);
    await expect(prepareArchiveWorkspaces(base, head)).rejects.toThrow(/symlink leaving the tree: o-r-2\/secret\.go -> \/etc\/passwd/);
  });

  live('a compilation that takes forever is killed at the CPU limit and reported', async () => {
    const repo = repoWith('registry-base', ['registry-head'], { 'gen/gen.go': manyEscapes(8000) });
    try {
      const started = Date.now();
      const { result } = await compareRepo(repo, { limits: { cpuSeconds: 3 } });
      expect(result.summary.incomplete).toMatch(/head: go build gen stopped at the CPU-time limit/);
      // The other changed package still counts.
      expect(result.findings.map((f) => f.path)).toEqual(['reg/reg.go']);
      expect(Date.now() - started).toBeLessThan(120000);
    } finally {
      remove(repo);
    }
  });

  live('a compilation that outlasts timeout_seconds is killed at the wall clock and reported', async () => {
    const repo = repoWith('registry-base', ['registry-head'], { 'gen/gen.go': manyEscapes(8000) });
    try {
      const started = Date.now();
      const { result } = await compareRepo(repo, { timeoutSeconds: 8 });
      expect(result.summary.incomplete).toMatch(/head: timed out/);
      // Nothing half-compared is reported.
      expect(result.findings).toEqual([]);
      expect(result.summary.removed).toEqual([]);
      expect(Date.now() - started).toBeLessThan(30000);
    } finally {
      remove(repo);
    }
  });

  live('a package printing without end is killed at the output cap and reported', async () => {
    const repo = repoWith('registry-base', ['registry-head'], { 'gen/gen.go': manyEscapes(1500) });
    try {
      const { result } = await compareRepo(repo, { limits: { outputBytes: 128 * 1024 } });
      expect(result.summary.incomplete).toMatch(/head: go build gen stopped at the output-size limit/);
      expect(result.findings.map((f) => f.path)).toEqual(['reg/reg.go']);
    } finally {
      remove(repo);
    }
  });
});

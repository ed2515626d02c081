// `npm run bench:escape`: times the escape comparison of a generated
// 50-package repository (every package changed at head) with warm caches,
// through the sandbox given as the first argument (default bwrap).
// Warm-up (not timed): the trusted standard-library cache (built once per
// toolchain, reused across runs). `--cold` times it without that cache.
// Target: under 2 minutes on a 2-core machine.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createEscapeRunner, prepareGitWorkspaces, warmStdCache, type SandboxName } from '../src/escape/index.js';
import type { FileDiff } from '../src/diff/types.js';

const PACKAGES = 50;
const args = process.argv.slice(2);
const cold = args.includes('--cold');
const sandbox = (args.find((a) => !a.startsWith('--')) ?? 'bwrap') as SandboxName;
const stdCacheDir = cold ? undefined : join(tmpdir(), 'mapguard-std-cache');

function write(root: string, rel: string, text: string): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
}

/** A package of ordinary code: a map-backed store, some string work, a few escapes. */
function packageSource(i: number, head: boolean): string {
  const imports = i % 3 === 0 ? ['fmt', 'sort', 'strings'] : ['sort', 'strings'];
  return [
    `package p${i}`,
    '',
    'import (',
    ...imports.map((m) => `\t"${m}"`),
    ')',
    '',
    'type Item struct {',
    '\tName  string',
    '\tScore int',
    '\tTags  []string',
    '}',
    '',
    'type Store struct{ items map[string]*Item }',
    '',
    'func New() *Store { return &Store{items: make(map[string]*Item)} }',
    '',
    'func (s *Store) Put(name string, score int, tags ...string) {',
    head ? '\tit := Item{Name: name, Score: score, Tags: tags}\n\ts.items[name] = &it' : '\ts.items[name] = &Item{Name: name, Score: score, Tags: tags}',
    '}',
    '',
    'func (s *Store) Top(n int) []string {',
    '\tnames := make([]string, 0, len(s.items))',
    '\tfor k := range s.items {',
    '\t\tnames = append(names, k)',
    '\t}',
    '\tsort.Slice(names, func(a, b int) bool { return s.items[names[a]].Score > s.items[names[b]].Score })',
    '\tif len(names) > n {',
    '\t\tnames = names[:n]',
    '\t}',
    '\treturn names',
    '}',
    '',
    'func Join(parts []string) string { return strings.Join(parts, ",") }',
    ...(i % 3 === 0 ? ['', `func Describe(it *Item) string { return fmt.Sprintf("%s=%d", it.Name, it.Score) }`] : []),
    '',
  ].join('\n');
}

function git(dir: string, ...args: string[]): void {
  execFileSync('git', ['-C', dir, ...args], {
    stdio: 'ignore',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@example.com', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@example.com' },
  });
}

async function main(): Promise<void> {
  const repo = mkdtempSync(join(tmpdir(), 'mapguard-bench-escape-'));
  try {
    write(repo, 'go.mod', 'module example.com/bench\n\ngo 1.22\n');
    for (let i = 0; i < PACKAGES; i++) write(repo, `pkg/p${i}/p.go`, packageSource(i, false));
    git(repo, 'init', '-q');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-qm', 'base');
    const diff: FileDiff[] = [];
    for (let i = 0; i < PACKAGES; i++) {
      write(repo, `pkg/p${i}/p.go`, packageSource(i, true));
      // The Put body is the changed part (lines 18-19 of the generated file at head).
      diff.push({ path: `pkg/p${i}/p.go`, status: 'modified', binary: false, added: [{ start: 18 + (i % 3 === 0 ? 1 : 0), end: 19 + (i % 3 === 0 ? 1 : 0) }], hunks: [] });
    }
    git(repo, 'commit', '-qam', 'head');

    if (stdCacheDir) {
      const warmStart = Date.now();
      const problem = await warmStdCache({ sandbox, stdCacheDir, trusted: sandbox === 'none' });
      console.log(`warm-up: standard-library cache ready in ${((Date.now() - warmStart) / 1000).toFixed(1)} s${problem ? ` (problem: ${problem})` : ''}`);
    }
    const ws = await prepareGitWorkspaces(repo, 'HEAD~1');
    try {
      const started = Date.now();
      const runner = createEscapeRunner({
        baseDir: ws.baseDir,
        headDir: ws.headDir,
        sandbox,
        trusted: sandbox === 'none',
        timeoutSeconds: 600,
        goproxy: 'off',
        ...(stdCacheDir ? { stdCacheDir } : {}),
        log: (l) => console.error(`  ${((Date.now() - started) / 1000).toFixed(1)}s ${l}`),
      });
      const result = await runner.compare(diff);
      const seconds = (Date.now() - started) / 1000;
      console.log(`escape comparison, ${PACKAGES} packages, sandbox ${sandbox}${cold ? ', cold build cache' : ''}: ${seconds.toFixed(1)} s (target < 120 s)`);
      console.log(`  findings: ${result.findings.length}; packages with new escapes: ${result.summary.packages.filter((p) => p.added > 0).length}; removed escapes: ${result.summary.removed.length}`);
      if (result.summary.incomplete) console.log(`  incomplete: ${result.summary.incomplete}`);
      if (result.summary.incomplete || seconds >= 120) process.exitCode = 1;
    } finally {
      await ws.cleanup();
    }
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

await main();

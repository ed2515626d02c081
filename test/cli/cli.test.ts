// The CLI contract of docs/architecture.md: formats, exit codes, --base, suppression,
// bad input that must not crash the run.
import { mkdtempSync, writeFileSync, mkdirSync, rmSync, chmodSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

const NIL_WRITE = `package demo

func Build() map[string]int {
	var m map[string]int
	m["a"] = 1
	return m
}
`;
const CLEAN = `package demo

func Build() map[string]int {
	m := make(map[string]int)
	m["a"] = 1
	return m
}
`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function run(args: string[], cwd: string): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'mapguard', ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd });
  return { code, stdout, stderr };
}

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mapguard-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const fixture = (files: Record<string, string>) => {
  const d = tempDir(files);
  dirs.push(d);
  return d;
};

describe('mapguard check', () => {
  it('text format: go vet style line and exit 1 on an error finding', async () => {
    const dir = fixture({ 'demo.go': NIL_WRITE });
    const r = await run(['check', '.'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^demo\.go:5:2: .*nil map.* \[nil-map-write\]$/m);
  });

  it('clean code exits 0: nothing on stdout, one closing line on stderr', async () => {
    const dir = fixture({ 'demo.go': CLEAN });
    const r = await run(['check'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^mapguard: 0 findings \(0 errors, 0 warnings, 0 notices\) in 1 file, 1 package, \d+\.\d s\n$/);
  });

  it('docs_url in the config moves every SARIF helpUri', async () => {
    const dir = fixture({ 'pkg/demo.go': NIL_WRITE, 'mapguard.yml': 'docs_url: https://docs.example.com/mapguard/rules/\n' });
    const r = await run(['check', '--format', 'sarif', '--fail-on', 'never', 'pkg'], dir);
    const sarif = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } } }[] };
    const rules = sarif.runs[0]!.tool.driver.rules;
    expect(rules.find((x) => x.id === 'nil-map-write')!.helpUri).toBe('https://docs.example.com/mapguard/rules/nil-map-write/README.md');
    expect(rules.every((x) => x.helpUri.startsWith('https://docs.example.com/mapguard/rules/'))).toBe(true);
  });

  it('--tests=false leaves _test.go files out', async () => {
    const dir = fixture({ 'demo.go': CLEAN, 'demo_test.go': NIL_WRITE.replace('func Build', 'func buildNil') });
    const withTests = await run(['check', '--fail-on', 'never'], dir);
    expect(withTests.stdout).toMatch(/demo_test\.go:\d+:\d+: .*\[nil-map-write\]/);
    const without = await run(['check', '--tests=false'], dir);
    expect(without).toMatchObject({ code: 0, stdout: '' });
    expect(without.stderr).toMatch(/in 1 file,/);
  });

  it('a path that does not exist is a usage error (exit 2), so a mistyped path never passes CI', async () => {
    const dir = fixture({ 'demo.go': CLEAN });
    const r = await run(['check', 'nonexist/'], dir);
    expect(r).toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^mapguard: nonexist: no such file or directory\n$/) });
  });

  it('sarif: valid 2.1.0 naming nil-map-write at the right line', async () => {
    const dir = fixture({ 'pkg/demo.go': NIL_WRITE });
    const r = await run(['check', '--format', 'sarif', 'pkg'], dir);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout);
    expect(sarif.version).toBe('2.1.0');
    const ids = sarif.runs[0].tool.driver.rules.map((x: { id: string }) => x.id);
    expect(ids).toContain('nil-map-write');
    const res = sarif.runs[0].results;
    expect(res).toHaveLength(1);
    expect(res[0].ruleId).toBe('nil-map-write');
    expect(res[0].level).toBe('error');
    expect(res[0].locations[0].physicalLocation.artifactLocation.uri).toBe('pkg/demo.go');
    expect(res[0].locations[0].physicalLocation.region.startLine).toBe(5);
    expect(Object.keys(res[0].partialFingerprints).length).toBeGreaterThan(0);
    expect(res[0].fixes?.length).toBe(1);
  });

  it('json: the contract shape', async () => {
    const dir = fixture({ 'demo.go': NIL_WRITE });
    const r = await run(['check', '--format', 'json'], dir);
    const out = JSON.parse(r.stdout);
    expect(out.findings[0]).toMatchObject({ ruleId: 'nil-map-write', severity: 'error', path: 'demo.go', line: 5, column: 2 });
    for (const k of ['endLine', 'endColumn', 'message']) expect(out.findings[0]).toHaveProperty(k);
    expect(out.findings[0].suggestion).toBeDefined();
    expect(out.stats).toBeDefined();
  });

  it('github format: workflow commands', async () => {
    const dir = fixture({ 'demo.go': NIL_WRITE });
    const r = await run(['check', '--format', 'github'], dir);
    expect(r.stdout).toMatch(/^::error file=demo\.go,line=5,/m);
  });

  it('a //mapguard:ignore line above silences the finding', async () => {
    const dir = fixture({ 'demo.go': NIL_WRITE.replace('\tm["a"] = 1', '\t//mapguard:ignore nil-map-write -- exercised by the crash test\n\tm["a"] = 1') });
    const r = await run(['check'], dir);
    expect(r).toMatchObject({ code: 0, stdout: '' });
  });

  it('a suppression without a reason still suppresses but is reported as a notice', async () => {
    const dir = fixture({ 'demo.go': NIL_WRITE.replace('\tm["a"] = 1', '\tm["a"] = 1 //mapguard:ignore nil-map-write') });
    const r = await run(['check', '--fail-on', 'notice'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/no reason.*\[mapguard-suppression\]/);
    expect(r.stdout).not.toMatch(/\[nil-map-write\]/);
  });

  it('--fail-on never exits 0 with findings; --disable turns a rule off', async () => {
    const dir = fixture({ 'demo.go': NIL_WRITE });
    expect((await run(['check', '--fail-on', 'never'], dir)).code).toBe(0);
    expect(await run(['check', '--disable', 'nil-map-write'], dir)).toMatchObject({ code: 0, stdout: '' });
    expect((await run(['check', '--rules', 'map-clear-loop'], dir)).code).toBe(0);
  });

  it('usage errors exit 2 with one line and no stack trace', async () => {
    const dir = fixture({ 'demo.go': CLEAN });
    for (const args of [['check', '--no-such-flag'], ['check', '--format', 'xml'], ['check', '--disable', 'no-such-rule'], ['explain', 'no-such-rule'], ['frobnicate']]) {
      const r = await run(args, dir);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('bad config exits 2 naming the key', async () => {
    const dir = fixture({ 'demo.go': CLEAN, 'mapguard.yml': 'rules:\n  nil-map-write: sometimes\n' });
    const r = await run(['check'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nil-map-write/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('config file turns a rule off', async () => {
    const dir = fixture({ 'demo.go': NIL_WRITE, 'mapguard.yml': 'rules:\n  nil-map-write: off\n' });
    expect((await run(['check'], dir)).code).toBe(0);
  });

  it('skips vendor/, testdata/ and generated files; warns per bad file and analyses the rest', async () => {
    const dir = fixture({
      'a/demo.go': NIL_WRITE,
      'vendor/x/v.go': NIL_WRITE,
      'testdata/t.go': NIL_WRITE,
      'gen/gen.go': `// Code generated by tool. DO NOT EDIT.\n\n${NIL_WRITE}`,
      'b/broken.go': 'package b\nfunc {{{\n',
      'c/latin1.go': '',
      'd/bin.go': '',
    });
    writeFileSync(join(dir, 'c/latin1.go'), Buffer.from([0x70, 0x61, 0x63, 0x6b, 0x61, 0x67, 0x65, 0x20, 0x63, 0x0a, 0x2f, 0x2f, 0x20, 0xe9, 0x0a]));
    writeFileSync(join(dir, 'd/bin.go'), Buffer.from([0x00, 0x01, 0x02]));
    const r = await run(['check'], dir);
    expect(r.code).toBe(1);
    const flagged = r.stdout.trim().split('\n');
    expect(flagged).toHaveLength(1);
    expect(flagged[0]).toMatch(/^a\/demo\.go:5:/);
    expect(r.stderr).toMatch(/b\/broken\.go: .*syntax error at line 2/);
    expect(r.stderr).toMatch(/c\/latin1\.go: .*UTF-8/);
    expect(r.stderr).toMatch(/d\/bin\.go: .*binary/);
    // A path naming testdata directly is analysed.
    const t = await run(['check', 'testdata'], dir);
    expect(t.stdout).toMatch(/testdata\/t\.go:5:/);
  });

  it('an unreadable file is a warning, not a crash', async () => {
    if (process.getuid?.() === 0) {
      // root reads everything: simulate with a dangling symlink instead.
      const dir = fixture({ 'ok.go': CLEAN });
      spawnSync('ln', ['-s', 'missing.go', join(dir, 'dangling.go')]);
      const r = await run(['check'], dir);
      expect(r.code).toBe(0);
      return;
    }
    const dir = fixture({ 'ok.go': CLEAN, 'secret.go': CLEAN });
    chmodSync(join(dir, 'secret.go'), 0o000);
    const r = await run(['check'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/secret\.go: cannot read/);
  });

  it('--base reports only lines changed since the ref', async () => {
    const dir = fixture({ 'old.go': NIL_WRITE.replace('Build', 'Old') });
    const git = (...a: string[]) => spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...a], { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'base');
    writeFileSync(join(dir, 'new.go'), NIL_WRITE);
    git('add', '.');
    git('commit', '-qm', 'head');
    const all = await run(['check'], dir);
    expect(all.stdout.trim().split('\n')).toHaveLength(2);
    const changed = await run(['check', '--base', 'HEAD~1'], dir);
    expect(changed.code).toBe(1);
    expect(changed.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^new\.go:5:/)]);
    const bad = await run(['check', '--base', 'no-such-ref'], dir);
    expect(bad.code).toBe(2);
  });
});

describe('mapguard rules / explain', () => {
  it('lists every rule', async () => {
    const r = await run(['rules'], repoRoot);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^nil-map-write\s+error/m);
    expect(r.stdout).toMatch(/^map-clear-loop\s+notice/m);
  });
  it('prints a rule page', async () => {
    const r = await run(['explain', 'nil-map-write'], repoRoot);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# nil-map-write/);
  });
});

describe('module view', () => {
  const foreign = join(repoRoot, 'rules', 'map-range-order', 'testdata', 'modules', 'foreigntypes');
  const copy = (extra: Record<string, string>) => {
    const files: Record<string, string> = { ...extra };
    for (const p of ['go.mod', 'config/config.go', 'report/report.go', 'vendor/modules.txt', 'vendor/example.com/labels/labels.go']) files[p] = readFileSync(join(foreign, p), 'utf8');
    return fixture(files);
  };
  const count = (r: Run) => (JSON.parse(r.stdout) as { findings: unknown[] }).findings.length;
  const wants = readFileSync(join(foreign, 'report', 'report.go'), 'utf8').split('\n').filter((l) => l.includes('// want "map-range-order"')).length;

  it('reads the module around the path unless --no-module or module_view: false', async () => {
    const on = copy({});
    expect(wants).toBeGreaterThan(3);
    expect(count(await run(['check', '--format', 'json', '--fail-on', 'never', 'report'], on))).toBe(wants);
    expect(count(await run(['check', '--format', 'json', '--fail-on', 'never', '--no-module', 'report'], on))).toBe(0);
    const off = copy({ 'mapguard.yml': 'module_view: false\n' });
    expect(count(await run(['check', '--format', 'json', '--fail-on', 'never', 'report'], off))).toBe(0);
  });
});

describe('the installed bin', () => {
  it('runs from package.json bin on the bundled examples (exit 1: they contain errors)', () => {
    const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'mapguard.js'), 'check', '--format', 'sarif', 'examples'], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).runs[0].results.length).toBeGreaterThan(0);
  });

  it('worker threads give the same findings as one thread', () => {
    const runWith = (workers: string) =>
      spawnSync(process.execPath, [join(repoRoot, 'bin', 'mapguard.js'), 'check', '--format', 'json', '--fail-on', 'never', 'examples', 'rules'], {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, MAPGUARD_WORKERS: workers },
      });
    const one = runWith('1');
    const two = runWith('2');
    expect(two.status).toBe(0);
    const findings = (r: typeof one) => (JSON.parse(r.stdout) as { findings: unknown[] }).findings;
    expect(findings(one).length).toBeGreaterThan(0);
    expect(findings(two)).toEqual(findings(one));
  });
});

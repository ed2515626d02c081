// The Action end to end on a temporary workspace: real review(), the GitHub API answered over
// real HTTP by the loopback fake GitHub (test/github/fake-github.ts: files computed from two
// commits, review comments checked against the diff, threads and replies kept), outputs checked
// (exit code, the review and its inline comments, annotations, SARIF).
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze, ruleCatalogue } from '../../src/review/index.js';
import { readInputs } from '../../src/action/inputs.js';
import { runAction, type ActionDeps } from '../../src/action/run.js';
import type { ReviewResult } from '../../src/review/types.js';
import { FakeGitHub, readTree } from '../github/fake-github.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', 'fixtures', 'github', 'repo');
let root: string;
let fake: FakeGitHub;
let api: string;
let headSha: string;

function baseTree(): Record<string, string> {
  const head = readTree(join(repo, 'head'));
  return { ...readTree(join(repo, 'base')), 'svc/tags.go': head['svc/tags.go']! };
}

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'mapguard-action-'));
  cpSync(join(repo, 'base'), root, { recursive: true });
  cpSync(join(repo, 'head'), root, { recursive: true });
  fake = new FakeGitHub();
  fake.token = 'ghs_workflow';
  // The pull request adds svc/counter.go; svc/tags.go (a sibling with findings of its own) is unchanged.
  const base = baseTree();
  const baseSha = fake.commit(base);
  headSha = fake.commit({ ...base, ...readTree(join(repo, 'head')) });
  fake.pulls.set(3, { number: 3, base: baseSha, head: headSha });
  api = `http://127.0.0.1:${await fake.start()}/api/v3`;
  writeFileSync(join(root, 'event.json'), JSON.stringify({ pull_request: { number: 3, draft: false, head: { sha: headSha } } }));
});
afterEach(async () => {
  await fake.stop();
  rmSync(root, { recursive: true, force: true });
});

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    GITHUB_WORKSPACE: root,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: join(root, 'event.json'),
    GITHUB_REPOSITORY: 'octo/shop',
    GITHUB_API_URL: api,
    GITHUB_OUTPUT: join(root, 'output.txt'),
    INPUT_GITHUB_TOKEN: 'ghs_workflow',
    ...extra,
  };
}

const deps = (over: Partial<ActionDeps> = {}): ActionDeps => ({
  analyze,
  catalogue: ruleCatalogue(),
  version: '0.1.0',
  stdout: () => undefined,
  // Writes unpaced and retries quick: the pacing is the plugins' own, tested in the App.
  clientTuning: { throttle: { enabled: false }, retry: { retryAfterBaseValue: 10 } },
  ...over,
});

async function run(e: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runAction(e, deps({ stdout: (s) => void (out += s) }));
  return { code, out };
}

const inline = () => fake.comments.filter((c) => c.in_reply_to_id === undefined);

test('pull_request: one review with inline comments through the App\'s publisher, SARIF, a failing step', async () => {
  const { code, out } = await run(env());
  expect(code).toBe(1);
  expect(fake.requests).toContain('GET /api/v3/repos/octo/shop/pulls/3/files');
  expect(fake.reviews).toHaveLength(1);
  expect(fake.reviews[0]!.commit_id).toBe(headSha);
  const nil = inline().find((c) => c.body.includes('nil-map-write'));
  expect(nil).toMatchObject({ path: 'svc/counter.go', line: 25, commit_id: headSha });
  // The comment ends with its suppression line, as the App's do.
  expect(nil!.body).toContain('//mapguard:ignore nil-map-write');
  expect(inline().length).toBeGreaterThanOrEqual(2);
  // Commented findings are not annotated again; only the changed file is reported.
  expect(out).not.toMatch(/::error file=svc\/counter\.go,line=25,/);
  expect(inline().map((c) => c.path)).not.toContain('svc/tags.go');
  const outputs = readFileSync(join(root, 'output.txt'), 'utf8');
  expect(outputs).toContain(`sarif-file=${join(root, 'mapguard.sarif')}`);
  expect(outputs).toContain('conclusion=failure');
  expect(outputs).toContain(`inline-comments=${inline().length}`);
  const sarif = JSON.parse(readFileSync(join(root, 'mapguard.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
  expect(sarif.runs[0]!.results.map((r) => r.ruleId)).toContain('nil-map-write');
});

test('a re-run on the same head posts nothing new; a head that fixes a finding answers and resolves its thread', async () => {
  await run(env());
  const first = inline().length;
  await run(env());
  expect(fake.reviews).toHaveLength(1);
  expect(inline()).toHaveLength(first);
  // The next push fixes the nil-map write (the checkout and the pull request both move to it).
  cpSync(join(repo, 'fixed'), root, { recursive: true });
  const fixedSha = fake.commit({ ...baseTree(), ...readTree(join(repo, 'head')), ...readTree(join(repo, 'fixed')) });
  fake.pulls.set(3, { ...fake.pulls.get(3)!, head: fixedSha });
  writeFileSync(join(root, 'event.json'), JSON.stringify({ pull_request: { number: 3, draft: false, head: { sha: fixedSha } } }));
  const { out } = await run(env());
  const nil = inline().find((c) => c.body.includes('nil-map-write'))!;
  // Only the finding that went away is answered: the others are still present.
  expect(fake.comments.filter((c) => c.in_reply_to_id !== undefined)).toHaveLength(1);
  const reply = fake.comments.find((c) => c.in_reply_to_id === nil.id);
  expect(reply?.body).toContain(`Fixed in ${fixedSha.slice(0, 7)}`);
  expect(fake.resolvedThreads).toEqual([`T${nil.id}`]);
  expect(out).toContain('1 earlier finding was fixed in');
});

test('max-comments caps the inline comments; the rest are annotations and listed in the review body', async () => {
  const { code, out } = await run(env({ INPUT_MAX_COMMENTS: '1' }));
  expect(code).toBe(1);
  expect(inline()).toHaveLength(1);
  expect(fake.reviews).toHaveLength(1);
  expect(out).toMatch(/^::(error|warning) file=svc\/counter\.go,/m);
  expect(out).toMatch(/::notice title=mapguard::\d+ new findings? (is|are) not commented inline \(over `max_comments: 1`/);
});

test('a read-only token (a pull request from a fork): no review, every finding an annotation, the step still fails', async () => {
  fake.readOnly = true;
  const { code, out } = await run(env());
  expect(code).toBe(1);
  expect(fake.reviews).toHaveLength(0);
  expect(out).toMatch(/::error file=svc\/counter\.go,line=25,.*title=nil-map-write::/);
  expect(out).toContain('pull requests from forks get a read-only token');
});

test('a checkout that is not the head (the merge commit): that file gets annotations, not inline comments', async () => {
  // The merge commit's copy of the file: a line added above by the base branch.
  const path = join(root, 'svc', 'counter.go');
  writeFileSync(path, readFileSync(path, 'utf8').replace('import "sync"\n', 'import "sync"\n\n// From main.\n'));
  const { code, out } = await run(env());
  expect(code).toBe(1);
  expect(inline()).toHaveLength(0);
  expect(out).toMatch(/::error file=svc\/counter\.go,line=27,.*title=nil-map-write::/);
  expect(out).toContain('1 changed file is not at the pull request\'s head in the checkout');
});

test('comments: annotations prints annotations (capped by max-comments) and posts no review', async () => {
  const { code, out } = await run(env({ INPUT_COMMENTS: 'annotations' }));
  expect(code).toBe(1);
  expect(fake.reviews).toHaveLength(0);
  expect(out).toMatch(/::error file=svc\/counter\.go,line=25,.*title=nil-map-write::/);
  expect(out).not.toContain('svc/tags.go');
  const capped = await run(env({ INPUT_COMMENTS: 'annotations', INPUT_MAX_COMMENTS: '0' }));
  expect(capped.out).not.toMatch(/^::error file=/m);
  expect(capped.out).toMatch(/::notice title=mapguard::\d+ more findings are in the SARIF file \(max-comments: 0\)/);
});

test('inputs override the config file; fail-on never passes; comments none prints no annotations', async () => {
  const { code, out } = await run(env({ INPUT_FAIL_ON: 'never', INPUT_COMMENTS: 'none' }));
  expect(code).toBe(0);
  expect(out).not.toContain('::error');
});

test('a bad input or config is reported with the key, exit code 2', async () => {
  const bad = await run(env({ INPUT_FAIL_ON: 'loud' }));
  expect(bad.code).toBe(2);
  expect(bad.out).toMatch(/::error title=mapguard::action inputs.*fail_on/);
  writeFileSync(join(root, 'mapguard.yml'), 'filter: everything\n');
  const file = await run(env({ INPUT_CONFIG_FILE: 'mapguard.yml' }));
  expect(file.code).toBe(2);
  expect(file.out).toContain('mapguard.yml:1');
});

test('an event it does not handle is a usage error', async () => {
  const r = await run(env({ GITHUB_EVENT_NAME: 'issues' }));
  expect(r.code).toBe(2);
  expect(r.out).toContain('runs on pull_request (review) and push (whole tree, SARIF) events, got "issues"');
  expect(fake.requests).toEqual([]);
});

test('push: the whole tree is analysed for code scanning (SARIF, summary, exit code), without the API and without annotations', async () => {
  const summaryFile = join(root, 'summary.md');
  const r = await run(env({ GITHUB_EVENT_NAME: 'push', GITHUB_STEP_SUMMARY: summaryFile }));
  expect(fake.requests).toEqual([]);
  expect(r.code).toBe(1);
  expect(r.out).not.toContain('::error');
  const sarif = JSON.parse(readFileSync(join(root, 'mapguard.sarif'), 'utf8')) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
  const files = new Set(sarif.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri));
  expect([...files].some((f) => f.endsWith('svc/counter.go'))).toBe(true);
  expect(readFileSync(summaryFile, 'utf8')).toMatch(/^## mapguard: /);
});

test('push with cache-dir: the second run takes every directory from the kept results, with the same SARIF', async () => {
  const results: ReviewResult[] = [];
  const spy: typeof analyze = async (input) => (results.push(await analyze(input)), results[results.length - 1]!);
  const e = env({ GITHUB_EVENT_NAME: 'push', INPUT_CACHE_DIR: '.mapguard-cache' });
  expect(await runAction(e, deps({ analyze: spy }))).toBe(1);
  const first = readFileSync(join(root, 'mapguard.sarif'), 'utf8');
  expect(readdirSync(join(root, '.mapguard-cache')).some((d) => d.startsWith('results-'))).toBe(true);
  expect(await runAction(e, deps({ analyze: spy }))).toBe(1);
  expect(readFileSync(join(root, 'mapguard.sarif'), 'utf8')).toBe(first);
  expect(results[0]!.stats.keptDirectories).toBe(0);
  // Every directory of the tree served from the kept results: nothing analysed, the same findings.
  expect(results[1]!.stats.keptDirectories).toBe(new Set(results[0]!.findings.map((f) => dirname(f.path))).size);
  expect(results[1]!.findings).toEqual(results[0]!.findings);
});

test('readInputs maps inputs onto config keys', () => {
  const i = readInputs({ INPUT_RULES: 'map-clear-loop=off,\nnil-map-write = warning', INPUT_MAX_COMMENTS: '5', INPUT_EXCLUDE: 'gen/**, legacy/**', INPUT_REVIEW_DRAFTS: 'true', 'INPUT_DOCS-URL': 'https://docs.example/rules' });
  expect(i.override).toEqual({ rules: { 'map-clear-loop': 'off', 'nil-map-write': 'warning' }, max_comments: 5, paths: { exclude: ['gen/**', 'legacy/**'] }, review_drafts: true, docs_url: 'https://docs.example/rules' });
  expect(i.sarifFile).toBe('mapguard.sarif');
});

test('readWorkspace skips generated files and vendor/testdata directories, as the CLI does', async () => {
  const { readWorkspace } = await import('../../src/action/pull.js');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(join(root, 'gen'), { recursive: true });
  mkdirSync(join(root, 'vendor', 'x'), { recursive: true });
  writeFileSync(join(root, 'gen', 'a.go'), 'package gen\n\nfunc A() {}\n');
  writeFileSync(join(root, 'gen', 'z_gen.go'), '// Code generated by stringer; DO NOT EDIT.\n\npackage gen\n\nvar m map[string]int\n\nfunc init() { m["a"] = 1 }\n');
  writeFileSync(join(root, 'vendor', 'x', 'x.go'), 'package x\n');
  const ws = readWorkspace(root, [
    { path: 'gen/a.go', status: 'added', binary: false, added: [], hunks: [] },
    { path: 'vendor/x/x.go', status: 'added', binary: false, added: [], hunks: [] },
  ]);
  expect(ws.files.map((f) => f.path)).toEqual(['gen/a.go']);
});

test('race-check: true hands review() a race runner over the checkout, sandboxed; its summary reaches the step summary', async () => {
  let seen: Parameters<typeof analyze>[0] | undefined;
  const summaryFile = join(root, 'summary.md');
  const code = await runAction(
    env({ INPUT_RACE_CHECK: 'true', INPUT_FAIL_ON: 'never', GITHUB_STEP_SUMMARY: summaryFile }),
    deps({
      analyze: async (input) => {
        seen = input;
        const result = await analyze({ ...input, race: undefined });
        return { ...result, race: { packages: [], races: { map: 0, other: 0 }, settings: { count: 3, timeoutSeconds: 600 }, confirmed: 0, added: 0, durationMs: 1000, incomplete: 'race check skipped: stand-in' } };
      },
    }),
  );
  expect(code).toBe(0);
  expect(typeof seen?.race?.run).toBe('function');
  expect(seen?.config.race_check.enabled).toBe(true);
  expect(readFileSync(summaryFile, 'utf8')).toContain('**Race detector** (go test -race -count=3, 1.0 s): no race seen');
  expect(readInputs({ INPUT_RACE_CHECK: 'true', INPUT_SANDBOX: 'docker' })).toMatchObject({ sandbox: 'docker', override: { race_check: { enabled: true } } });
  expect(readInputs({}).sandbox).toBe('bwrap');
});

test('baseline input: the findings it holds are not reported, so the step passes; a missing file is exit 2', async () => {
  const { main } = await import('../../src/cli/main.js');
  // Recorded the way a team would: mapguard check --write-baseline on the checkout.
  const wrote = await main(['node', 'mapguard', 'check', '--write-baseline', 'mapguard-baseline.json', 'svc'], { stdout: () => undefined, stderr: () => undefined, cwd: root });
  expect(wrote).toBe(0);
  const { code, out } = await run(env({ INPUT_BASELINE: 'mapguard-baseline.json' }));
  expect(code).toBe(0);
  expect(out).not.toContain('title=nil-map-write');
  expect(inline()).toHaveLength(0);
  expect(out).toMatch(/::notice title=mapguard::\d+ findings are in the baseline `mapguard-baseline.json` and not reported/);
  const missing = await run(env({ INPUT_BASELINE: 'nope.json' }));
  expect(missing.code).toBe(2);
  expect(missing.out).toContain('nope.json: no such baseline file');
});

test('working-directory limits the review to that module (paths stay relative to the checkout)', async () => {
  const outside = await run(env({ INPUT_WORKING_DIRECTORY: 'other' }));
  expect(outside.code).toBe(0);
  expect(outside.out).not.toContain('file=svc/');
  expect(fake.reviews).toHaveLength(0);
  const inside = await run(env({ INPUT_WORKING_DIRECTORY: 'svc' }));
  expect(inside.code).toBe(1);
  expect(inline().find((c) => c.body.includes('nil-map-write'))).toMatchObject({ path: 'svc/counter.go', line: 25 });
});

test('module_view: false in the config: the changed packages are analysed without the module around them', async () => {
  const inputs: Parameters<typeof analyze>[0][] = [];
  const spy: typeof analyze = (input) => (inputs.push(input), analyze(input));
  await runAction(env(), deps({ analyze: spy }));
  expect(inputs[0]!.workspace.module).toBeDefined();
  writeFileSync(join(root, 'mapguard.yml'), 'module_view: false\n');
  await runAction(env({ INPUT_CONFIG_FILE: 'mapguard.yml' }), deps({ analyze: spy }));
  expect(inputs[1]!.workspace.module).toBeUndefined();
});

test('every input of action.yml is read: setting it changes what the Action runs with', async () => {
  const { parse } = await import('yaml');
  const manifest = parse(readFileSync(join(here, '..', '..', 'action', 'action.yml'), 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> };
  const names = Object.keys(manifest.inputs);
  expect(names.length).toBeGreaterThan(15);
  const plain = JSON.stringify(readInputs({}));
  for (const name of names) {
    // The runner passes INPUT_<NAME> upper-cased with hyphens kept.
    const value = name === 'sandbox' ? 'docker' : name === 'rules' ? 'nil-map-write=warning' : 'x';
    expect({ name, read: JSON.stringify(readInputs({ [`INPUT_${name.toUpperCase()}`]: value })) !== plain }).toEqual({ name, read: true });
  }
  // And every output is written on a pull request run.
  await run(env());
  const written = readFileSync(join(root, 'output.txt'), 'utf8');
  for (const name of Object.keys(manifest.outputs)) expect(written).toMatch(new RegExp(`^${name}=`, 'm'));
});

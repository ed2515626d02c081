// The Action end to end on a temporary workspace: real review(), the files API
// answered by a stub fetch, outputs checked (exit code, annotations, SARIF).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze, ruleCatalogue } from '../../src/review/index.js';
import { readInputs } from '../../src/action/inputs.js';
import { runAction } from '../../src/action/run.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', 'fixtures', 'github', 'repo');
let root: string;

function addedPatch(text: string): string {
  const lines = text.replace(/\n$/, '').split('\n');
  return `@@ -0,0 +1,${lines.length} @@\n` + lines.map((l) => `+${l}`).join('\n');
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'mapguard-action-'));
  cpSync(join(repo, 'base'), root, { recursive: true });
  cpSync(join(repo, 'head'), root, { recursive: true });
  writeFileSync(join(root, 'event.json'), JSON.stringify({ pull_request: { number: 3, draft: false } }));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    GITHUB_WORKSPACE: root,
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: join(root, 'event.json'),
    GITHUB_REPOSITORY: 'octo/shop',
    GITHUB_API_URL: 'https://api.github.test',
    GITHUB_OUTPUT: join(root, 'output.txt'),
    INPUT_GITHUB_TOKEN: 'ghs_workflow',
    ...extra,
  };
}

function filesApi(): { fetch: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  const counter = readFileSync(join(repo, 'head', 'svc', 'counter.go'), 'utf8');
  const fake = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    urls.push(String(url));
    expect(new Headers(init?.headers).get('authorization')).toBe('Bearer ghs_workflow');
    return new Response(JSON.stringify([{ filename: 'svc/counter.go', status: 'added', patch: addedPatch(counter) }]), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { fetch: fake as typeof fetch, urls };
}

async function run(e: NodeJS.ProcessEnv): Promise<{ code: number; out: string; urls: string[] }> {
  let out = '';
  const api = filesApi();
  const code = await runAction(e, { analyze, catalogue: ruleCatalogue(), version: '0.1.0', stdout: (s) => void (out += s), fetch: api.fetch });
  return { code, out, urls: api.urls };
}

test('a nil-map write on a changed line fails the step, annotates the diff and writes SARIF', async () => {
  const { code, out, urls } = await run(env());
  expect(urls).toEqual(['https://api.github.test/repos/octo/shop/pulls/3/files?per_page=100']);
  expect(code).toBe(1);
  expect(out).toMatch(/::error file=svc\/counter\.go,line=25,.*title=nil-map-write::/);
  // Only the changed file is reported, though its package siblings were analysed.
  expect(out).not.toContain('svc/tags.go');
  const outputs = readFileSync(join(root, 'output.txt'), 'utf8');
  expect(outputs).toContain(`sarif-file=${join(root, 'mapguard.sarif')}`);
  expect(outputs).toContain('conclusion=failure');
  const sarif = JSON.parse(readFileSync(join(root, 'mapguard.sarif'), 'utf8')) as { runs: { results: { ruleId: string }[] }[] };
  expect(sarif.runs[0]!.results.map((r) => r.ruleId)).toContain('nil-map-write');
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
  expect(r.urls).toEqual([]);
});

test('push: the whole tree is analysed for code scanning (SARIF, summary, exit code), without the API and without annotations', async () => {
  const summaryFile = join(root, 'summary.md');
  const r = await run(env({ GITHUB_EVENT_NAME: 'push', GITHUB_STEP_SUMMARY: summaryFile }));
  expect(r.urls).toEqual([]);
  expect(r.code).toBe(1);
  expect(r.out).not.toContain('::error');
  const sarif = JSON.parse(readFileSync(join(root, 'mapguard.sarif'), 'utf8')) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
  const files = new Set(sarif.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri));
  expect([...files].some((f) => f.endsWith('svc/counter.go'))).toBe(true);
  expect(readFileSync(summaryFile, 'utf8')).toMatch(/^## mapguard: /);
});

test('readInputs maps inputs onto config keys', () => {
  const i = readInputs({ INPUT_RULES: 'map-clear-loop=off,\nnil-map-write = warning', INPUT_MAX_COMMENTS: '5', INPUT_EXCLUDE: 'gen/**, legacy/**', INPUT_REVIEW_DRAFTS: 'true' });
  expect(i.override).toEqual({ rules: { 'map-clear-loop': 'off', 'nil-map-write': 'warning' }, max_comments: 5, paths: { exclude: ['gen/**', 'legacy/**'] }, review_drafts: true });
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
  const code = await runAction(env({ INPUT_RACE_CHECK: 'true', INPUT_FAIL_ON: 'never', GITHUB_STEP_SUMMARY: summaryFile }), {
    analyze: async (input) => {
      seen = input;
      const result = await analyze({ ...input, race: undefined });
      return { ...result, race: { packages: [], races: { map: 0, other: 0 }, settings: { count: 3, timeoutSeconds: 600 }, confirmed: 0, added: 0, durationMs: 1000, incomplete: 'race check skipped: stand-in' } };
    },
    catalogue: ruleCatalogue(),
    version: '0.1.0',
    stdout: () => undefined,
    fetch: filesApi().fetch,
  });
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
  const missing = await run(env({ INPUT_BASELINE: 'nope.json' }));
  expect(missing.code).toBe(2);
  expect(missing.out).toContain('nope.json: no such baseline file');
});

test('working-directory limits the review to that module (paths stay relative to the checkout); max-comments caps annotations', async () => {
  const inside = await run(env({ INPUT_WORKING_DIRECTORY: 'svc' }));
  expect(inside.code).toBe(1);
  expect(inside.out).toMatch(/::error file=svc\/counter\.go,line=25,/);
  const outside = await run(env({ INPUT_WORKING_DIRECTORY: 'other' }));
  expect(outside.code).toBe(0);
  expect(outside.out).not.toContain('file=svc/');
  const capped = await run(env({ INPUT_MAX_COMMENTS: '0' }));
  expect(capped.out).not.toMatch(/^::error file=/m);
  expect(capped.out).toMatch(/::notice title=mapguard::\d+ more findings are in the SARIF file \(max-comments: 0\)/);
});

test('module_view: false in the config: the changed packages are analysed without the module around them', async () => {
  const inputs: Parameters<typeof analyze>[0][] = [];
  const spy: typeof analyze = (input) => (inputs.push(input), analyze(input));
  const api = filesApi();
  await runAction(env(), { analyze: spy, catalogue: ruleCatalogue(), version: '0.1.0', stdout: () => {}, fetch: api.fetch });
  expect(inputs[0]!.workspace.module).toBeDefined();
  writeFileSync(join(root, 'mapguard.yml'), 'module_view: false\n');
  await runAction(env({ INPUT_CONFIG_FILE: 'mapguard.yml' }), { analyze: spy, catalogue: ruleCatalogue(), version: '0.1.0', stdout: () => {}, fetch: api.fetch });
  expect(inputs[1]!.workspace.module).toBeUndefined();
});

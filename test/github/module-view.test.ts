// The App's module view over real HTTP: the fake GitHub API (test/github/fake-github.ts)
// serves the head tarball behind a codeload redirect; the real engine decides
// whether a range over another package's map is reported.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Probot } from 'probot';
import { analyze, InstallationResultStores, MemoryResultCache, ruleCatalogue } from '../../src/review/index.js';
import { createApp, type AppOptions, type MapguardApp } from '../../src/github/app.js';
import { DEFAULT_ARCHIVE_LIMITS, ModuleArchives } from '../../src/github/archive.js';
import { DEFAULT_LIMITS } from '../../src/github/source.js';
import type { ReviewInput, ReviewResult } from '../../src/review/types.js';
import { FakeGitHub, type CheckRun, type Files } from './fake-github.js';
import { readTree } from './fake-github.js';
import { fastOctokit, privateKey } from './helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURE = join(here, '..', '..', 'rules', 'map-range-order', 'testdata', 'modules', 'foreigntypes');
/** The fixture's own `// want` lines: what the module view must find in report/report.go. */
const WANT = readFileSync(join(FIXTURE, 'report', 'report.go'), 'utf8').split('\n').flatMap((l, i) => (l.includes('// want "map-range-order"') ? [i + 1] : []));


// Head: the fixture module (config declares the maps, report ranges over them, a vendored
// dependency too). Base: the same module before report's functions were written.
const headFiles = readTree(FIXTURE);
const baseFiles = { ...headFiles, 'report/report.go': 'package report\n' };

let gh: FakeGitHub;
let apiUrl: string;
let nextPr = 1;

beforeEach(async () => {
  gh = new FakeGitHub();
  apiUrl = `http://127.0.0.1:${await gh.start()}/api/v3`;
});
afterEach(() => gh.stop());

interface Harness {
  probot: Probot;
  app: MapguardApp;
  inputs: ReviewInput[];
}

async function harness(options: Partial<AppOptions> = {}): Promise<Harness> {
  const inputs: ReviewInput[] = [];
  const probot = new Probot({ appId: 123, privateKey, Octokit: fastOctokit(), baseUrl: apiUrl, logLevel: (process.env.TEST_LOG_LEVEL as 'error' | undefined) ?? 'fatal' });
  const app = createApp({
    analyze: (input) => (inputs.push(input), analyze(input)),
    ruleIds: ruleCatalogue().map((r) => r.id),
    concurrency: 1,
    limits: DEFAULT_LIMITS,
    ...options,
  });
  await probot.load(app.appFn, { cwd: process.cwd(), addHandler: () => {} });
  return { probot, app, inputs };
}

/** Opens (or, with `number`, pushes to) a pull request from `base` to `head` files and waits for its review. */
async function review(h: Harness, base: Files, head: Files, salt = '', number = nextPr++): Promise<{ run: CheckRun; headSha: string; number: number }> {
  const action = gh.pulls.has(number) ? 'synchronize' : 'opened';
  const baseSha = gh.commit(base, `base${salt}`);
  const headSha = gh.commit(head, salt);
  gh.pulls.set(number, { number, base: baseSha, head: headSha });
  const payload = {
    action,
    number,
    pull_request: { number, state: 'open', draft: false, changed_files: 1, head: { sha: headSha, ref: 'feature' }, base: { sha: baseSha, ref: 'main' } },
    repository: { id: 5, name: 'shop', full_name: 'octo/shop', html_url: 'http://127.0.0.1/octo/shop', owner: { login: 'octo', id: 1 } },
    installation: { id: 77 },
    sender: { login: 'dev', id: 10 },
  };
  await h.probot.receive({ id: `d-${number}-${headSha}`, name: 'pull_request', payload } as unknown as Parameters<Probot['receive']>[0]);
  await h.app.queue.idle();
  const run = gh.checkRuns.find((c) => c.head_sha === headSha);
  if (!run) throw new Error('no check run');
  return { run, headSha, number };
}

const rangeLines = (run: CheckRun) =>
  run.annotations
    .filter((a) => String(a.title).startsWith('map-range-order') && a.path === 'report/report.go')
    .map((a) => Number(a.start_line))
    .sort((a, b) => a - b);
const tarballRequests = () => gh.requests.filter((r) => r.includes('/tarball/')).length;
const summary = (run: CheckRun) => String(run.output?.summary ?? '');

test('a change to report alone: the ranges over config\'s (and a vendored package\'s) maps are reported through the archive', async () => {
  const h = await harness();
  const { run } = await review(h, baseFiles, headFiles);
  expect(run.status).toBe('completed');
  expect(rangeLines(run)).toEqual(WANT);
  // Only the changed package is analysed; the rest of the module is evidence.
  expect(h.inputs[0]!.workspace.files.map((f) => f.path)).toEqual(['report/report.go']);
  expect(h.inputs[0]!.workspace.module).toMatchObject({ confined: true, layout: { modules: [{ dir: '', path: 'example.com/foreigntypes', vendored: true }] } });
  expect(tarballRequests()).toBe(1);
  // Redirect semantics: the API answered 302, codeload the archive.
  expect(gh.requests.filter((r) => r.startsWith('GET /_codeload/'))).toHaveLength(1);
  expect(gh.comments.filter((c) => c.body.includes('map-range-order'))).toHaveLength(WANT.length);
});

test('module_view: false reads only the changed package: nothing to report, no archive', async () => {
  gh.config = 'module_view: false\n';
  const h = await harness();
  const { run } = await review(h, baseFiles, headFiles);
  expect(run.status).toBe('completed');
  expect(rangeLines(run)).toEqual([]);
  expect(h.inputs[0]!.workspace.module).toBeUndefined();
  expect(tarballRequests()).toBe(0);
});

test('two reviews of the same tree (another commit SHA) make one tarball request', async () => {
  const h = await harness();
  const first = await review(h, baseFiles, headFiles);
  const second = await review(h, baseFiles, headFiles, 'amended');
  expect(second.headSha).not.toBe(first.headSha);
  expect(rangeLines(first.run)).toEqual(WANT);
  expect(rangeLines(second.run)).toEqual(WANT);
  expect(tarballRequests()).toBe(1);
  // Each review extracted its own directory and removed it.
  const dirs = h.inputs.map((i) => i.workspace.module?.fsRoot);
  expect(new Set(dirs).size).toBe(2);
  for (const d of dirs) expect(() => statSync(d!)).toThrow();
});

test('a 500 on the tarball, after retries: the review falls back to the changed packages and completes', async () => {
  gh.tarballStatus = 500;
  const h = await harness();
  const { run } = await review(h, baseFiles, headFiles);
  expect(run.status).toBe('completed');
  expect(run.conclusion).toBe('success');
  expect(rangeLines(run)).toEqual([]);
  expect(tarballRequests()).toBe(4); // the first try and the retry plugin's three
  expect(summary(run)).toContain('Only the changed packages were read for types declared elsewhere (GitHub answered 500 for the repository archive after retries); threads of earlier findings stay open');
});

test('a fallback after a full review does not declare its findings fixed', async () => {
  const h = await harness();
  const first = await review(h, baseFiles, headFiles);
  expect(gh.comments.filter((c) => c.body.includes('map-range-order'))).toHaveLength(WANT.length);
  gh.tarballStatus = 503;
  // A later push with another tree (so no cached archive) after a merge of the base that touched
  // config: the pull request still changes report alone, and its ranges are unchanged.
  const touched = { 'config/config.go': `${headFiles['config/config.go']}\n// touched\n` };
  const second = await review(h, { ...baseFiles, ...touched }, { ...headFiles, ...touched }, 'push', first.number);
  expect(second.run.status).toBe('completed');
  expect(rangeLines(second.run)).toEqual([]);
  expect(summary(second.run)).toContain('threads of earlier findings stay open');
  expect(gh.comments.filter((c) => c.in_reply_to_id !== undefined)).toHaveLength(0);
  expect(gh.resolvedThreads).toHaveLength(0);
});

test('a corrupt archive and one over the size bound fall back with a note; a corrupt one is not cached', async () => {
  gh.tarballBody = Buffer.from('this is not a tarball at all');
  const h = await harness();
  const corrupt = await review(h, baseFiles, headFiles);
  expect(corrupt.run.conclusion).toBe('success');
  expect(summary(corrupt.run)).toMatch(/Only the changed packages were read for types declared elsewhere \(the repository archive could not be read \(TAR_BAD_ARCHIVE: .+\)\); threads/);
  gh.tarballBody = undefined;
  const again = await review(h, baseFiles, headFiles, 'again');
  expect(rangeLines(again.run)).toEqual(WANT);
  expect(tarballRequests()).toBe(2);

  const small = await harness({ archives: new ModuleArchives({ ...DEFAULT_ARCHIVE_LIMITS, maxArchiveBytes: 200 }) });
  const big = await review(small, baseFiles, headFiles, 'big');
  expect(big.run.conclusion).toBe('success');
  expect(rangeLines(big.run)).toEqual([]);
  expect(summary(big.run)).toContain('(the repository archive is larger than 200 bytes)');
});

test('a repository holding only the changed packages needs no archive: the loaded files are the module', async () => {
  const only = { 'go.mod': headFiles['go.mod']!, 'report/report.go': 'package report\n\nfunc Keys(m map[string]int) []string {\n\tvar out []string\n\tfor k := range m {\n\t\tout = append(out, k)\n\t}\n\treturn out\n}\n' };
  const h = await harness();
  const { run } = await review(h, { 'go.mod': only['go.mod'], 'report/report.go': 'package report\n' }, only);
  expect(run.status).toBe('completed');
  expect(rangeLines(run)).toEqual([5]);
  expect(tarballRequests()).toBe(0);
  expect(h.inputs[0]!.workspace.module).toEqual({ layout: { modules: [expect.objectContaining({ dir: '', path: 'example.com/foreigntypes' })] } });
});

test('kept results (one store per installation): a push that changes what the report reads is analysed again, one that changes nothing is not', async () => {
  const stores = new InstallationResultStores();
  const results: ReviewResult[] = [];
  const inputs: ReviewInput[] = [];
  const h = await harness({ resultStores: stores, analyze: async (input) => (inputs.push(input), results.push(await analyze(input)), results[results.length - 1]!) });
  const first = await review(h, baseFiles, headFiles);
  expect(rangeLines(first.run)).toEqual(WANT);
  const store = inputs[0]!.resultCache as MemoryResultCache;
  expect(store).toBeInstanceOf(MemoryResultCache);
  expect(store.hits).toBe(0);
  // A merge of the base made config's ByName a slice: report's range over it no longer leaks an order.
  const sliced = { 'config/config.go': headFiles['config/config.go']!.replace('ByName map[string]int', 'ByName []string') };
  const second = await review(h, { ...baseFiles, ...sliced }, { ...headFiles, ...sliced }, 'merged', first.number);
  const lines = headFiles['report/report.go']!.split('\n');
  const overByName = WANT.filter((l) => lines[l - 1]!.includes('.ByName'));
  expect(overByName).toHaveLength(2);
  expect(rangeLines(second.run)).toEqual(WANT.filter((l) => !overByName.includes(l)));
  // The kept result was found, but its reads of config no longer held: analysed again.
  expect(store.hits).toBe(1);
  expect(results.map((r) => r.stats.keptDirectories)).toEqual([0, 0]);
  // The same trees again under another commit: the kept result serves, with the same findings.
  const third = await review(h, { ...baseFiles, ...sliced }, { ...headFiles, ...sliced }, 'again', first.number);
  expect(rangeLines(third.run)).toEqual(rangeLines(second.run));
  expect(inputs[2]!.resultCache).toBe(store);
  expect(results.map((r) => r.stats.keptDirectories)).toEqual([0, 0, 1]);
  expect(stores.count).toBe(1);
});

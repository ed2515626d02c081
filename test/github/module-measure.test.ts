// Requests and wall time of one App review in a generated module of 200 Go files
// (20 packages of 10 files) whose pull request changes one file of one package,
// with the module view off (what the App did before), on with a cold archive
// cache, and on with a warm one. The request counts are pinned; the times are
// printed with MAPGUARD_MEASURE=1 (the figures in docs/architecture.md).
import { Probot } from 'probot';
import { analyze, ruleCatalogue } from '../../src/review/index.js';
import { createApp, type MapguardApp } from '../../src/github/app.js';
import { ModuleArchives } from '../../src/github/archive.js';
import { DEFAULT_LIMITS } from '../../src/github/source.js';
import type { ReviewInput } from '../../src/review/types.js';
import type { Octokit } from '../../src/github/types.js';
import { FakeGitHub, type Files } from './fake-github.js';
import { fastOctokit, privateKey } from './helpers.js';

const PACKAGES = 19;
const FILES_PER_PACKAGE = 10;

function generatedModule(): { base: Files; head: Files } {
  const files: Files = { 'go.mod': 'module example.com/big\n\ngo 1.22\n' };
  for (let p = 0; p < PACKAGES; p++) {
    for (let f = 0; f < FILES_PER_PACKAGE; f++) {
      files[`internal/p${p}/f${f}.go`] = [
        `package p${p}`,
        '',
        'import "sort"',
        '',
        `type T${f} struct {`,
        '\tByName map[string]int',
        '\tTags   map[string]bool',
        '}',
        '',
        `func (t *T${f}) Names() []string {`,
        '\tout := make([]string, 0, len(t.ByName))',
        '\tfor k := range t.ByName {',
        '\t\tout = append(out, k)',
        '\t}',
        '\tsort.Strings(out)',
        '\treturn out',
        '}',
        '',
      ].join('\n');
    }
  }
  for (let f = 0; f < FILES_PER_PACKAGE; f++) files[`report/r${f}.go`] = `package report\n\nfunc R${f}() int { return ${f} }\n`;
  const head = {
    ...files,
    'report/r0.go': [
      'package report',
      '',
      'import (',
      '\t"strings"',
      '',
      '\t"example.com/big/internal/p3"',
      '\t"example.com/big/internal/p7"',
      ')',
      '',
      'func R0() int { return 0 }',
      '',
      'func Join(t *p3.T1) string {',
      '\tvar parts []string',
      '\tfor k := range t.ByName {',
      '\t\tparts = append(parts, k)',
      '\t}',
      '\treturn strings.Join(parts, ",")',
      '}',
      '',
      // Flagged with or without the module view: every variant posts a review.
      'func Keys(m map[string]int) []string {',
      '\tvar out []string',
      '\tfor k := range m {',
      '\t\tout = append(out, k)',
      '\t}',
      '\treturn out',
      '}',
      '',
      'func Tags(t p7.T4) []string {',
      '\tvar out []string',
      '\tfor k := range t.Tags {',
      '\t\tout = append(out, k)',
      '\t}',
      '\treturn out',
      '}',
      '',
    ].join('\n'),
  };
  return { base: files, head };
}

interface Measure {
  /** Requests that load the pull request (files, trees, blobs, archive): publishing depends on the findings. */
  loads: number;
  /** Every request of the review, publishing included. */
  requests: number;
  ms: number;
  /** Of which analyze(): the engine, module view included. */
  analyzeMs: number;
  findings: number;
  kinds: Record<string, number>;
}

const LOADS = /\/pulls\/\d+\/files|\/git\/trees\/|\/git\/blobs\/|\/tarball\/|^GET \/_codeload\//;

const gh = new FakeGitHub();
let apiUrl: string;
let app: MapguardApp;
let probot: Probot;
let archives: ModuleArchives;
let n = 0;
const analyzeMs: number[] = [];

beforeAll(async () => {
  apiUrl = `http://127.0.0.1:${await gh.start()}/api/v3`;
  probot = new Probot({ appId: 123, privateKey, Octokit: fastOctokit(), baseUrl: apiUrl, logLevel: (process.env.TEST_LOG_LEVEL as 'info' | undefined) ?? 'fatal' });
  archives = new ModuleArchives();
  const timed = async (input: ReviewInput) => {
    const t = performance.now();
    const r = await analyze(input);
    analyzeMs.push(performance.now() - t);
    return r;
  };
  app = createApp({ analyze: timed, ruleIds: ruleCatalogue().map((r) => r.id), concurrency: 1, limits: DEFAULT_LIMITS, archives });
  await probot.load(app.appFn, { cwd: process.cwd(), addHandler: () => {} });
});
afterAll(() => gh.stop());

async function measure(base: Files, head: Files, salt: string): Promise<Measure> {
  const number = ++n;
  const baseSha = gh.commit(base, `base-${salt}`);
  const headSha = gh.commit(head, salt);
  gh.pulls.set(number, { number, base: baseSha, head: headSha });
  // The fake keeps comments across pull requests: start each from none, so that no run answers another's.
  gh.comments.length = 0;
  gh.reviews.length = 0;
  const before = gh.requests.length;
  const t0 = performance.now();
  const payload = {
    action: 'opened',
    number,
    pull_request: { number, state: 'open', draft: false, changed_files: 1, head: { sha: headSha, ref: 'f' }, base: { sha: baseSha, ref: 'main' } },
    repository: { id: 5, name: 'big', full_name: 'octo/big', html_url: 'http://127.0.0.1/octo/big', owner: { login: 'octo', id: 1 } },
    installation: { id: 77 },
    sender: { login: 'dev', id: 10 },
  };
  await probot.receive({ id: `m-${number}`, name: 'pull_request', payload } as unknown as Parameters<Probot['receive']>[0]);
  await app.queue.idle();
  const ms = performance.now() - t0;
  const run = gh.checkRuns.find((c) => c.head_sha === headSha)!;
  const findings = run.annotations.filter((a) => String(a.title).startsWith('map-range-order')).length;
  const made = gh.requests.slice(before);
  return { loads: made.filter((r) => LOADS.test(r)).length, requests: made.length, ms, analyzeMs: analyzeMs[analyzeMs.length - 1]!, findings, kinds: kinds(made) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

test('200-file module, one changed file: requests and time with the module view off, cold and warm', async () => {
  const { base, head } = generatedModule();
  expect(Object.keys(head).filter((p) => p.endsWith('.go'))).toHaveLength(200);
  const variant = (tag: string): Files => ({ ...head, 'report/r9.go': `${head['report/r9.go']}// ${tag}\n` });
  // Parser, rules and the installation token warmed up once, outside the figures.
  await measure(base, variant('warm-up'), 'warm-up');
  const reps = process.env.MAPGUARD_MEASURE ? 5 : 1;
  const off: Measure[] = [];
  const cold: Measure[] = [];
  const warm: Measure[] = [];
  // Each review is its own pull request; cold ones each have a tree of their own.
  for (let i = 0; i < reps; i++) {
    gh.config = 'module_view: false\n';
    off.push(await measure(base, variant(`off${i}`), `off${i}`));
    // A config file in every variant: without one the App asks twice (the repository, then the owner's .github).
    gh.config = 'module_view: true\n';
    cold.push(await measure(base, variant(`tree${i}`), `cold${i}`));
    warm.push(await measure(base, variant(`tree${i}`), `warm${i}`)); // another commit, the same tree
  }
  expect(off[0]!.findings).toBe(1);
  expect([cold[0]!.findings, warm[0]!.findings]).toEqual([3, 3]);
  // The archive costs two HTTP requests (the API's redirect and codeload) once per tree, nothing more.
  expect(cold[0]!.loads).toBe(off[0]!.loads + 2);
  expect(warm[0]!.loads).toBe(off[0]!.loads);
  if (process.env.MAPGUARD_MEASURE) {
    // The module view's own cost: download + extraction (cold), extraction alone (warm).
    const Octo = fastOctokit();
    const octokit = new Octo({ auth: { token: gh.token }, baseUrl: apiUrl }) as Octokit;
    const headSha = gh.commit(variant('checkout'), 'checkout');
    const pr = { owner: 'octo', repo: 'big', number: 99, headSha, baseSha: headSha };
    const timeCheckout = async (a: ModuleArchives) => {
      const t = performance.now();
      const c = await a.checkout(octokit, pr, headSha);
      const ms = performance.now() - t;
      await c.cleanup();
      return ms;
    };
    const coldCheckout: number[] = [];
    const warmCheckout: number[] = [];
    const shared = new ModuleArchives();
    for (let i = 0; i < 9; i++) coldCheckout.push(await timeCheckout(new ModuleArchives()));
    await timeCheckout(shared);
    for (let i = 0; i < 9; i++) warmCheckout.push(await timeCheckout(shared));
    console.log(`checkout: cold ${median(coldCheckout).toFixed(1)} ms, warm ${median(warmCheckout).toFixed(1)} ms (medians of 9)`);
    const ms = (m: Measure[]) => `${median(m.map((x) => x.ms)).toFixed(0)} ms (${m.map((x) => x.ms.toFixed(0)).join(', ')}; analyze ${median(m.map((x) => x.analyzeMs)).toFixed(0)} ms)`;
    console.log(
      [
        `loads: off ${off[0]!.loads}, cold ${cold[0]!.loads}, warm ${warm[0]!.loads}`,
        `median wall time: off ${ms(off)}; cold ${ms(cold)}; warm ${ms(warm)}`,
        `cache: ${archives.cache.bytes} bytes for ${reps + 1} trees`,
        `off: ${JSON.stringify(off[0]!.kinds)}`,
        `cold: ${JSON.stringify(cold[0]!.kinds)}`,
      ].join('\n'),
    );
  }
});

function kinds(requests: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of requests) {
    const k = r.replace(/[0-9a-f]{40}/g, 'SHA').replace(/\d+/g, 'N');
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

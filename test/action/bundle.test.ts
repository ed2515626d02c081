// The Action's committed bundle (action/dist): rebuilt from the sources it must be byte-for-byte
// what is committed (a stale bundle fails CI), and copied alone into an empty folder (no
// node_modules anywhere above it) it reviews a pull request against the loopback fake GitHub
// (one review with inline comments) and analyses a pushed tree, as the runner would start it
// (`node dist/index.js`, inputs as INPUT_<NAME> with hyphens kept), with no registry in reach.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeGitHub, readTree } from '../github/fake-github.js';

const here = dirname(fileURLToPath(import.meta.url));
const project = join(here, '..', '..');
const committed = join(project, 'action', 'dist');
const fixture = join(here, '..', 'fixtures', 'github', 'repo');

test('the committed bundle is what scripts/bundle-action.mjs builds from the sources', () => {
  const out = mkdtempSync(join(tmpdir(), 'mapguard-bundle-'));
  try {
    const r = spawnSync(process.execPath, [join(project, 'scripts', 'bundle-action.mjs'), out], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toEqual(expect.arrayContaining(['index.js', 'worker.js', 'tree-sitter.wasm', 'tree-sitter-go.wasm']));
    expect(readdirSync(committed).sort()).toEqual(files);
    for (const f of files) {
      const same = readFileSync(join(out, f)).equals(readFileSync(join(committed, f)));
      // On failure: npm run bundle:action, and commit action/dist.
      expect({ file: f, same }).toEqual({ file: f, same: true });
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 60_000);

describe('the bundle alone', () => {
  let dir: string;
  let ws: string;
  let fake: FakeGitHub;
  let api: string;
  let headSha: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mapguard-action-alone-'));
    cpSync(committed, join(dir, 'dist'), { recursive: true });
    ws = join(dir, 'ws');
    cpSync(join(fixture, 'base'), ws, { recursive: true });
    cpSync(join(fixture, 'head'), ws, { recursive: true });
    // The pull request adds svc/counter.go to a tree that holds svc/tags.go already.
    fake = new FakeGitHub();
    fake.token = 'ghs_workflow';
    const head = readTree(join(fixture, 'head'));
    const base = { ...readTree(join(fixture, 'base')), 'svc/tags.go': head['svc/tags.go']! };
    const baseSha = fake.commit(base);
    headSha = fake.commit({ ...base, ...head });
    fake.pulls.set(3, { number: 3, base: baseSha, head: headSha });
    api = `http://127.0.0.1:${await fake.start()}/api/v3`;
    writeFileSync(join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 3, draft: false, head: { sha: headSha } } }));
  });
  afterAll(async () => {
    await fake?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const runBundle = (env: Record<string, string>) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      // Only what a runner gives a JavaScript action: no NODE_PATH, no project on the way up.
      const child = spawn(process.execPath, [join(dir, 'dist', 'index.js')], { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir, GITHUB_WORKSPACE: ws, GITHUB_REPOSITORY: 'octo/shop', GITHUB_OUTPUT: join(dir, 'output.txt'), ...env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });

  it('has no node_modules to lean on', () => {
    for (let d = dir; dirname(d) !== d; d = dirname(d)) expect(existsSync(join(d, 'node_modules'))).toBe(false);
  });

  it('reviews a pull request: one review with inline comments, SARIF, outputs, a failing step, in under 10 s', async () => {
    const started = Date.now();
    const r = await runBundle({ GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: join(dir, 'event.json'), GITHUB_API_URL: api, 'INPUT_GITHUB-TOKEN': 'ghs_workflow', 'INPUT_SARIF-FILE': 'pr.sarif' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(fake.requests.filter((q) => !q.startsWith('GET '))).toEqual(['POST /api/v3/repos/octo/shop/pulls/3/reviews']);
    expect(fake.reviews).toHaveLength(1);
    const comments = fake.comments.filter((c) => c.in_reply_to_id === undefined);
    expect(comments.find((c) => c.body.includes('nil-map-write'))).toMatchObject({ path: 'svc/counter.go', line: 25, commit_id: headSha });
    expect(comments.map((c) => c.path)).not.toContain('svc/tags.go');
    const sarif = JSON.parse(readFileSync(join(ws, 'pr.sarif'), 'utf8')) as { runs: { tool: { driver: { version: string } }; results: { ruleId: string }[] }[] };
    expect(sarif.runs[0]!.results.map((x) => x.ruleId)).toContain('nil-map-write');
    const version = (JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as { version: string }).version;
    expect(sarif.runs[0]!.tool.driver.version).toBe(version);
    const outputs = readFileSync(join(dir, 'output.txt'), 'utf8');
    expect(outputs).toContain('conclusion=failure');
    expect(outputs).toContain(`inline-comments=${comments.length}`);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('analyses the whole tree on push and writes SARIF for code scanning', async () => {
    const r = await runBundle({ GITHUB_EVENT_NAME: 'push', 'INPUT_FAIL-ON': 'never' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const sarif = JSON.parse(readFileSync(join(ws, 'mapguard.sarif'), 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const uris = new Set(sarif.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri));
    expect(uris.has('svc/counter.go')).toBe(true);
  });
});

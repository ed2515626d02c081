// The App's sandbox provider: merge base and head tarballs downloaded and
// extracted for the sandboxed comparison, the head alone for the race check
// (the runs themselves are tested with the escape and race modules).
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { create } from 'tar';
import { DEFAULT_CONFIG } from '../../src/config/index.js';
import { archiveSandboxProvider, sandboxProviderFromEnv } from '../../src/github/sandboxed.js';
import { fastOctokit, API, BASE, HEAD, REPO_PATH, done } from './helpers.js';
import type { Octokit } from '../../src/github/types.js';

beforeAll(() => nock.disableNetConnect());
afterEach(() => done());
afterAll(() => nock.enableNetConnect());

async function tarballOf(files: Record<string, string>): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'mapguard-tgz-'));
  const top = join(dir, 'octo-shop-abc');
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(top, p, '..'), { recursive: true });
    writeFileSync(join(top, p), text);
  }
  const out = join(dir, 'a.tgz');
  await create({ gzip: true, file: out, cwd: dir }, ['octo-shop-abc']);
  const data = readFileSync(out);
  rmSync(dir, { recursive: true, force: true });
  return data;
}

test('downloads the merge base and head tarballs, extracts them, cleans up', async () => {
  const mergeBase = 'b'.repeat(40);
  nock(API)
    .get(`${REPO_PATH}/compare/${BASE}...${HEAD}`)
    .query(true)
    .reply(200, { merge_base_commit: { sha: mergeBase } })
    .get(`${REPO_PATH}/tarball/${mergeBase}`)
    .reply(200, await tarballOf({ 'go.mod': 'module x\n\ngo 1.22\n' }), { 'content-type': 'application/x-gzip' })
    .get(`${REPO_PATH}/tarball/${HEAD}`)
    .reply(200, await tarballOf({ 'go.mod': 'module x\n\ngo 1.22\n', 'a/a.go': 'package a\n' }), { 'content-type': 'application/x-gzip' });
  const Octo = fastOctokit();
  const octokit = new Octo({ auth: { token: 't' } }) as Octokit;
  const log = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };
  const provider = archiveSandboxProvider({ sandbox: 'bwrap' });
  const config = { ...DEFAULT_CONFIG, escape_analysis: { ...DEFAULT_CONFIG.escape_analysis, enabled: true } };
  const { escape, race, cleanup } = await provider.prepare(octokit, { owner: 'octo', repo: 'shop', number: 7, headSha: HEAD, baseSha: BASE }, config, log);
  // Both tarballs were fetched (no pending mocks) and extracted without refusal.
  expect(typeof escape?.compare).toBe('function');
  expect(race).toBeUndefined();
  await cleanup();
  await cleanup(); // safe twice
});

test('race check only: the head tarball alone, extracted into its own tree', async () => {
  nock(API)
    .get(`${REPO_PATH}/tarball/${HEAD}`)
    .reply(200, await tarballOf({ 'go.mod': 'module x\n\ngo 1.22\n', 'a/a.go': 'package a\n' }), { 'content-type': 'application/x-gzip' });
  const Octo = fastOctokit();
  const octokit = new Octo({ auth: { token: 't' } }) as Octokit;
  const log = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} };
  const config = { ...DEFAULT_CONFIG, race_check: { ...DEFAULT_CONFIG.race_check, enabled: true } };
  const { escape, race, cleanup } = await archiveSandboxProvider({ sandbox: 'bwrap' }).prepare(octokit, { owner: 'octo', repo: 'shop', number: 7, headSha: HEAD, baseSha: BASE }, config, log);
  expect(escape).toBeUndefined();
  expect(typeof race?.run).toBe('function');
  await cleanup();
});

test('MAPGUARD_SANDBOX: never none; off disables', () => {
  expect(sandboxProviderFromEnv({ MAPGUARD_SANDBOX: 'off' })).toBeUndefined();
  expect(sandboxProviderFromEnv({})).toBeDefined();
  expect(() => sandboxProviderFromEnv({ MAPGUARD_SANDBOX: 'none' })).toThrow(/never runs code unsandboxed/);
});

// Shared setup for the App's nock tests: a Probot with a throwaway key and
// unpaced writes, webhook fixtures, and interceptors for the GitHub calls a
// review makes.
import { generateKeyPairSync, createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nock from 'nock';
import Bottleneck from 'bottleneck';
import { Probot, type ProbotOctokit } from 'probot';
import type { Finding } from '../../src/engine/index.js';
import type { ReviewInput, ReviewResult } from '../../src/review/types.js';
import { createApp, type AppOptions, type MapguardApp } from '../../src/github/app.js';
import { octokitClass } from '../../src/github/octokit.js';
import { DEFAULT_LIMITS } from '../../src/github/source.js';

const here = dirname(fileURLToPath(import.meta.url));
export const API = 'https://api.github.com';
export const OWNER = 'octo';
export const REPO = 'shop';
export const HEAD = '1111111111111111111111111111111111111111';
export const BASE = '0000000000000000000000000000000000000000';
export const REPO_PATH = `/repos/${OWNER}/${REPO}`;

// Generated per run: no key is ever committed.
export const privateKey = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
}).privateKey;

export type Json = Record<string, unknown>;

export function fixture(name: string): Json {
  return JSON.parse(readFileSync(join(here, '..', 'fixtures', 'webhooks', `${name}.json`), 'utf8')) as Json;
}

/** The opened fixture with changes applied to its pull_request. */
export function prPayload(action: string, pr: Json = {}): Json {
  const p = fixture('pull_request.opened');
  const base = p.pull_request as Json;
  return { ...p, action, pull_request: { ...base, ...pr } };
}

/** Retries and rate-limit waits in milliseconds instead of seconds; writes not paced. */
export function fastOctokit(): typeof ProbotOctokit {
  return octokitClass({
    retry: { retryAfterBaseValue: 1 },
    throttle: {
      retryAfterBaseValue: 1,
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
      notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
    },
  });
}

export type Analyze = (input: ReviewInput) => Promise<ReviewResult>;

export function resultOf(findings: Finding[]): ReviewResult {
  return { findings, problems: [], stats: { files: 0, packages: 0, findingsBeforeFilter: findings.length, durationMs: 1 } };
}

export async function setup(analyze: Analyze, options: Partial<AppOptions> = {}): Promise<{ probot: Probot; app: MapguardApp }> {
  const probot = new Probot({ appId: 123, privateKey, Octokit: fastOctokit(), logLevel: (process.env.TEST_LOG_LEVEL as 'error' | undefined) ?? 'fatal' });
  const app = createApp({ analyze, ruleIds: ['nil-map-write', 'map-clear-loop', 'concurrent-map-access'], concurrency: 2, limits: DEFAULT_LIMITS, ...options });
  await probot.load(app.appFn, { cwd: process.cwd(), addHandler: () => {} });
  return { probot, app };
}

let delivery = 0;
export async function deliver(probot: Probot, name: string, payload: Json, id?: string): Promise<string> {
  const deliveryId = id ?? `delivery-${++delivery}`;
  // The payload shapes are fixtures; Probot's event typing is not needed to route them.
  await probot.receive({ id: deliveryId, name, payload } as unknown as Parameters<Probot['receive']>[0]);
  return deliveryId;
}

export function finding(path: string, line: number, ruleId = 'nil-map-write', extra: Partial<Finding> = {}): Finding {
  return {
    ruleId,
    severity: 'error',
    path,
    line,
    column: 2,
    endLine: line,
    endColumn: 10,
    message: `${ruleId} at ${path}:${line}`,
    fingerprint: createHash('sha256').update(`${ruleId}:${path}:${line}`).digest('hex').slice(0, 16),
    ...extra,
  };
}

export function blobSha(path: string, text: string): string {
  return createHash('sha1').update(`${path}\0${text}`).digest('hex');
}

function treeSha(dir: string): string {
  return createHash('sha1').update(`tree:${dir}`).digest('hex');
}

export interface PrFile {
  filename: string;
  status: string;
  patch?: string;
  previous_filename?: string;
}

/** Interceptors for one review's reads and writes, on api.github.com. */
export class Mocks {
  readonly scope = nock(API);
  readonly checkUpdates: Json[] = [];
  readonly reviews: Json[] = [];
  checkCreate?: Json;

  token(): this {
    this.scope.post('/app/installations/2/access_tokens').reply(201, { token: 'ghs_test', expires_at: '2999-01-01T00:00:00Z', permissions: { checks: 'write', pull_requests: 'write', contents: 'read', metadata: 'read' } });
    return this;
  }

  /** .github/mapguard.yml; undefined: absent here and in the owner's .github repo. */
  config(text?: string): this {
    const path = /\/contents\/\.github(%2F|\/)mapguard\.yml/;
    if (text === undefined) {
      this.scope.get((uri) => uri.startsWith(REPO_PATH + '/contents/') && path.test(uri)).reply(404, { message: 'Not Found' });
      this.scope.get((uri) => uri.startsWith(`/repos/${OWNER}/.github/contents/`) && path.test(uri)).reply(404, { message: 'Not Found' });
    } else {
      this.scope.get((uri) => uri.startsWith(REPO_PATH + '/contents/') && path.test(uri)).reply(200, text, { 'content-type': 'application/vnd.github.raw; charset=utf-8' });
    }
    return this;
  }

  createCheck(id = 42): this {
    this.scope.post(`${REPO_PATH}/check-runs`, (body: Json) => {
      this.checkCreate = body;
      return true;
    }).reply(201, { id });
    return this;
  }

  updateCheck(times = 1, id = 42): this {
    this.scope
      .patch(`${REPO_PATH}/check-runs/${id}`, (body: Json) => {
        this.checkUpdates.push(body);
        return true;
      })
      .times(times)
      .reply(200, { id });
    return this;
  }

  files(files: PrFile[], number = 7): this {
    const pages = Math.max(1, Math.ceil(files.length / 100));
    for (let p = 1; p <= pages; p++) {
      const headers: Record<string, string> = {};
      if (p < pages) headers.link = `<${API}${REPO_PATH}/pulls/${number}/files?per_page=100&page=${p + 1}>; rel="next"`;
      this.scope
        .get(`${REPO_PATH}/pulls/${number}/files`)
        .query((q) => Number(q.page ?? 1) === p)
        .reply(200, files.slice((p - 1) * 100, p * 100).map((f) => ({ sha: 'x', additions: 1, deletions: 0, changes: 1, ...f })), headers);
    }
    return this;
  }

  /**
   * The head tree, walked from the root down to `dirs`, and the blobs of every
   * .go file in `dirs` plus each go.mod on the way.
   */
  repo(files: Record<string, string>, dirs: string[], head = HEAD): this {
    const children = new Map<string, Map<string, { type: string; sha: string }>>();
    const add = (dir: string, name: string, type: string, sha: string) => {
      if (!children.has(dir)) children.set(dir, new Map());
      children.get(dir)!.set(name, { type, sha });
    };
    for (const [path, text] of Object.entries(files)) {
      const segs = path.split('/');
      for (let i = 0; i < segs.length; i++) {
        const dir = segs.slice(0, i).join('/');
        const name = segs[i]!;
        if (i === segs.length - 1) add(dir, name, 'blob', blobSha(path, text));
        else add(dir, name, 'tree', treeSha(segs.slice(0, i + 1).join('/')));
      }
    }
    const walked = new Set<string>();
    for (const d of dirs) {
      const segs = d === '' ? [] : d.split('/');
      for (let i = 0; i <= segs.length; i++) walked.add(segs.slice(0, i).join('/'));
    }
    for (const dir of walked) {
      const sha = dir === '' ? head : treeSha(dir);
      const entries = [...(children.get(dir) ?? new Map()).entries()].map(([path, e]) => ({ path, mode: e.type === 'tree' ? '040000' : '100644', ...e }));
      this.scope.get(`${REPO_PATH}/git/trees/${sha}`).reply(200, { sha, truncated: false, tree: entries });
    }
    const wanted = Object.entries(files).filter(([path]) => {
      const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
      return (dirs.includes(dir) && path.endsWith('.go')) || (walked.has(dir) && path.endsWith('/go.mod')) || path === 'go.mod';
    });
    for (const [path, text] of wanted) {
      this.scope.get(`${REPO_PATH}/git/blobs/${blobSha(path, text)}`).reply(200, { sha: blobSha(path, text), encoding: 'base64', content: Buffer.from(text).toString('base64'), size: text.length });
    }
    return this;
  }

  existing(comments: Json[] = [], reviews: Json[] = [], number = 7): this {
    this.scope.get(`${REPO_PATH}/pulls/${number}/comments`).query(true).reply(200, comments);
    this.scope.get(`${REPO_PATH}/pulls/${number}/reviews`).query(true).reply(200, reviews);
    return this;
  }

  review(status = 200, number = 7): this {
    this.scope
      .post(`${REPO_PATH}/pulls/${number}/reviews`, (body: Json) => {
        this.reviews.push(body);
        return true;
      })
      .reply(status, status < 300 ? { id: 77 } : { message: 'Unprocessable Entity', errors: ['Line could not be resolved'] });
    return this;
  }
}

export const GO_MOD = 'module example.com/shop\n\ngo 1.22\n';

/** A unified-diff hunk adding every line of `text` (a new file). */
export function addedPatch(text: string): string {
  const lines = text.replace(/\n$/, '').split('\n');
  return `@@ -0,0 +1,${lines.length} @@\n` + lines.map((l) => `+${l}`).join('\n');
}

export function done(): void {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  if (pending.length) throw new Error(`pending mocks: ${pending.join(', ')}`);
}

// A small GitHub Enterprise Server stand-in (REST under /api/v3, GraphQL at
// /api/graphql) on a loopback port: enough of the API for one App review. It
// keeps every check run, review and comment so tests can assert on them, and
// refuses review comments whose line is not in the diff, as GitHub does (422).
// Tarballs are served as GitHub does: a 302 from the API to a codeload URL that
// answers a gzip'd tar whose entries sit under `<owner>-<repo>-<sha7>/`.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export type Files = Record<string, string>;
type Json = Record<string, unknown>;

export interface CheckRun {
  id: number;
  head_sha: string;
  name: string;
  status: string;
  conclusion?: string;
  external_id?: string;
  output?: Json;
  annotations: Json[];
  /** Annotations per PATCH, to see the batching. */
  batches: number[];
}

export interface ReviewComment {
  id: number;
  path: string;
  line: number;
  start_line?: number;
  body: string;
  commit_id: string;
  in_reply_to_id?: number;
}

interface Pull {
  number: number;
  base: string;
  head: string;
}

/** One 512-byte ustar header; long paths are split into prefix and name as ustar allows. */
function tarHeader(path: string, size: number, type: '0' | '5' | 'g'): Buffer {
  const h = Buffer.alloc(512);
  let name = path;
  let prefix = '';
  if (Buffer.byteLength(name) > 100) {
    const cut = path.lastIndexOf('/', path.length - 2 > 155 ? 155 : path.length - 2);
    if (cut < 0 || Buffer.byteLength(path.slice(cut + 1)) > 100) throw new Error(`path too long for the fake's tar: ${path}`);
    prefix = path.slice(0, cut);
    name = path.slice(cut + 1);
  }
  const put = (text: string, at: number, len: number) => h.write(text, at, len, 'utf8');
  const octal = (n: number, len: number) => n.toString(8).padStart(len - 1, '0') + '\0';
  put(name, 0, 100);
  put(octal(type === '5' ? 0o755 : 0o644, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(size, 12), 124, 12);
  put(octal(1_700_000_000, 12), 136, 12);
  put('        ', 148, 8);
  put(type, 156, 1);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  put(prefix, 345, 155);
  let sum = 0;
  for (const b of h) sum += b;
  put(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8);
  return h;
}

function padded(data: Buffer): Buffer {
  const rest = data.length % 512;
  return rest ? Buffer.concat([data, Buffer.alloc(512 - rest)]) : data;
}

/** What `git archive` (and so GitHub) produces: a pax global header with the commit id, directories, files. */
export function githubTarball(owner: string, repo: string, sha: string, files: Files): Buffer {
  const top = `${owner}-${repo}-${sha.slice(0, 7)}/`;
  const parts: Buffer[] = [];
  const record = ` comment=${sha}\n`;
  let len = record.length + 2;
  if (String(len).length + record.length !== len) len = String(len + 1).length + record.length;
  const pax = Buffer.from(`${len}${record}`);
  parts.push(tarHeader('pax_global_header', pax.length, 'g'), padded(pax));
  parts.push(tarHeader(top, 0, '5'));
  const dirs = new Set<string>();
  for (const path of Object.keys(files).sort()) {
    const segs = path.split('/');
    for (let i = 1; i < segs.length; i++) {
      const d = segs.slice(0, i).join('/') + '/';
      if (!dirs.has(d)) parts.push(tarHeader(top + d, 0, '5'));
      dirs.add(d);
    }
    const data = Buffer.from(files[path]!);
    parts.push(tarHeader(top + path, data.length, '0'), padded(data));
  }
  parts.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(parts));
}

function gitSha(kind: string, data: string): string {
  return createHash('sha1').update(`${kind} ${Buffer.byteLength(data)}\0${data}`).digest('hex');
}

/** A patch adding or rewriting whole files: every new line is an added line. */
function patchFor(before: string | undefined, after: string): string {
  const split = (t: string) => t.replace(/\n$/, '').split('\n');
  const b = before === undefined ? [] : split(before);
  const a = split(after);
  return `@@ -${b.length ? 1 : 0},${b.length} +1,${a.length} @@\n` + [...b.map((l) => `-${l}`), ...a.map((l) => `+${l}`)].join('\n');
}

export class FakeGitHub {
  readonly commits = new Map<string, Files>();
  readonly pulls = new Map<number, Pull>();
  readonly checkRuns: CheckRun[] = [];
  readonly reviews: { id: number; body: string; commit_id: string; comments: number }[] = [];
  /** Every write in the order it was applied: its request, and the conclusion or commit it names. */
  readonly writes: { request: string; conclusion?: string; commit?: string }[] = [];
  readonly comments: ReviewComment[] = [];
  readonly refused: Json[] = [];
  readonly resolvedThreads: string[] = [];
  readonly requests: string[] = [];
  /**
   * Writes to apply and then answer 502 (as GitHub sometimes does when its front end times out
   * after the write went through), once each: 'POST check-runs', 'POST reviews'.
   */
  readonly applyThen502 = new Set<string>();
  /**
   * Set: every REST write is refused 403 "Resource not accessible by integration", as GitHub
   * answers a workflow token without write access (a pull request from a fork).
   */
  readOnly = false;
  /** Writes refused once each with a secondary rate limit (403, retry-after: 1), before anything is applied. */
  readonly secondaryLimitOnce = new Set<string>();
  /** The pull request each comment and review belongs to (by id): listings are per pull request, as on GitHub. */
  private readonly pullOf = new Map<number, number>();
  private readonly trees = new Map<string, { path: string; type: string; sha: string; mode: string }[]>();
  private readonly blobs = new Map<string, string>();
  private nextId = 1000;
  private server?: Server;
  token = 'ghs_fake_installation_token';
  /** `.github/mapguard.yml` of every repository; undefined: absent. */
  config?: string;
  /** Set: the tarball API answers this status instead of redirecting (e.g. 500). */
  tarballStatus?: number;
  /** Set: codeload sends these bytes instead of the archive (e.g. a corrupt one). */
  tarballBody?: Buffer;
  /**
   * Answers held back: the next `times` requests whose "METHOD path" matches wait `ms` first (a
   * slow GitHub, and a window in which a test can kill the process waiting on it).
   */
  readonly slow: { match: RegExp; ms: number; times: number }[] = [];

  /** Adds a commit whose tree is `files`; returns its SHA. */
  commit(files: Files, salt = ''): string {
    const dirs = new Map<string, Map<string, { type: string; sha: string }>>();
    const ensure = (d: string) => dirs.get(d) ?? dirs.set(d, new Map()).get(d)!;
    for (const [path, text] of Object.entries(files)) {
      const sha = gitSha('blob', text);
      this.blobs.set(sha, text);
      const segs = path.split('/');
      ensure(segs.slice(0, -1).join('/')).set(segs[segs.length - 1]!, { type: 'blob', sha });
      for (let i = 1; i < segs.length; i++) ensure(segs.slice(0, i - 1).join('/')).set(segs[i - 1]!, { type: 'tree', sha: '' });
    }
    // Hash trees bottom-up so equal content gives equal SHAs, as in git.
    const shaOf = (dir: string): string => {
      const entries = [...ensure(dir).entries()].sort(([a], [b]) => a.localeCompare(b));
      const list = entries.map(([name, e]) => {
        const sha = e.type === 'tree' ? shaOf(dir ? `${dir}/${name}` : name) : e.sha;
        return { path: name, type: e.type, sha, mode: e.type === 'tree' ? '040000' : '100644' };
      });
      const sha = gitSha('tree', JSON.stringify(list));
      this.trees.set(sha, list);
      return sha;
    };
    const root = shaOf('');
    const commit = gitSha('commit', `${root}${salt}`);
    this.trees.set(commit, this.trees.get(root)!);
    this.commits.set(commit, files);
    return commit;
  }

  async start(): Promise<number> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const answer = () => {
          try {
            this.route(req, res, body);
          } catch (e) {
            send(res, 500, { message: (e as Error).message });
          }
        };
        const rule = this.slow.find((r) => r.times > 0 && r.match.test(`${req.method} ${(req.url ?? '').split('?')[0]}`));
        if (!rule) return answer();
        rule.times--;
        setTimeout(answer, rule.ms).unref();
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return (this.server.address() as AddressInfo).port;
  }

  stop(): Promise<void> {
    // Held answers (slow) and keep-alive sockets would keep close() waiting: end them.
    this.server?.closeAllConnections();
    return new Promise((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  private changed(pr: Pull): Json[] {
    const base = this.commits.get(pr.base)!;
    const head = this.commits.get(pr.head)!;
    const out: Json[] = [];
    for (const [path, text] of Object.entries(head)) {
      if (base[path] === text) continue;
      out.push({ filename: path, status: base[path] === undefined ? 'added' : 'modified', patch: patchFor(base[path], text), sha: gitSha('blob', text) });
    }
    for (const path of Object.keys(base)) if (!(path in head)) out.push({ filename: path, status: 'removed', patch: patchFor(base[path], '') });
    return out;
  }

  /** Lines a review comment may target: the new side of the patch. */
  private commentable(pr: Pull, path: string, line: number): boolean {
    const base = this.commits.get(pr.base)!;
    const head = this.commits.get(pr.head)!;
    if (head[path] === undefined || base[path] === head[path]) return false;
    return line >= 1 && line <= head[path].replace(/\n$/, '').split('\n').length;
  }

  private route(req: IncomingMessage, res: ServerResponse, raw: string): void {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const path = url.pathname;
    this.requests.push(`${method} ${path}`);
    const auth = req.headers.authorization ?? '';
    const body = raw ? (JSON.parse(raw) as Json) : {};
    if (method !== 'GET') this.writes.push({ request: `${method} ${path}`, ...(typeof body.conclusion === 'string' ? { conclusion: body.conclusion } : {}), ...(typeof body.commit_id === 'string' ? { commit: body.commit_id } : {}) });
    let m: RegExpExecArray | null;

    if (method === 'POST' && (m = /^\/api\/v3\/app\/installations\/(\d+)\/access_tokens$/.exec(path))) {
      if (!/^bearer /i.test(auth)) return send(res, 401, { message: 'A JSON web token could not be decoded' });
      return send(res, 201, { token: this.token, expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: { checks: 'write', pull_requests: 'write', contents: 'read', metadata: 'read' } });
    }
    if (path === '/api/graphql' && method === 'POST') return this.graphql(res, auth, body);
    // The App's own view (JWT): its one installation; the installation's one repository.
    if (method === 'GET' && path === '/api/v3/app/installations') {
      if (!/^bearer /i.test(auth)) return send(res, 401, { message: 'A JSON web token could not be decoded' });
      return send(res, 200, [{ id: 77, account: { login: 'octo', id: 1 } }]);
    }
    if (method === 'GET' && path === '/api/v3/installation/repositories' && auth === `token ${this.token}`) {
      return send(res, 200, { total_count: 1, repositories: [{ id: 5, name: 'shop', full_name: 'octo/shop', html_url: 'http://127.0.0.1/octo/shop', owner: { login: 'octo', id: 1 } }] });
    }
    if (method === 'GET' && path === '/api/v3/repos/octo/shop/pulls' && auth === `token ${this.token}`) {
      const open = [...this.pulls.values()].map((p) => ({ number: p.number, state: 'open', head: { sha: p.head, ref: `branch-${p.number}` }, base: { sha: p.base, ref: 'main' } }));
      return send(res, 200, open);
    }
    // codeload: the redirect target carries its own short-lived token in real GitHub, not the header.
    if (method === 'GET' && (m = /^\/_codeload\/([^/]+)\/([^/]+)\/legacy\.tar\.gz\/([0-9a-f]+)$/.exec(path))) {
      const files = this.commits.get(m[3]!);
      if (!files) return send(res, 404, { message: 'Not Found' });
      const data = this.tarballBody ?? githubTarball(m[1]!, m[2]!, m[3]!, files);
      res.writeHead(200, { 'content-type': 'application/x-gzip', 'content-disposition': `attachment; filename=${m[1]}-${m[2]}-${m[3]!.slice(0, 7)}.tar.gz` });
      res.end(data);
      return;
    }
    if (!path.startsWith('/api/v3/')) return send(res, 404, { message: 'Not Found' });
    if (auth !== `token ${this.token}`) return send(res, 401, { message: 'Bad credentials' });
    if (this.readOnly && method !== 'GET') return send(res, 403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request' });

    if (method === 'GET' && (m = /^\/api\/v3\/repos\/([^/]+)\/([^/]+)\/tarball\/([^/]+)$/.exec(path))) {
      if (this.tarballStatus !== undefined) return send(res, this.tarballStatus, { message: 'Server Error' });
      if (!this.commits.has(m[3]!)) return send(res, 404, { message: 'Not Found' });
      res.writeHead(302, { location: `http://${req.headers.host}/_codeload/${m[1]}/${m[2]}/legacy.tar.gz/${m[3]}` });
      res.end();
      return;
    }
    if ((m = /^\/api\/v3\/repos\/[^/]+\/([^/]+)\/contents\/(.+)$/.exec(path))) {
      const found = m[1] !== '.github' && decodeURIComponent(m[2]!) === '.github/mapguard.yml' ? this.config : undefined;
      if (found === undefined) return send(res, 404, { message: 'Not Found' });
      res.writeHead(200, { 'content-type': 'application/vnd.github.raw; charset=utf-8' });
      res.end(found);
      return;
    }
    if (method === 'POST' && /^\/api\/v3\/repos\/[^/]+\/[^/]+\/check-runs$/.test(path)) {
      if (this.secondaryLimitOnce.delete('POST check-runs')) {
        res.writeHead(403, { 'content-type': 'application/json', 'retry-after': '1' });
        res.end(JSON.stringify({ message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api' }));
        return;
      }
      const run: CheckRun = { id: this.nextId++, head_sha: String(body.head_sha), name: String(body.name), status: String(body.status ?? 'queued'), annotations: [], batches: [] };
      if (body.conclusion) run.conclusion = String(body.conclusion);
      if (body.output) run.output = body.output as Json;
      if (body.external_id !== undefined) run.external_id = String(body.external_id);
      this.checkRuns.push(run);
      if (this.applyThen502.delete('POST check-runs')) return send(res, 502, { message: 'Server Error' });
      return send(res, 201, { id: run.id });
    }
    if (method === 'GET' && (m = /^\/api\/v3\/repos\/[^/]+\/[^/]+\/commits\/([^/]+)\/check-runs$/.exec(path))) {
      const name = url.searchParams.get('check_name');
      const runs = this.checkRuns.filter((r) => r.head_sha === m![1] && (!name || r.name === name));
      return send(res, 200, { total_count: runs.length, check_runs: runs.map((r) => ({ id: r.id, name: r.name, head_sha: r.head_sha, status: r.status, external_id: r.external_id ?? null })) });
    }
    if (method === 'PATCH' && (m = /^\/api\/v3\/repos\/[^/]+\/[^/]+\/check-runs\/(\d+)$/.exec(path))) {
      const run = this.checkRuns.find((r) => r.id === Number(m![1]));
      if (!run) return send(res, 404, { message: 'Not Found' });
      const output = body.output as Json | undefined;
      const annotations = (output?.annotations as Json[] | undefined) ?? [];
      if (annotations.length > 50) return send(res, 422, { message: 'Only 50 annotations are allowed per request' });
      run.annotations.push(...annotations);
      run.batches.push(annotations.length);
      if (output) run.output = output;
      if (body.status) run.status = String(body.status);
      if (body.conclusion) run.conclusion = String(body.conclusion);
      return send(res, 200, { id: run.id });
    }
    if ((m = /^\/api\/v3\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/(files|comments|reviews)$/.exec(path))) {
      const pr = this.pulls.get(Number(m[1]));
      if (!pr) return send(res, 404, { message: 'Not Found' });
      if (method === 'GET') {
        const mine = (x: { id: number }) => (this.pullOf.get(x.id) ?? pr.number) === pr.number;
        const all = m[2] === 'files' ? this.changed(pr) : m[2] === 'comments' ? this.comments.filter(mine) : this.reviews.filter(mine);
        const perPage = Number(url.searchParams.get('per_page') ?? 30);
        const page = Number(url.searchParams.get('page') ?? 1);
        const items = all.slice((page - 1) * perPage, page * perPage);
        const headers: Record<string, string> = {};
        if (page * perPage < all.length) headers.link = `<http://${req.headers.host}${path}?per_page=${perPage}&page=${page + 1}>; rel="next"`;
        return send(res, 200, items, headers);
      }
      if (method === 'POST' && m[2] === 'reviews') return this.createReview(res, pr, body);
      if (method === 'POST' && m[2] === 'comments') {
        if (!this.commentable(pr, String(body.path), Number(body.line))) return this.refuse(res, body);
        const c = this.addComment(body, pr.number);
        return send(res, 201, { id: c.id });
      }
    }
    if (method === 'POST' && (m = /^\/api\/v3\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/comments\/(\d+)\/replies$/.exec(path))) {
      const parent = this.comments.find((c) => c.id === Number(m![2]));
      if (!parent) return send(res, 404, { message: 'Not Found' });
      const c = this.addComment({ ...body, path: parent.path, line: parent.line, commit_id: parent.commit_id, in_reply_to_id: parent.id }, this.pullOf.get(parent.id));
      return send(res, 201, { id: c.id });
    }
    if (method === 'GET' && (m = /^\/api\/v3\/repos\/[^/]+\/[^/]+\/git\/trees\/([0-9a-f]+)$/.exec(path))) {
      const tree = this.trees.get(m[1]!);
      return tree ? send(res, 200, { sha: m[1], truncated: false, tree }) : send(res, 404, { message: 'Not Found' });
    }
    if (method === 'GET' && (m = /^\/api\/v3\/repos\/[^/]+\/[^/]+\/git\/blobs\/([0-9a-f]+)$/.exec(path))) {
      const text = this.blobs.get(m[1]!);
      if (text === undefined) return send(res, 404, { message: 'Not Found' });
      return send(res, 200, { sha: m[1], size: Buffer.byteLength(text), encoding: 'base64', content: Buffer.from(text).toString('base64') });
    }
    send(res, 404, { message: `Not Found: ${method} ${path}` });
  }

  private refuse(res: ServerResponse, body: Json): void {
    this.refused.push(body);
    send(res, 422, { message: 'Unprocessable Entity', errors: ['Line could not be resolved'] });
  }

  private addComment(body: Json, pull?: number): ReviewComment {
    const c: ReviewComment = { id: this.nextId++, path: String(body.path), line: Number(body.line), body: String(body.body), commit_id: String(body.commit_id) };
    if (body.start_line !== undefined) c.start_line = Number(body.start_line);
    if (body.in_reply_to_id !== undefined) c.in_reply_to_id = Number(body.in_reply_to_id);
    this.comments.push(c);
    if (pull !== undefined) this.pullOf.set(c.id, pull);
    return c;
  }

  private createReview(res: ServerResponse, pr: Pull, body: Json): void {
    const comments = (body.comments as Json[] | undefined) ?? [];
    // One bad anchor refuses the whole review, as on GitHub.
    for (const c of comments) {
      const start = c.start_line === undefined ? Number(c.line) : Number(c.start_line);
      if (!this.commentable(pr, String(c.path), Number(c.line)) || !this.commentable(pr, String(c.path), start)) return this.refuse(res, c);
    }
    for (const c of comments) this.addComment({ ...c, commit_id: body.commit_id }, pr.number);
    const review = { id: this.nextId++, body: String(body.body ?? ''), commit_id: String(body.commit_id), comments: comments.length };
    this.reviews.push(review);
    this.pullOf.set(review.id, pr.number);
    if (this.applyThen502.delete('POST reviews')) return send(res, 502, { message: 'Server Error' });
    send(res, 200, { id: review.id });
  }

  private graphql(res: ServerResponse, auth: string, body: Json): void {
    if (auth !== `token ${this.token}`) return send(res, 401, { message: 'Bad credentials' });
    const query = String(body.query);
    if (query.includes('resolveReviewThread')) {
      this.resolvedThreads.push(String((body.variables as Json).id));
      return send(res, 200, { data: { resolveReviewThread: { thread: { id: (body.variables as Json).id, isResolved: true } } } });
    }
    const number = Number((body.variables as Json | undefined)?.number);
    const roots = this.comments.filter((c) => c.in_reply_to_id === undefined && (!Number.isFinite(number) || (this.pullOf.get(c.id) ?? number) === number));
    const nodes = roots.map((c) => ({ id: `T${c.id}`, isResolved: this.resolvedThreads.includes(`T${c.id}`), comments: { nodes: [{ databaseId: c.id }] } }));
    send(res, 200, { data: { repository: { pullRequest: { reviewThreads: { nodes, pageInfo: { hasNextPage: false, endCursor: null } } } } } });
  }
}

function send(res: ServerResponse, status: number, data: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(data));
}

/** Every file under `root` as the fake's file map (slash-separated paths relative to it). */
export function readTree(root: string): Files {
  const out: Files = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(root, p).split('\\').join('/')] = readFileSync(p, 'utf8');
    }
  };
  walk(root);
  return out;
}

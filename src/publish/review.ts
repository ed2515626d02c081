// Posts a review's findings on a pull request, for the App and the Action alike: one COMMENT
// review with inline comments (deduplicated by hidden fingerprint markers, anchors validated
// against the diff hunks, at most max_comments of them), "fixed in <sha>" replies with thread
// resolution for findings that went away, and comments GitHub refuses set aside for the caller
// to report another way (check-run annotations in the App, workflow annotations in the Action).
import { randomUUID } from 'node:crypto';
import type { Finding } from '../engine/index.js';
import { severityRank } from '../engine/index.js';
import { inRanges, type FileDiff } from '../diff/index.js';
import type { Config } from '../config/types.js';
import {
  FIXED_MARKER,
  fingerprintOf,
  fixedReply,
  overflowFingerprintsOf,
  renderComment,
  renderReviewBody,
  suggestionFromEdits,
  type Suggestion,
} from '../report/github.js';
import { httpStatus, stopIfAborted, type GitHubClient, type Log, type ReviewTarget } from './client.js';
import { createOnce, NO_AUTOMATIC_RETRY, type OnceOptions } from './idempotent.js';

export interface ReviewPublishInput {
  client: GitHubClient;
  pr: ReviewTarget;
  config: Pick<Config, 'comments' | 'max_comments'>;
  /** Findings after the diff filter: what this run reports. */
  findings: Finding[];
  /** Fingerprints of every finding in the analysed files before the diff filter: still present. */
  present: Set<string>;
  /** Paths analysed in this run (or deleted by the PR): a missing fingerprint there means fixed. */
  covered: Set<string>;
  diff: FileDiff[];
  /** Paths without real hunks (or whose text is not the head's): no inline comments there. */
  wholeFile: Set<string>;
  /** Head file text by path, for suggestions. */
  texts: Map<string, string>;
  docsBase?: string;
  log: Log;
  signal?: AbortSignal;
  /** Retries of a create after an ambiguous answer (idempotent.ts). */
  writeRetry?: OnceOptions;
}

export interface ReviewPublished {
  posted: number;
  overflow: number;
  refused: number;
  fixed: number;
  /** New findings with no inline comment (over the cap, outside the hunks, refused, or all of them when the review failed). */
  notInline: Finding[];
  /** Why the review could not be posted at all, when it could not. */
  failure?: unknown;
  /** One line each for the summary: overflow, refusals, fixed findings, a failed review. */
  notes: string[];
}

interface ExistingComment {
  id: number;
  fingerprint: string;
  path: string;
}

interface ReviewCommentParam {
  path: string;
  line: number;
  side: 'RIGHT';
  start_line?: number;
  start_side?: 'RIGHT';
  body: string;
}

interface Placed {
  finding: Finding;
  comment: ReviewCommentParam;
}

/** Longer suggestions are left to the fix description: a wall of replaced code reviews badly. */
const MAX_SUGGESTION_LINES = 12;

/** The hunk (range of new-side lines shown in the diff) containing `line`, if any. */
function hunkOf(fd: FileDiff, line: number): { start: number; end: number } | undefined {
  return fd.hunks.find((h) => line >= h.start && line <= h.end);
}

/**
 * An inline comment GitHub will accept: the line (and, for a suggestion, the
 * whole replaced range) inside one hunk of a file with a real patch.
 */
export function placeComment(f: Finding, diff: Map<string, FileDiff>, wholeFile: Set<string>, texts: Map<string, string>, docsBase?: string): ReviewCommentParam | undefined {
  const fd = diff.get(f.path);
  if (!fd || fd.status === 'deleted' || fd.binary || wholeFile.has(f.path)) return undefined;
  const hunk = hunkOf(fd, f.line);
  if (!hunk || !inRanges(fd.hunks, f.line)) return undefined;
  let suggestion: Suggestion | undefined;
  const text = texts.get(f.path);
  if (f.fix && text !== undefined) {
    // GitHub applies a suggestion to the commented lines: they span the fix and the
    // finding's line, inside one hunk, and stay short enough to read.
    const s = suggestionFromEdits(text, f.fix.edits, { start: f.line, end: f.line });
    if (s && s.startLine >= hunk.start && s.endLine <= hunk.end && s.endLine - s.startLine < MAX_SUGGESTION_LINES) suggestion = s;
  }
  const body = renderComment(f, { ...(docsBase !== undefined ? { docsBase } : {}), ...(suggestion ? { suggestion } : {}) });
  if (suggestion && suggestion.startLine < suggestion.endLine) {
    return { path: f.path, start_line: suggestion.startLine, start_side: 'RIGHT', line: suggestion.endLine, side: 'RIGHT', body };
  }
  return { path: f.path, line: suggestion ? suggestion.startLine : f.line, side: 'RIGHT', body };
}

async function existingState(client: GitHubClient, pr: ReviewTarget): Promise<{ comments: ExistingComment[]; replied: Set<number>; known: Set<string> }> {
  const raw = await client.paginate(client.rest.pulls.listReviewComments, { owner: pr.owner, repo: pr.repo, pull_number: pr.number, per_page: 100 });
  const comments: ExistingComment[] = [];
  const replied = new Set<number>();
  const known = new Set<string>();
  for (const c of raw) {
    if (c.in_reply_to_id !== undefined && c.in_reply_to_id !== null) {
      if (c.body.includes(FIXED_MARKER)) replied.add(c.in_reply_to_id);
      continue;
    }
    const fp = fingerprintOf(c.body);
    if (fp) {
      comments.push({ id: c.id, fingerprint: fp, path: c.path });
      known.add(fp);
    }
  }
  const reviews = await client.paginate(client.rest.pulls.listReviews, { owner: pr.owner, repo: pr.repo, pull_number: pr.number, per_page: 100 });
  for (const r of reviews) for (const fp of overflowFingerprintsOf(r.body)) known.add(fp);
  return { comments, replied, known };
}

interface ThreadInfo {
  id: string;
  isResolved: boolean;
}

interface ThreadsPage {
  repository: {
    pullRequest: {
      reviewThreads: {
        nodes: { id: string; isResolved: boolean; comments: { nodes: { databaseId: number | null }[] } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    } | null;
  } | null;
}

/** Review threads by the database id of their first comment. */
async function reviewThreads(client: GitHubClient, pr: ReviewTarget): Promise<Map<number, ThreadInfo>> {
  const out = new Map<number, ThreadInfo>();
  let after: string | null = null;
  for (let page = 0; page < 50; page++) {
    const data: ThreadsPage = await client.graphql<ThreadsPage>(
      `query($owner: String!, $repo: String!, $number: Int!, $after: String) {
        repository(owner: $owner, name: $repo) {
          pullRequest(number: $number) {
            reviewThreads(first: 100, after: $after) {
              nodes { id isResolved comments(first: 1) { nodes { databaseId } } }
              pageInfo { hasNextPage endCursor }
            }
          }
        }
      }`,
      { owner: pr.owner, repo: pr.repo, number: pr.number, after },
    );
    const threads = data.repository?.pullRequest?.reviewThreads;
    if (!threads) break;
    for (const t of threads.nodes) {
      const first = t.comments.nodes[0]?.databaseId;
      if (typeof first === 'number') out.set(first, { id: t.id, isResolved: t.isResolved });
    }
    if (!threads.pageInfo.hasNextPage) break;
    after = threads.pageInfo.endCursor;
  }
  return out;
}

/** Answers and resolves the threads of findings that are gone; returns how many. */
async function closeFixedThreads(input: ReviewPublishInput, existing: ExistingComment[], replied: Set<number>): Promise<number> {
  const { client, pr, log } = input;
  const gone = existing.filter((c) => input.covered.has(c.path) && !input.present.has(c.fingerprint));
  if (gone.length === 0) return 0;
  let threads = new Map<number, ThreadInfo>();
  try {
    threads = await reviewThreads(client, pr);
  } catch (e) {
    log.warn({ err: e }, 'cannot list review threads (GraphQL); fixed findings get a reply only');
  }
  let fixed = 0;
  for (const c of gone) {
    stopIfAborted(input.signal);
    const thread = threads.get(c.id);
    if (thread?.isResolved) continue;
    if (!replied.has(c.id)) {
      try {
        await client.rest.pulls.createReplyForReviewComment({ owner: pr.owner, repo: pr.repo, pull_number: pr.number, comment_id: c.id, body: fixedReply(pr.headSha) });
      } catch (e) {
        log.warn({ err: e, comment: c.id }, 'could not reply to a fixed finding');
        continue;
      }
    }
    fixed++;
    if (thread) {
      try {
        await client.graphql(`mutation($id: ID!) { resolveReviewThread(input: { threadId: $id }) { thread { id isResolved } } }`, { id: thread.id });
      } catch (e) {
        // Tokens without permission to resolve (or GHES versions without the mutation) keep the reply only.
        log.warn({ err: e, thread: thread.id }, 'could not resolve the thread of a fixed finding');
      }
    }
  }
  return fixed;
}

function bySeverity(a: Finding, b: Finding): number {
  return severityRank(b.severity) - severityRank(a.severity) || a.path.localeCompare(b.path) || a.line - b.line || a.column - b.column;
}

type ReviewParams = Parameters<GitHubClient['rest']['pulls']['createReview']>[0] & { body: string };

/**
 * One review, once: the body carries a token of this post, and after an ambiguous answer (GitHub
 * applied it and answered 502, say) the pull request's reviews are searched for it before the
 * post is tried again.
 */
async function createReviewOnce(input: ReviewPublishInput, params: ReviewParams): Promise<void> {
  const { client, pr } = input;
  const token = `<!-- mapguard:post=${randomUUID()} -->`;
  await createOnce(
    async () => {
      await client.rest.pulls.createReview({ ...params, body: `${params.body}\n${token}`, ...NO_AUTOMATIC_RETRY });
      return true;
    },
    async () => {
      const reviews = await client.paginate(client.rest.pulls.listReviews, { owner: pr.owner, repo: pr.repo, pull_number: pr.number, per_page: 100 });
      return reviews.some((r) => (r.body ?? '').includes(token)) ? true : undefined;
    },
    { ...input.writeRetry, signal: input.signal },
  );
}

/** Posts the review; comments GitHub refuses are dropped (and returned) so the rest still land. */
async function postReview(input: ReviewPublishInput, placed: Placed[], overflow: Finding[]): Promise<{ posted: Placed[]; refused: Finding[] }> {
  const { client, pr, log } = input;
  const docs = input.docsBase !== undefined ? { docsBase: input.docsBase } : {};
  const base = { owner: pr.owner, repo: pr.repo, pull_number: pr.number, commit_id: pr.headSha, event: 'COMMENT' as const };
  try {
    await createReviewOnce(input, { ...base, body: renderReviewBody({ inline: placed.length, overflow, ...docs }), comments: placed.map((p) => p.comment) });
    return { posted: placed, refused: [] };
  } catch (e) {
    stopIfAborted(input.signal);
    if (placed.length === 0) throw e;
    log.warn({ err: e, status: httpStatus(e) }, 'review refused; posting its comments one by one');
  }
  // One bad anchor makes GitHub refuse the whole review: try each comment alone.
  const posted: Placed[] = [];
  const refused: Finding[] = [];
  for (const p of placed) {
    stopIfAborted(input.signal);
    try {
      await client.rest.pulls.createReviewComment({ owner: pr.owner, repo: pr.repo, pull_number: pr.number, commit_id: pr.headSha, ...p.comment });
      posted.push(p);
    } catch (e) {
      log.warn({ err: e, status: httpStatus(e), path: p.comment.path, line: p.comment.line }, 'comment refused; the finding goes to the check run');
      refused.push(p.finding);
    }
  }
  const rest = [...overflow, ...refused];
  if (rest.length > 0) {
    stopIfAborted(input.signal);
    await createReviewOnce(input, { ...base, body: renderReviewBody({ inline: posted.length, overflow: rest, ...docs }) });
  }
  return { posted, refused };
}

/**
 * Posts the review of `input.findings` (comments: review only) and closes the threads of findings
 * that are gone. Never throws for GitHub's refusals: what could not be commented is returned.
 */
export async function publishReview(input: ReviewPublishInput): Promise<ReviewPublished> {
  const { client, pr, config, log } = input;
  const out: ReviewPublished = { posted: 0, overflow: 0, refused: 0, fixed: 0, notInline: [], notes: [] };
  // Existing comments matter for dedupe (new findings) and for closing fixed threads (analysed files).
  if (config.comments !== 'review' || (input.findings.length === 0 && input.covered.size === 0)) return out;
  const { comments, replied, known } = await existingState(client, pr);
  stopIfAborted(input.signal);
  const diff = new Map(input.diff.filter((d) => d.status !== 'deleted').map((d) => [d.path, d]));
  const seen = new Set(known);
  const fresh: Finding[] = [];
  for (const f of [...input.findings].sort(bySeverity)) {
    if (seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    fresh.push(f);
  }
  const placed: Placed[] = [];
  const overflow: Finding[] = [];
  const budget = Math.max(0, config.max_comments);
  for (const f of fresh) {
    const comment = placed.length < budget ? placeComment(f, diff, input.wholeFile, input.texts, input.docsBase) : undefined;
    if (comment) placed.push({ finding: f, comment });
    else overflow.push(f);
  }
  out.notInline = [...overflow];
  if (placed.length > 0 || overflow.length > 0) {
    try {
      const r = await postReview(input, placed, overflow);
      out.posted = r.posted.length;
      out.refused = r.refused.length;
      out.notInline.push(...r.refused);
    } catch (e) {
      stopIfAborted(input.signal);
      log.error({ err: e }, 'could not post the review; every finding is in the annotations');
      out.failure = e;
      out.notInline = fresh;
      out.notes.push('The review could not be posted; every finding is listed in the annotations below.');
    }
  }
  out.overflow = overflow.length;
  stopIfAborted(input.signal);
  out.fixed = await closeFixedThreads(input, comments, replied);
  if (overflow.length > 0) out.notes.push(`${overflow.length} new ${overflow.length === 1 ? 'finding is' : 'findings are'} not commented inline (over \`max_comments: ${config.max_comments}\`, or outside the diff hunks); see the annotations.`);
  if (out.refused > 0) out.notes.push(`GitHub refused ${out.refused} inline ${out.refused === 1 ? 'comment' : 'comments'}; ${out.refused === 1 ? 'that finding is' : 'those findings are'} in the annotations.`);
  if (out.fixed > 0) out.notes.push(`${out.fixed} earlier ${out.fixed === 1 ? 'finding was' : 'findings were'} fixed in ${pr.headSha.slice(0, 7)}.`);
  return out;
}

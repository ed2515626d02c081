// Unified diff -> changed-line model. Two inputs: the full output of `git diff`
// (file headers, renames, modes, binary markers) and GitHub's per-file `patch`
// field (hunks only). Pure: no I/O.
//
// Hunk bodies are consumed by their line counts, never by sniffing prefixes, so a
// removed line that reads "-- a/x" (shown as "--- a/x") or an added "++ b" never
// starts a new file.
import type { FileDiff, FileStatus, LineRange } from './types.js';

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
const DEV_NULL = '/dev/null';

/** Parses `git diff` output (default a/ b/ prefixes; `--no-color` recommended, ANSI colour is stripped). */
export function parseUnifiedDiff(text: string): FileDiff[] {
  const lines = splitLines(text);
  const out: FileDiff[] = [];
  let cur: FileState | undefined;
  let skipping = false; // inside a binary patch or a combined (merge) diff
  const finish = () => {
    if (cur) out.push(toFileDiff(cur));
    cur = undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('diff --git ')) {
      finish();
      skipping = false;
      const [a, b] = parseGitHeaderPaths(line.slice('diff --git '.length));
      cur = newState(stripPrefix(a, 'a/'), stripPrefix(b, 'b/'));
      continue;
    }
    if (line.startsWith('diff --cc ') || line.startsWith('diff --combined ')) {
      // Merge diffs have no single new side we could map; ignore the section.
      finish();
      skipping = true;
      continue;
    }
    if (skipping) continue;

    if (line.startsWith('@@ ') && cur) {
      const m = HUNK_HEADER.exec(line);
      if (!m) continue;
      i = consumeHunk(lines, i, m, cur);
      continue;
    }
    if (line.startsWith('--- ') && (i + 1 < lines.length && lines[i + 1]!.startsWith('+++ '))) {
      // A file header pair. Without `diff --git` (plain `diff -u`), or after a file
      // that already had hunks, it starts the next file.
      if (!cur || cur.sawHunk || cur.sawMinusPlus) {
        finish();
        cur = newState(undefined, undefined);
      }
      const oldName = parseHeaderPath(line.slice(4));
      const newName = parseHeaderPath(lines[i + 1]!.slice(4));
      cur.sawMinusPlus = true;
      if (oldName === DEV_NULL) cur.status = 'added';
      else cur.oldPath = stripPrefix(oldName, 'a/');
      if (newName === DEV_NULL) cur.status = 'deleted';
      else cur.newPath = stripPrefix(newName, 'b/');
      i++;
      continue;
    }
    if (!cur) continue;
    if (line.startsWith('new file mode')) cur.status = 'added';
    else if (line.startsWith('deleted file mode')) cur.status = 'deleted';
    else if (line.startsWith('rename from ')) {
      cur.oldPath = unquote(line.slice('rename from '.length));
      cur.renamed = true;
    } else if (line.startsWith('rename to ')) {
      cur.newPath = unquote(line.slice('rename to '.length));
      cur.renamed = true;
    } else if (line.startsWith('copy from ')) {
      cur.oldPath = unquote(line.slice('copy from '.length));
      cur.copied = true;
    } else if (line.startsWith('copy to ')) {
      cur.newPath = unquote(line.slice('copy to '.length));
      cur.copied = true;
    } else if (line.startsWith('Binary files ') && line.endsWith(' differ')) {
      cur.binary = true;
      const m = /^Binary files (.*) and (.*) differ$/.exec(line);
      if (m && !cur.sawMinusPlus) {
        // The only place a binary file's new/deleted state shows without a mode line.
        if (unquote(m[1]!) === DEV_NULL) cur.status = 'added';
        if (unquote(m[2]!) === DEV_NULL) cur.status = 'deleted';
      }
    } else if (line === 'GIT binary patch') {
      cur.binary = true;
      skipping = true; // base85 literal/delta blocks up to the next `diff --git`
    }
    // index, old mode, new mode, similarity index, dissimilarity index, "\ No newline": nothing to record.
  }
  finish();
  return out;
}

/**
 * Builds a FileDiff from GitHub's per-file `patch` (hunks without file headers).
 * An undefined patch means GitHub sent none (binary file or diff too large): the
 * file is marked binary with no lines.
 */
export function parsePatch(path: string, patch: string | undefined, status: FileStatus, oldPath?: string): FileDiff {
  const state = newState(oldPath, path);
  state.status = status;
  if (patch === undefined) {
    state.binary = true;
  } else {
    const lines = splitLines(patch);
    for (let i = 0; i < lines.length; i++) {
      const m = HUNK_HEADER.exec(lines[i]!);
      if (m) i = consumeHunk(lines, i, m, state);
    }
  }
  const fd = toFileDiff(state);
  fd.path = path;
  if (status === 'renamed' && oldPath !== undefined) fd.oldPath = oldPath;
  else delete fd.oldPath;
  return fd;
}

interface FileState {
  oldPath?: string;
  newPath?: string;
  status: FileStatus;
  renamed: boolean;
  copied: boolean;
  binary: boolean;
  sawHunk: boolean;
  sawMinusPlus: boolean;
  added: number[];
  shown: number[];
}

function newState(oldPath: string | undefined, newPath: string | undefined): FileState {
  return {
    oldPath, newPath, status: 'modified', renamed: false, copied: false, binary: false,
    sawHunk: false, sawMinusPlus: false, added: [], shown: [],
  };
}

/** Reads one hunk starting at lines[start] (its header); returns the index of its last line. */
function consumeHunk(lines: string[], start: number, m: RegExpExecArray, st: FileState): number {
  st.sawHunk = true;
  let oldLeft = m[2] === undefined ? 1 : Number(m[2]);
  let newLeft = m[4] === undefined ? 1 : Number(m[4]);
  let n = Number(m[3]);
  let i = start;
  while (oldLeft > 0 || newLeft > 0) {
    const next = lines[i + 1];
    if (next === undefined) break; // truncated diff
    const c = next[0];
    if (c === '+' && newLeft > 0) {
      st.added.push(n);
      st.shown.push(n);
      n++;
      newLeft--;
    } else if (c === '-' && oldLeft > 0) {
      oldLeft--;
    } else if ((c === ' ' || next === '') && newLeft > 0 && oldLeft > 0) {
      // Context; an empty line is context whose leading space was stripped by an editor or mailer.
      st.shown.push(n);
      n++;
      newLeft--;
      oldLeft--;
    } else if (c === '\\') {
      // "\ No newline at end of file": not a line of either side.
    } else {
      break; // malformed: let the caller look at this line again
    }
    i++;
  }
  // A trailing "\ No newline at end of file" after the last counted line is left to the caller, which ignores it.
  return i;
}

function toFileDiff(st: FileState): FileDiff {
  let status: FileStatus = st.status;
  if (status === 'modified') {
    if (st.renamed) status = 'renamed';
    else if (st.copied) status = 'added'; // a copy is a new file; only its hunks differ from the source
  }
  const path = status === 'deleted' ? (st.oldPath ?? st.newPath ?? '') : (st.newPath ?? st.oldPath ?? '');
  const fd: FileDiff = {
    path,
    status,
    binary: st.binary,
    added: toRanges(st.added),
    hunks: toRanges(st.shown),
  };
  if ((status === 'renamed' || st.copied) && st.oldPath !== undefined && st.oldPath !== path) fd.oldPath = st.oldPath;
  return fd;
}

/** Sorted, merged inclusive ranges from line numbers. */
export function toRanges(lines: number[]): LineRange[] {
  const sorted = [...lines].sort((a, b) => a - b);
  const out: LineRange[] = [];
  for (const l of sorted) {
    const last = out[out.length - 1];
    if (last && l <= last.end + 1) last.end = Math.max(last.end, l);
    else out.push({ start: l, end: l });
  }
  return out;
}

function splitLines(text: string): string[] {
  // eslint-disable-next-line no-control-regex
  const clean = text.includes('\x1b[') ? text.replace(/\x1b\[[0-9;]*m/g, '') : text;
  const lines = clean.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

function stripPrefix(p: string | undefined, prefix: string): string | undefined {
  if (p === undefined || p === DEV_NULL) return p;
  return p.startsWith(prefix) ? p.slice(prefix.length) : p;
}

/** The path of a `---`/`+++` line: quoted, or bare up to a tab (git adds one after names with spaces; diff -u puts a timestamp there). */
function parseHeaderPath(s: string): string {
  if (s.startsWith('"')) {
    const q = readQuoted(s, 0);
    if (q) return q.value;
  }
  const tab = s.indexOf('\t');
  return tab >= 0 ? s.slice(0, tab) : s.replace(/\s+$/, '');
}

/**
 * The two paths of `diff --git <a> <b>`, prefixes kept. Either may be C-quoted.
 * Two bare names may contain spaces; they are split where both halves name the
 * same file (the header is only needed when the name did not change: renames and
 * copies carry their own unambiguous lines).
 */
function parseGitHeaderPaths(rest: string): [string | undefined, string | undefined] {
  if (rest.startsWith('"')) {
    const a = readQuoted(rest, 0);
    if (!a) return [undefined, undefined];
    const tail = rest.slice(a.end).replace(/^ /, '');
    return [a.value, tail.startsWith('"') ? readQuoted(tail, 0)?.value : tail];
  }
  if (rest.endsWith('"')) {
    for (let k = rest.indexOf(' "'); k >= 0; k = rest.indexOf(' "', k + 1)) {
      const b = readQuoted(rest, k + 1);
      if (b && b.end === rest.length) return [rest.slice(0, k), b.value];
    }
  }
  if ((rest.length - 1) % 2 === 0) {
    const mid = (rest.length - 1) / 2;
    const a = rest.slice(0, mid);
    const b = rest.slice(mid + 1);
    if (rest[mid] === ' ' && a.slice(2) === b.slice(2)) return [a, b];
  }
  const k = rest.indexOf(' b/');
  if (k >= 0) return [rest.slice(0, k), rest.slice(k + 1)];
  const sp = rest.indexOf(' ');
  return sp >= 0 ? [rest.slice(0, sp), rest.slice(sp + 1)] : [rest, rest];
}

function unquote(s: string): string {
  if (s.startsWith('"')) {
    const q = readQuoted(s, 0);
    if (q) return q.value;
  }
  return s;
}

const SIMPLE_ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Reads a git C-style quoted string at s[start] === '"'; octal escapes are UTF-8 bytes. */
function readQuoted(s: string, start: number): { value: string; end: number } | undefined {
  const bytes: number[] = [];
  const enc = new TextEncoder();
  for (let i = start + 1; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"') return { value: new TextDecoder().decode(new Uint8Array(bytes)), end: i + 1 };
    if (c === '\\') {
      const e = s[i + 1];
      if (e === undefined) return undefined;
      if (/[0-7]/.test(e)) {
        const oct = /^[0-7]{1,3}/.exec(s.slice(i + 1))![0];
        bytes.push(parseInt(oct, 8) & 0xff);
        i += oct.length;
      } else {
        bytes.push(SIMPLE_ESCAPES[e] ?? e.charCodeAt(0));
        i += 1;
      }
      continue;
    }
    const ch = String.fromCodePoint(s.codePointAt(i)!);
    bytes.push(...enc.encode(ch));
    i += ch.length - 1;
  }
  return undefined;
}

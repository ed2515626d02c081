// Parser for `go build -gcflags='-m -m'` diagnostics (checked against go 1.26).
//
// The compiler prints, per position, an optional explanation block followed
// later by a one-line verdict:
//   a/a.go:10:2: p escapes to heap in Add:            <- header (names the function)
//   a/a.go:10:2:   flow: {heap} ← &p:                  <- indented explanation lines
//   a/a.go:10:2:     from &p (address-of) at a/a.go:11:19
//   ...
//   a/a.go:10:2: moved to heap: p                     <- verdict
// Parameter leaks use `parameter name leaks to {heap} for Add with derefs=0:`
// headers and `leaking param: name` verdicts. Verdicts are joined to headers
// by position and subject (variable or expression text).
import { posix } from 'node:path';

export type EscapeKind = 'escapes' | 'moved' | 'leak';

export interface EscapeDiag {
  /** Path relative to the build directory, as printed (normalised, forward slashes). */
  file: string;
  line: number;
  /** 1-based byte column, as the compiler prints it. */
  column: number;
  kind: EscapeKind;
  /** The compiler's verdict, verbatim: "moved to heap: p", "name escapes to heap". */
  message: string;
  /** The variable or expression the verdict is about. */
  subject: string;
  /** Enclosing function from the -m=2 header ("Add", "(*T).Grow", "init"); '' when none was printed. */
  func: string;
  /** The -m=2 explanation lines, trimmed ("flow: {heap} ← &p:", "from &p (address-of) at a/a.go:11:19"). */
  explanation: string[];
}

const POSITION = /^(.+?\.go):(\d+):(\d+): (.*)$/;
const ESCAPE_HEADER = /^(.+) escapes to heap in (.+):$/;
const LEAK_HEADER = /^parameter (.+?) leaks to .+ for (.+) with derefs=-?\d+:$/;
const MOVED = /^moved to heap: (.+)$/;
const ESCAPES = /^(.+) escapes to heap$/;
const LEAKING = /^leaking param(?: content)?: (\S+)/;

interface Header {
  func: string;
  lines: string[];
}

/** Parses compiler output into escape verdicts; every other line (inlining, errors) is ignored. */
export function parseEscapeOutput(output: string): EscapeDiag[] {
  const escapeHeaders = new Map<string, Header[]>();
  const leakHeaders = new Map<string, Header[]>();
  const diags: EscapeDiag[] = [];
  const seen = new Set<string>();
  let current: Header | undefined;

  for (const raw of output.split('\n')) {
    const m = POSITION.exec(raw.replace(/\r$/, ''));
    if (!m) {
      current = undefined;
      continue;
    }
    const file = posix.normalize(m[1]!.replace(/\\/g, '/'));
    const line = Number(m[2]);
    const column = Number(m[3]);
    const text = m[4]!;
    if (/^\s/.test(text)) {
      current?.lines.push(text.trim());
      continue;
    }
    const pos = `${file}:${line}:${column}`;
    let h: RegExpExecArray | null;
    if ((h = ESCAPE_HEADER.exec(text))) {
      current = { func: h[2]!, lines: [] };
      push(escapeHeaders, `${pos}\0${h[1]}`, current);
      continue;
    }
    if ((h = LEAK_HEADER.exec(text))) {
      current = { func: h[2]!, lines: [] };
      push(leakHeaders, `${pos}\0${h[1]}`, current);
      continue;
    }
    current = undefined;
    let kind: EscapeKind;
    let subject: string;
    if ((h = MOVED.exec(text))) {
      kind = 'moved';
      subject = h[1]!;
    } else if ((h = ESCAPES.exec(text))) {
      kind = 'escapes';
      subject = h[1]!;
    } else if ((h = LEAKING.exec(text))) {
      kind = 'leak';
      subject = h[1]!;
    } else {
      continue;
    }
    // The compiler prints some verdicts twice (once per instantiation or pass).
    const dedupe = `${pos}\0${text}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    const headers = (kind === 'leak' ? leakHeaders : escapeHeaders).get(`${pos}\0${subject}`) ?? [];
    const explanation = headers.flatMap((x) => x.lines);
    diags.push({
      file,
      line,
      column,
      kind,
      message: text,
      subject,
      func: normaliseFunc(headers[0]?.func ?? ''),
      explanation,
    });
  }
  return diags;
}

/** Drops type arguments so `Gen[go.shape.string]` and `Gen[string]` compare equal across revisions. */
export function normaliseFunc(name: string): string {
  let out = '';
  let depth = 0;
  for (const ch of name) {
    if (ch === '[') depth++;
    else if (ch === ']') depth = Math.max(0, depth - 1);
    else if (depth === 0) out += ch;
  }
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

// Messages -m/-m=2 prints besides the verdicts parsed above.
const DIAGNOSTIC_TEXT =
  /^(?:\s|can inline |cannot inline |inlining call to |.+ does not escape$|.+ escapes to heap|moved to heap: |leaking param|parameter .+ leaks to |.+ capturing by (?:value|ref): |function .+ considered 'big'|devirtualizing |.+ ignoring self-assignment|mark escaped )/;

/** True for a line that is part of normal -m output (a verdict, explanation, inlining note or package header). */
export function isDiagnosticLine(line: string): boolean {
  if (line.trim() === '' || line.startsWith('# ')) return true;
  const m = POSITION.exec(line.replace(/\r$/, ''));
  return m !== null && DIAGNOSTIC_TEXT.test(m[4]!);
}

/**
 * A failed build whose output is nothing but -m diagnostics was killed, not
 * refused: when a compiler that printed diagnostics dies (RLIMIT_CPU's SIGKILL),
 * the go command shows its output instead of "signal: killed".
 */
export function looksKilled(output: string): boolean {
  return output.split('\n').every(isDiagnosticLine);
}

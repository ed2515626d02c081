// Reads what `go test -json -race` printed: the test events of each package and,
// in their output, the race detector's `WARNING: DATA RACE` reports and the
// runtime's `fatal error: concurrent map ...` crashes with their goroutine dumps.
// Pure: text in, structures out; paths stay as the Go command printed them.

export interface StackFrame {
  /** As printed: `example.com/m/pkg.(*Store).Put`. */
  func: string;
  /** As printed (absolute inside the sandbox, or relative). */
  file: string;
  line: number;
}

export type AccessKind = 'read' | 'write';

export interface RaceAccess {
  kind: AccessKind;
  /** "goroutine 11" or "main goroutine". */
  goroutine: string;
  /** Innermost first. */
  frames: StackFrame[];
  /** Where the goroutine was started, innermost first (empty for the main goroutine or when not printed). */
  createdAt: StackFrame[];
}

export interface RaceReport {
  source: 'race-detector' | 'runtime-crash';
  /** Go import path of the package whose test binary printed it. */
  package: string;
  /** The test running when it was printed, when go test could tell. */
  test?: string;
  /** The access that completed the race (or crashed). */
  current: RaceAccess;
  /** The earlier, conflicting access (race reports only). */
  previous?: RaceAccess;
  /** `concurrent map writes` and the like, for crashes. */
  crash?: string;
  /** True when the accesses are map operations (runtime or reflect map frames, or a map crash). */
  map: boolean;
}

export type PackageStatus = 'passed' | 'failed' | 'timed out' | 'build failed' | 'no tests';

export interface PackageRun {
  package: string;
  status: PackageStatus;
  tests: { passed: number; failed: number; skipped: number };
  /** Test names that failed (at most a few, for the summary). */
  failedTests: string[];
  /** One line saying why, for failures that are not test failures (build error, timeout). */
  note?: string;
  elapsedSeconds?: number;
  /** False when the output ended before the package's own pass/fail event (the run was stopped). */
  finished: boolean;
}

export interface TestRunOutput {
  packages: PackageRun[];
  reports: RaceReport[];
}

interface TestEvent {
  Action?: string;
  Package?: string;
  Test?: string;
  Output?: string;
  Elapsed?: number;
  /** go 1.24+: build output names the package being built, e.g. `example.com/m/p [example.com/m/p.test]`. */
  ImportPath?: string;
  /** On a package's fail event: the build that failed. */
  FailedBuild?: string;
}

/** Frames of runtime functions that implement map operations (plain and swiss maps, reflect). */
const MAP_FRAME = /^(runtime\.(map(access|assign|delete|iter|clear|clone)\w*|mapinitnoop)|internal\/runtime\/maps\.|runtime\/internal\/maps\.|reflect\.(map(access|assign|delete|iter|clear|len)\w*|\(\*MapIter\)))/;

/** The runtime's crash messages for unsynchronised map use. */
const MAP_CRASH = /^fatal error: (concurrent map (?:writes|read and map write|iteration and map write|clone and map write))\s*$/;

export function isMapFrame(f: StackFrame): boolean {
  return MAP_FRAME.test(f.func);
}

/** Parses the whole `go test -json` output (stdout; plain lines such as build errors are kept as package output). */
export function parseTestJson(text: string): TestRunOutput {
  const outputs = new Map<string, { line: string; test?: string }[]>();
  const runs = new Map<string, PackageRun>();
  const run = (pkg: string): PackageRun => {
    let r = runs.get(pkg);
    if (!r) {
      r = { package: pkg, status: 'no tests', tests: { passed: 0, failed: 0, skipped: 0 }, failedTests: [], finished: false };
      runs.set(pkg, r);
    }
    return r;
  };
  const pending = new Map<string, string>();
  const addOutput = (pkg: string, chunk: string, test?: string) => {
    // Output events may split a line; join them per package before splitting on newlines.
    const joined = (pending.get(pkg) ?? '') + chunk;
    const parts = joined.split('\n');
    pending.set(pkg, parts.pop() ?? '');
    const list = outputs.get(pkg) ?? [];
    for (const line of parts) list.push(test ? { line, test } : { line });
    outputs.set(pkg, list);
  };
  for (const raw of text.split('\n')) {
    if (!raw.startsWith('{')) continue;
    let ev: TestEvent;
    try {
      ev = JSON.parse(raw) as TestEvent;
    } catch {
      continue;
    }
    const pkg = ev.Package ?? ev.ImportPath?.split(' ')[0];
    if (!pkg) continue;
    const r = run(pkg);
    switch (ev.Action) {
      case 'output':
      case 'build-output':
        if (ev.Output) addOutput(pkg, ev.Output, ev.Test);
        if (ev.Action === 'build-output') r.status = 'build failed';
        break;
      case 'build-fail':
        r.status = 'build failed';
        r.finished = true;
        break;
      case 'pass':
      case 'fail':
      case 'skip':
        if (ev.Test) {
          const key = ev.Action === 'pass' ? 'passed' : ev.Action === 'fail' ? 'failed' : 'skipped';
          r.tests[key]++;
          if (ev.Action === 'fail' && r.failedTests.length < 5 && !r.failedTests.includes(ev.Test)) r.failedTests.push(ev.Test);
        } else {
          r.finished = true;
          if (ev.Elapsed !== undefined) r.elapsedSeconds = ev.Elapsed;
          if (ev.FailedBuild) r.status = 'build failed';
          if (r.status !== 'build failed') r.status = ev.Action === 'fail' ? 'failed' : r.tests.passed + r.tests.failed === 0 ? 'no tests' : 'passed';
        }
        break;
      default:
        break;
    }
  }
  for (const [pkg, rest] of pending) if (rest) addOutput(pkg, '\n');
  const reports: RaceReport[] = [];
  for (const [pkg, lines] of outputs) {
    reports.push(...parseRaceOutput(lines, pkg));
    const r = run(pkg);
    const timedOut = lines.find((l) => /^panic: test timed out after /.test(l.line));
    if (timedOut) {
      r.status = 'timed out';
      const running = lines.map((l) => /^\s+(Test\w+) \(\d/.exec(l.line)?.[1]).find((t) => t !== undefined);
      r.note = `${timedOut.line.replace(/^panic: /, '')}${running ? ` (running ${running})` : ''}`;
    } else if (r.status === 'build failed') {
      r.note = lines.map((l) => l.line.trim()).find((l) => l !== '' && !l.startsWith('#') && !/^FAIL\b/.test(l)) ?? 'build failed';
    } else if (r.status === 'failed' && r.tests.failed === 0) {
      // The binary failed outside any test: a crash, os.Exit(1), a panic in TestMain.
      const texts = lines.map((l) => l.line.trim());
      const tsan = texts.find((l) => /^==\d+==ERROR: ThreadSanitizer/.test(l));
      // The race runtime reports a refused allocation itself: say it in plain words.
      if (tsan && /failed to allocate|out of memory/.test(tsan)) r.note = 'out of memory (the race detector could not allocate)';
      else r.note = texts.find((l) => /^(panic:|fatal error:|==\d+==ERROR)/.test(l)) ?? texts.find((l) => /^(FAIL\s|exit status)/.test(l)) ?? 'the test binary failed outside any test';
    }
  }
  return { packages: [...runs.values()].sort((a, b) => (a.package < b.package ? -1 : 1)), reports };
}

/** Race reports and map crashes in one package's output lines. */
export function parseRaceOutput(lines: { line: string; test?: string }[], pkg: string): RaceReport[] {
  const out: RaceReport[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!.line;
    if (text.trim() === 'WARNING: DATA RACE') {
      let end = i + 1;
      while (end < lines.length && !/^={10,}\s*$/.test(lines[end]!.line)) end++;
      const report = raceBlock(lines.slice(i + 1, end).map((l) => l.line), pkg, lines[i]!.test);
      if (report) out.push(report);
      i = end;
      continue;
    }
    const crash = MAP_CRASH.exec(text.trim());
    if (crash) {
      const report = crashBlock(lines.slice(i + 1).map((l) => l.line), pkg, crash[1]!, lines[i]!.test);
      if (report) out.push(report);
    }
  }
  return out;
}

const ACCESS_HEAD = /^(Previous )?(?:Atomic )?(read|write) at 0x[0-9a-f]+ by (main goroutine|goroutine \d+):\s*$/i;
const CREATED_HEAD = /^Goroutine (\d+) \([^)]*\) created at:\s*$/;

function raceBlock(block: string[], pkg: string, test: string | undefined): RaceReport | undefined {
  const accesses: (RaceAccess & { previous: boolean })[] = [];
  const created = new Map<string, StackFrame[]>();
  for (let i = 0; i < block.length; i++) {
    const line = block[i]!.trim();
    const head = ACCESS_HEAD.exec(line);
    const made = CREATED_HEAD.exec(line);
    if (!head && !made) continue;
    const { frames, next } = readFrames(block, i + 1);
    if (head) accesses.push({ previous: head[1] !== undefined, kind: head[2]!.toLowerCase() as AccessKind, goroutine: head[3]!, frames, createdAt: [] });
    else created.set(`goroutine ${made![1]}`, frames);
    i = next - 1;
  }
  const current = accesses.find((a) => !a.previous);
  const previous = accesses.find((a) => a.previous);
  if (!current) return undefined;
  const strip = ({ previous: _p, ...a }: RaceAccess & { previous: boolean }): RaceAccess => ({ ...a, createdAt: created.get(a.goroutine) ?? [] });
  const both = [current, ...(previous ? [previous] : [])];
  return {
    source: 'race-detector',
    package: pkg,
    ...(test ? { test } : {}),
    current: strip(current),
    ...(previous ? { previous: strip(previous) } : {}),
    map: both.some((a) => a.frames.some(isMapFrame)),
  };
}

function crashBlock(rest: string[], pkg: string, crash: string, test: string | undefined): RaceReport | undefined {
  // The crashing goroutine's dump is the first `goroutine N [...]:` after the message.
  const at = rest.findIndex((l) => /^goroutine \d+ \[[^\]]*\]:\s*$/.test(l.trim()));
  if (at < 0 || at > 5) return undefined;
  const goroutine = /^goroutine (\d+)/.exec(rest[at]!.trim())![1]!;
  const { frames, createdAt } = dumpFrames(rest, at + 1);
  if (frames.length === 0) return undefined;
  return {
    source: 'runtime-crash',
    package: pkg,
    ...(test ? { test } : {}),
    current: { kind: crash.includes('read') || crash.includes('iteration') ? 'read' : 'write', goroutine: `goroutine ${goroutine}`, frames, createdAt },
    crash,
    map: true,
  };
}

/** Race-report frames: a function line, then an indented `file:line +0x..` line. */
function readFrames(block: string[], from: number): { frames: StackFrame[]; next: number } {
  const frames: StackFrame[] = [];
  let i = from;
  while (i + 1 < block.length) {
    const fn = block[i]!.trim();
    const loc = FILE_LINE.exec(block[i + 1]!);
    if (!fn || !loc || FILE_LINE.test(block[i]!)) break;
    frames.push({ func: funcName(fn), file: loc[1]!, line: Number(loc[2]) });
    i += 2;
  }
  return { frames, next: i };
}

/** A goroutine dump: frames until a blank line; `created by f in goroutine N` then its location. */
function dumpFrames(rest: string[], from: number): { frames: StackFrame[]; createdAt: StackFrame[] } {
  const frames: StackFrame[] = [];
  const createdAt: StackFrame[] = [];
  for (let i = from; i + 1 < rest.length && rest[i]!.trim() !== ''; i += 2) {
    const fn = rest[i]!.trim();
    const loc = FILE_LINE.exec(rest[i + 1]!);
    if (!loc) break;
    const created = /^created by (\S+)/.exec(fn);
    (created ? createdAt : frames).push({ func: funcName(created ? created[1]! : fn), file: loc[1]!, line: Number(loc[2]) });
  }
  return { frames, createdAt };
}

const FILE_LINE = /^\s+(\S.*?\.(?:go|s|c)):(\d+)(?: \+0x[0-9a-f]+)?\s*$/;

/** `pkg.(*T).M(0xc000..., {0x1, 0x2})` and `pkg.f()` -> `pkg.(*T).M` / `pkg.f`. */
function funcName(s: string): string {
  let depth = 0;
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s[i];
    if (c === ')') depth++;
    else if (c === '(') {
      depth--;
      if (depth === 0) return s.slice(0, i).replace(/\.\.\.$/, '');
    }
  }
  return s;
}

// The `// want` fixture harness, after go/analysis's analysistest:
// - every directory under rules/<id>/testdata holding .go files is one package;
// - a line that must be flagged ends with `// want "<rule-id>"` (several ids: `// want "a" "b"`);
//   every other line must not be flagged by the rule under test;
// - each flagged line is expected at the rule's default severity; a file with a line
//   `// want-severity: warning` expects that severity on all its want lines (findings the
//   evidence tier reports as warnings: broken discipline without a witness, len(), ...);
//   `// want:notice "<rule-id>"` sets the expected severity of that line alone;
// - `<file>.go.golden` next to a fixture is the file after applying every fix;
// - the Go version is the folder's name (`go1.21/`), else a go.mod in the folder, else 1.22.
// go vet checks that fixtures (and fixed goldens) compile.
import { readdirSync, readFileSync, existsSync, statSync, mkdtempSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { join, relative, basename } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import type { Rule } from '../rule.js';
import type { Finding, Severity, TextEdit } from '../types.js';
import { analyzeSources } from '../run.js';
import { goVersionFromGoMod } from '../gomod.js';

export const DEFAULT_FIXTURE_GO = '1.22';

export interface Expectation {
  file: string;
  line: number;
  ruleId: string;
  /** Set by a `// want-severity: X` line in the file. */
  severity?: Severity;
}

export interface FixturePackage {
  /** Absolute directory. */
  dir: string;
  /** File name -> text. */
  files: Map<string, string>;
  goVersion: string;
  /** go.mod text to use (the folder's own, or a generated one). */
  goMod: string;
}

export interface FixtureReport {
  missing: Expectation[];
  unexpected: (Expectation & { message: string })[];
  /** Flagged lines whose finding has another severity than expected. */
  wrongSeverity: (Expectation & { got: Severity })[];
  /** Files whose golden differs from the fixed text: name -> {expected, actual}. */
  goldenMismatch: { file: string; expected: string; actual: string }[];
  /** Fixed text of every file that has a golden. */
  fixed: Map<string, string>;
  findings: Finding[];
}

/** Directories under `root` (inclusive) that directly hold .go files. */
export function fixturePackageDirs(root: string): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const visit = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true });
    // testdata/modules/<name> holds module fixtures (see modules.ts), not packages.
    if (dir === join(root, 'modules')) return;
    if (entries.some((e) => e.isFile() && e.name.endsWith('.go'))) out.push(dir);
    for (const e of entries) if (e.isDirectory()) visit(join(dir, e.name));
  };
  visit(root);
  return out.sort();
}

export function loadFixturePackage(dir: string): FixturePackage {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith('.go') && statSync(join(dir, name)).isFile()) files.set(name, readFileSync(join(dir, name), 'utf8'));
  }
  const folderVersion = /^go(\d+\.\d+)$/.exec(basename(dir))?.[1];
  const ownGoMod = existsSync(join(dir, 'go.mod')) ? readFileSync(join(dir, 'go.mod'), 'utf8') : undefined;
  const goVersion = folderVersion ?? (ownGoMod ? goVersionFromGoMod(ownGoMod)?.raw : undefined) ?? DEFAULT_FIXTURE_GO;
  const goMod = ownGoMod ?? `module fixture\n\ngo ${goVersion}\n`;
  return { dir, files, goVersion, goMod };
}

const WANT = /\/\/\s*want(?::(error|warning|notice))?((?:\s+"[^"]+")+)\s*$/;

const WANT_SEVERITY = /^\s*\/\/\s*want-severity:\s*(error|warning|notice)\s*$/m;

export function expectationsOf(file: string, text: string): Expectation[] {
  const out: Expectation[] = [];
  const severity = WANT_SEVERITY.exec(text)?.[1] as Severity | undefined;
  text.split('\n').forEach((line, i) => {
    const m = WANT.exec(line);
    if (!m) return;
    const own = m[1] as Severity | undefined;
    for (const id of m[2]!.matchAll(/"([^"]+)"/g)) out.push({ file, line: i + 1, ruleId: id[1]!, severity: own ?? severity });
  });
  return out;
}

/** Applies the edits of every fix to a file's text; overlapping edits keep the first. */
export function applyFixes(text: string, findings: Finding[]): string {
  const edits: TextEdit[] = findings.flatMap((f) => f.fix?.edits ?? []).sort((a, b) => a.startIndex - b.startIndex);
  let out = '';
  let at = 0;
  for (const e of edits) {
    if (e.startIndex < at) continue;
    out += text.slice(at, e.startIndex) + e.newText;
    at = e.endIndex;
  }
  return out + text.slice(at);
}

export async function runFixture(rule: Rule, pkg: FixturePackage): Promise<FixtureReport> {
  const inputs = [...pkg.files].map(([name, text]) => ({ path: name, text }));
  const result = await analyzeSources(inputs, { rules: [rule], goMods: [{ dir: '', text: pkg.goMod.replace(/^go\s+\S+/m, `go ${pkg.goVersion}`) }] });
  if (result.problems.length) throw new Error(`fixture ${pkg.dir}: ${result.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  const findings = result.findings.filter((f) => f.ruleId === rule.meta.id);
  const expected = [...pkg.files].flatMap(([name, text]) => expectationsOf(name, text)).filter((e) => e.ruleId === rule.meta.id);
  const key = (e: { file: string; line: number }) => `${e.file}:${e.line}`;
  const got = new Map<string, Finding[]>();
  for (const f of findings) got.set(key({ file: f.path, line: f.line }), [...(got.get(key({ file: f.path, line: f.line })) ?? []), f]);
  const want = new Set(expected.map(key));
  const missing = expected.filter((e) => !got.has(key(e)));
  const unexpected = findings.filter((f) => !want.has(key({ file: f.path, line: f.line }))).map((f) => ({ file: f.path, line: f.line, ruleId: f.ruleId, message: f.message }));
  const wrongSeverity = expected.flatMap((e) => {
    const want = e.severity ?? rule.meta.severity;
    const f = got.get(key(e))?.[0];
    return f && f.severity !== want ? [{ ...e, severity: want, got: f.severity }] : [];
  });
  const goldenMismatch: FixtureReport['goldenMismatch'] = [];
  const fixed = new Map<string, string>();
  for (const [name, text] of pkg.files) {
    const goldenPath = join(pkg.dir, `${name}.golden`);
    if (!existsSync(goldenPath)) continue;
    const actual = applyFixes(text, findings.filter((f) => f.path === name));
    fixed.set(name, actual);
    const expectedText = readFileSync(goldenPath, 'utf8');
    if (actual !== expectedText) goldenMismatch.push({ file: name, expected: expectedText, actual });
  }
  return { missing, unexpected, wrongSeverity, goldenMismatch, fixed, findings };
}

export function formatReport(rule: Rule, pkg: FixturePackage, r: FixtureReport, root: string): string {
  const rel = relative(root, pkg.dir);
  const lines = [
    ...r.missing.map((m) => `${rel}/${m.file}:${m.line}: expected ${m.ruleId}, got nothing`),
    ...r.unexpected.map((u) => `${rel}/${u.file}:${u.line}: unexpected ${u.ruleId}: ${u.message}`),
    ...r.wrongSeverity.map((w) => `${rel}/${w.file}:${w.line}: ${w.ruleId} expected at ${w.severity}, reported at ${w.got}`),
    ...r.goldenMismatch.map((g) => `${rel}/${g.file}: fixed text differs from ${g.file}.golden:\n--- actual\n${g.actual}`),
  ];
  return lines.length ? `${rule.meta.id}:\n${lines.join('\n')}` : '';
}

export interface GoToolchain {
  available: boolean;
  version?: string;
}

export function goToolchain(): GoToolchain {
  const r = spawnSync('go', ['version'], { encoding: 'utf8' });
  return r.status === 0 ? { available: true, version: r.stdout.trim() } : { available: false };
}

/** Writes a package (with go.mod) into a temporary module directory; returns it. */
export function materialise(pkg: FixturePackage, files: Map<string, string> = pkg.files): string {
  const dir = mkdtempSync(join(tmpdir(), 'mapguard-fixture-'));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'go.mod'), pkg.goMod.replace(/^go\s+\S+/m, `go ${pkg.goVersion}`));
  if (existsSync(join(pkg.dir, 'go.sum'))) writeFileSync(join(dir, 'go.sum'), readFileSync(join(pkg.dir, 'go.sum')));
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
  return dir;
}

export function goEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod', GOWORK: 'off' };
}

/** `go vet` on a fixture package (optionally with replaced file texts). */
export function goVet(pkg: FixturePackage, files?: Map<string, string>): { ok: boolean; output: string } {
  const dir = materialise(pkg, files ? new Map([...pkg.files, ...files]) : pkg.files);
  try {
    const r = spawnSync('go', ['vet', '.'], { cwd: dir, encoding: 'utf8', env: goEnv(), timeout: 300_000 });
    return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}`.replaceAll(dir, '.') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Go code blocks of a rule page: ```go bad and ```go good. */
export function pageExamples(markdown: string): { kind: 'bad' | 'good'; code: string }[] {
  const out: { kind: 'bad' | 'good'; code: string }[] = [];
  for (const m of markdown.matchAll(/```go (bad|good)\n([\s\S]*?)```/g)) out.push({ kind: m[1] as 'bad' | 'good', code: m[2]! });
  return out;
}

// Module fixtures: rules/<id>/testdata/modules/<name>/, each with its own go.mod, is a
// small Go module (several packages, maybe a vendor/ dependency) whose `// want`
// lines need another package's types, callers or goroutines. The harness
// analyses every package of the module with the module view on, and again
// with it off: with it, exactly the want lines are flagged; without it, the
// outcome differs (a want line missed, or a near miss flagged that the other
// package's declarations clear), else the fixture proves nothing cross-package.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Rule } from '../rule.js';
import type { Finding, SourceInput } from '../types.js';
import { analyzeSources } from '../run.js';
import { isSkippedDirName } from '../source.js';
import { parseGoModFile } from '../module/layout.js';
import type { PackageReader } from '../module/view.js';
import { expectationsOf, goEnv, type Expectation } from './harness.js';

/** The module fixtures of a testdata folder: `modules/<name>/` folders holding a go.mod. */
export function fixtureModuleDirs(root: string): string[] {
  const dir = join(root, 'modules');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'go.mod')))
    .map((e) => join(dir, e.name))
    .sort();
}

/** The module's own .go files (vendor/ and testdata/ left out), paths relative to it. */
export function moduleSources(dir: string): SourceInput[] {
  const out: SourceInput[] = [];
  const visit = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (!isSkippedDirName(e.name)) visit(p);
      } else if (e.name.endsWith('.go')) out.push({ path: relative(dir, p).split('\\').join('/'), text: readFileSync(p, 'utf8') });
    }
  };
  visit(dir);
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

export interface ModuleFixtureReport {
  expected: Expectation[];
  missing: Expectation[];
  unexpected: { file: string; line: number; message: string }[];
  /** Want lines not flagged when the module view is off. */
  missedWithoutModule: Expectation[];
  /** Lines flagged only when the module view is off (a near miss the view's evidence clears). */
  extraWithoutModule: { file: string; line: number }[];
  findings: Finding[];
}

export async function runModuleFixture(rule: Rule, dir: string): Promise<ModuleFixtureReport> {
  const inputs = moduleSources(dir);
  const goMod = readFileSync(join(dir, 'go.mod'), 'utf8');
  const base = { rules: [rule], goMods: [{ dir: '', text: goMod }] };
  // The fixture's own module and its vendor/ only: no module cache, so results do not depend on the machine.
  const mod = parseGoModFile(goMod, '', existsSync(join(dir, 'vendor', 'modules.txt')));
  if (!mod) throw new Error(`module fixture ${dir}: go.mod has no module line`);
  const on = await analyzeSources(inputs, { ...base, module: { layout: { modules: [mod] }, reader: fixtureReader(dir) } });
  const off = await analyzeSources(inputs, base);
  for (const r of [on, off]) if (r.problems.length) throw new Error(`module fixture ${dir}: ${r.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  const mine = (fs: Finding[]) => fs.filter((f) => f.ruleId === rule.meta.id);
  const expected = inputs.flatMap((f) => expectationsOf(f.path, f.text)).filter((e) => e.ruleId === rule.meta.id);
  const key = (e: { file: string; line: number }) => `${e.file}:${e.line}`;
  const flagged = (fs: Finding[]) => new Set(mine(fs).map((f) => key({ file: f.path, line: f.line })));
  const withModule = flagged(on.findings);
  const withoutModule = flagged(off.findings);
  const want = new Set(expected.map(key));
  return {
    expected,
    missing: expected.filter((e) => !withModule.has(key(e))),
    unexpected: mine(on.findings).filter((f) => !want.has(key({ file: f.path, line: f.line }))).map((f) => ({ file: f.path, line: f.line, message: f.message })),
    missedWithoutModule: expected.filter((e) => !withoutModule.has(key(e))),
    extraWithoutModule: mine(off.findings).filter((f) => !want.has(key({ file: f.path, line: f.line }))).map((f) => ({ file: f.path, line: f.line })),
    findings: mine(on.findings),
  };
}

function fixtureReader(dir: string): PackageReader {
  const read = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : undefined);
  return {
    goFiles: (d) => {
      const abs = join(dir, d);
      if (!existsSync(abs)) return undefined;
      return readdirSync(abs).filter((n) => n.endsWith('.go')).sort().map((name) => ({ name, text: readFileSync(join(abs, name), 'utf8') }));
    },
    readFile: (p) => read(join(dir, p)),
    packageDirs: (moduleDir) => {
      const dirs = new Set(moduleSources(join(dir, moduleDir)).map((f) => (f.path.includes('/') ? f.path.slice(0, f.path.lastIndexOf('/')) : '')));
      return [...dirs].map((d) => (moduleDir && moduleDir !== '.' ? (d ? `${moduleDir}/${d}` : moduleDir) : d)).sort();
    },
  };
}

/** `go vet ./...` inside the module (vendor/ is used when present; no network). */
export function goVetModule(dir: string): { ok: boolean; output: string } {
  const env = { ...goEnv(), GOFLAGS: existsSync(join(dir, 'vendor', 'modules.txt')) ? '-mod=vendor' : '-mod=mod', GOPROXY: 'off' };
  const r = spawnSync('go', ['vet', './...'], { cwd: dir, encoding: 'utf8', env, timeout: 300_000 });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

// Go itself proves the concurrency fixtures: every rules/<id>/testdata/race/<case>/
// directory is a main package. A case with a `// want` line must make
// `go run -race .` report a data race (or hit the runtime's fatal concurrent
// map error); a case without one must run clean. -race builds are slow, so
// the cases run at most two at a time, sharing the Go build cache. The race
// detector only sees interleavings that happen, so a positive case that runs
// clean is retried (at most RETRIES times) before it counts as a failure.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawn } from 'node:child_process';
import { allRules } from '../rules/index.js';
import { expectationsOf, goEnv, goToolchain, loadFixturePackage, materialise } from '../src/engine/testing/harness.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const go = goToolchain();
if (!go.available && process.env.CI) throw new Error('go is not on PATH: CI needs the Go toolchain to prove the race fixtures');
if (!go.available) console.warn('go not found: race fixtures are not run (they run in CI)');

interface RaceCase {
  rule: string;
  dir: string;
  name: string;
  positive: boolean;
  /** A module fixture's driver (`cmd/race-*` must race, `cmd/clean-*` must run clean): run in a copy of the module. */
  module?: { dir: string; cmd: string };
}

interface RaceRun {
  code: number | null;
  output: string;
}

const PARALLEL = 2;
const RUN_TIMEOUT_MS = 240_000;
const RETRIES = 4;
const RACED = /WARNING: DATA RACE|fatal error: concurrent map/;

function raceCases(): RaceCase[] {
  const out: RaceCase[] = [];
  for (const rule of allRules) {
    const base = join(root, 'rules', rule.meta.id, 'testdata', 'race');
    if (!existsSync(base)) continue;
    for (const e of readdirSync(base, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      const dir = join(base, e.name);
      const pkg = loadFixturePackage(dir);
      const positive = [...pkg.files].some(([name, text]) => expectationsOf(name, text).length > 0);
      out.push({ rule: rule.meta.id, dir, name: e.name, positive });
    }
  }
  for (const rule of allRules) {
    // Module fixtures (testdata/modules/<m>/) prove their want lines through drivers in cmd/.
    const base = join(root, 'rules', rule.meta.id, 'testdata', 'modules');
    if (!existsSync(base)) continue;
    for (const m of readdirSync(base, { withFileTypes: true })) {
      const cmds = join(base, m.name, 'cmd');
      if (!m.isDirectory() || !existsSync(cmds)) continue;
      for (const e of readdirSync(cmds, { withFileTypes: true })) {
        const kind = /^(race|clean)-/.exec(e.name)?.[1];
        if (!e.isDirectory() || !kind) continue;
        out.push({ rule: rule.meta.id, dir: join(cmds, e.name), name: `modules/${m.name}/cmd/${e.name}`, positive: kind === 'race', module: { dir: join(base, m.name), cmd: `./cmd/${e.name}` } });
      }
    }
  }
  return out.sort((a, b) => (a.rule + a.name < b.rule + b.name ? -1 : 1));
}

function runRace(c: RaceCase): Promise<RaceRun> {
  let tmp: string;
  if (c.module) {
    tmp = mkdtempSync(join(tmpdir(), 'mapguard-race-module-'));
    cpSync(c.module.dir, tmp, { recursive: true });
  } else tmp = materialise(loadFixturePackage(c.dir));
  return new Promise((resolve) => {
    const child = spawn('go', ['run', '-race', c.module ? c.module.cmd : '.'], { cwd: tmp, env: { ...goEnv(), ...(c.module ? { GOPROXY: 'off', GOFLAGS: existsSync(join(c.module.dir, 'vendor', 'modules.txt')) ? '-mod=vendor' : '-mod=mod' } : {}) } });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      rmSync(tmp, { recursive: true, force: true });
      resolve({ code, output });
    });
  });
}

async function runAll(cases: RaceCase[]): Promise<Map<string, RaceRun>> {
  const results = new Map<string, RaceRun>();
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const c = cases[next++]!;
      let r = await runRace(c);
      for (let i = 1; c.positive && i < RETRIES && !RACED.test(r.output); i++) r = await runRace(c);
      results.set(c.dir, r);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return results;
}

const cases = raceCases();
const describeRace = go.available ? describe : describe.skip;

describeRace('race fixtures are proven by go run -race', () => {
  let results = new Map<string, RaceRun>();
  beforeAll(async () => {
    results = await runAll(cases);
  }, 1_800_000);

  it('has race cases for the concurrency rules', () => {
    for (const id of ['concurrent-map-access', 'unguarded-map-field', 'map-write-under-rlock']) {
      expect(cases.filter((c) => c.rule === id && c.positive).length).toBeGreaterThan(0);
      expect(cases.filter((c) => c.rule === id && !c.positive).length).toBeGreaterThan(0);
    }
    // Cross-package cases (a goroutine or handler of another package of a module) are proven too.
    expect(cases.filter((c) => c.module && c.positive).length).toBeGreaterThan(0);
    expect(cases.filter((c) => c.module && !c.positive).length).toBeGreaterThan(0);
  });

  for (const c of cases) {
    it(`${c.rule}/${c.name} ${c.positive ? 'races' : 'runs clean'}`, () => {
      const r = results.get(c.dir);
      expect(r).toBeDefined();
      const raced = RACED.test(r!.output);
      if (c.positive) expect({ raced, output: raced ? '' : r!.output }).toEqual({ raced: true, output: '' });
      else expect({ code: r!.code, raced, output: r!.code === 0 && !raced ? '' : r!.output }).toEqual({ code: 0, raced: false, output: '' });
    });
  }
});

// `npm run bench`: analyses the Go standard library ($(go env GOROOT)/src) with
// every rule and prints files, MB, wall time, MB/s, peak RSS, and the time of a
// bare parse of the same files (the floor for this design), so the ratio shows.
import { spawnSync } from 'node:child_process';
import { basename, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeSources, parseSources } from '../src/engine/index.js';
import { goParser } from '../src/engine/parser.js';
import { allRules } from '../rules/index.js';
import { findGoFiles, readSources } from '../src/cli/files.js';
import { analyze } from '../src/review/index.js';
import { workerCount } from '../src/review/parallel.js';
import { DEFAULT_CONFIG } from '../src/config/index.js';
import { moduleLayoutFor, fsPackageReader } from '../src/review/module-disk.js';
import { benchWarm } from './bench-warm.js';

// `npm run bench -- [tree] [--rules id,id] [--one-package dir] [--warm file] [--rounds N]`: --rules
// times only those rules (to measure what a set of rules adds, run it with and without them, back
// to back); --one-package times one package of the tree with and without the module view (a
// one-package pull request); --warm times re-runs with the kept results after nothing and after an
// edit of that file (bench-warm.ts); --rounds (default 3) how often the parse and the analysis are
// timed in turn.
const args = process.argv.slice(2);
const rulesAt = args.indexOf('--rules');
const ruleIds = rulesAt >= 0 ? (args[rulesAt + 1] ?? '').split(',').filter(Boolean) : undefined;
const pkgAt = args.indexOf('--one-package');
const onePackage = pkgAt >= 0 ? args[pkgAt + 1] : undefined;
const roundsAt = args.indexOf('--rounds');
const warmAt = args.indexOf('--warm');
const warmFile = warmAt >= 0 ? args[warmAt + 1] : undefined;
// The machine is shared and its speed drifts within a minute: the parse and the analysis are timed
// in turn, round after round, and the ratio is taken round by round (its median is the figure).
const rounds = roundsAt >= 0 ? Math.max(1, Number(args[roundsAt + 1]) || 1) : 3;
const valueAt = new Set([rulesAt, pkgAt, roundsAt, warmAt].filter((i) => i >= 0).map((i) => i + 1));
const treeArg = args.find((a, i) => !a.startsWith('--') && !valueAt.has(i));

function goroot(): string {
  if (treeArg) return treeArg;
  const r = spawnSync('go', ['env', 'GOROOT'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error('go env GOROOT failed: is Go installed?');
  return join(r.stdout.trim(), 'src');
}

/**
 * `--one-package <dir>`: what a one-package pull request costs in a big module: that package's
 * files analysed with the module view around it (other packages read lazily as evidence), after
 * one warm-up run (parser loaded, files in the OS cache); median of five runs, and without the view.
 */
async function benchOnePackage(root: string, dir: string): Promise<void> {
  const target = join(root, dir);
  // The package's own files, not the packages below it.
  const { files } = readSources(findGoFiles([target]).paths.filter((p) => dirname(p) === target), root);
  const layout = moduleLayoutFor([target], root);
  const run = async (withModule: boolean) => {
    const t = performance.now();
    const r = await analyzeSources(files, { rules: allRules, ...(withModule ? { module: { layout, reader: fsPackageReader(root) } } : {}) });
    return { ms: performance.now() - t, findings: r.findings.length };
  };
  await run(true);
  const median = async (withModule: boolean) => {
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await run(withModule));
    runs.sort((a, b) => a.ms - b.ms);
    return runs[2]!;
  };
  const on = await median(true);
  const off = await median(false);
  console.log(`one package: ${dir} (${files.length} files) in ${basename(root)}; modules: ${layout.modules.map((m) => m.path).join(', ') || 'none'}`);
  console.log(`with the module view (warm, median of 5): ${(on.ms / 1000).toFixed(2)} s, ${on.findings} findings`);
  console.log(`without it (median of 5): ${(off.ms / 1000).toFixed(2)} s, ${off.findings} findings; ratio ${(on.ms / off.ms).toFixed(2)}x`);
}

async function main(): Promise<void> {
  const root = goroot();
  if (onePackage) return benchOnePackage(root, onePackage);
  if (warmFile) return benchWarm(root, warmFile, rounds);
  const found = findGoFiles([root]);
  const { files } = readSources(found.paths, root);
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const mb = bytes / 1024 / 1024;

  // Warm the parser (wasm load) so neither timing includes it.
  await parseSources([{ path: 'warm.go', text: 'package warm\n' }]).then((r) => r.files.forEach((f) => f.tree.delete()));

  // Each round: the floor (tree-sitter's parse alone, each wasm tree freed at once), what every
  // analysis pays before any rule runs (the parse plus the copy into mapguard's tree), and the
  // analysis. The first round's analysis runs on code the JIT has not seen yet, as a CLI run does.
  const parser = await goParser();
  const rules = ruleIds ? allRules.filter((r) => ruleIds.includes(r.meta.id)) : allRules;
  if (ruleIds && rules.length !== ruleIds.length) throw new Error(`unknown rule in --rules: ${ruleIds.filter((id) => !allRules.some((r) => r.meta.id === id)).join(', ')}`);
  const parseRuns: number[] = [];
  const copyRuns: number[] = [];
  const analyseRuns: number[] = [];
  const moduleRuns: number[] = [];
  // The module view (other packages' declarations read as evidence), as the CLI runs it, when the tree is a module.
  const layout = moduleLayoutFor([root], root);
  let result: Awaited<ReturnType<typeof analyzeSources>> | undefined;
  let withModule: Awaited<ReturnType<typeof analyzeSources>> | undefined;
  let t = 0;
  for (let round = 0; round < rounds; round++) {
    t = performance.now();
    for (const f of files) parser.parseOnly(f.text);
    parseRuns.push(performance.now() - t);
    t = performance.now();
    for (const f of files) parser.parse(f.text);
    copyRuns.push(performance.now() - t);
    const plain = async () => {
      collect();
      t = performance.now();
      result = await analyzeSources(files, { rules });
      analyseRuns.push(performance.now() - t);
    };
    const viewed = async () => {
      collect();
      t = performance.now();
      withModule = await analyzeSources(files, { rules, module: { layout, reader: fsPackageReader(root) } });
      moduleRuns.push(performance.now() - t);
    };
    // The two analyses take turns at going first, so that neither always runs on the heap the
    // other left (each also starts after a full collection when node runs with --expose-gc).
    if (!layout.modules.length) await plain();
    else if (round % 2 === 0) {
      await plain();
      await viewed();
    } else {
      await viewed();
      await plain();
    }
  }
  if (!result) throw new Error('no round ran');
  const parseMs = median(parseRuns);
  const copyRatio = median(copyRuns.map((c, i) => c / parseRuns[i]!));
  const analyseMs = median(analyseRuns);
  const ratios = analyseRuns.map((a, i) => a / parseRuns[i]!);
  const moduleMs = moduleRuns.length ? median(moduleRuns) : 0;
  const moduleRatio = moduleRuns.length ? median(moduleRuns.map((m, i) => m / analyseRuns[i]!)) : 0;
  const rssMb = process.resourceUsage().maxRSS / 1024;

  // What `mapguard check` does: the same analysis spread over worker threads.
  const workers = workerCount(files.length);
  // Only for the whole rule set: the CLI's run takes its rules from the configuration.
  t = performance.now();
  const parallel = ruleIds ? undefined : await analyze({ workspace: { files }, config: DEFAULT_CONFIG });
  const parallelMs = performance.now() - t;

  const perRule = new Map<string, number>();
  for (const f of result.findings) perRule.set(f.ruleId, (perRule.get(f.ruleId) ?? 0) + 1);
  console.log(`tree: ${treeArg ? basename(root) : 'Go standard library'} (${files.length} files, ${result.packages} packages, ${mb.toFixed(1)} MB)`);
  console.log(`rules: ${rules.length}${ruleIds ? ` (${ruleIds.join(', ')})` : ''}`);
  const runs = (list: number[]) => (list.length > 1 ? ` (rounds: ${list.map((x) => (x / 1000).toFixed(2)).join(', ')})` : '');
  console.log(`bare parse: ${(parseMs / 1000).toFixed(2)} s (${(mb / (parseMs / 1000)).toFixed(2)} MB/s; tree-sitter alone)${runs(parseRuns)}`);
  console.log(`parse + copy into mapguard's syntax tree: ${(median(copyRuns) / 1000).toFixed(2)} s (${copyRatio.toFixed(2)}x the bare parse)`);
  console.log(`analysis (parse + model + rules): ${(analyseMs / 1000).toFixed(2)} s (${(mb / (analyseMs / 1000)).toFixed(2)} MB/s)${runs(analyseRuns)}`);
  console.log(`ratio analysis / bare parse: ${median(ratios).toFixed(2)}x${ratios.length > 1 ? ` (median of the rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')})` : ''}`);
  if (withModule) console.log(`analysis with the module view (${layout.modules.map((m) => m.path).join(', ')}): ${(moduleMs / 1000).toFixed(2)} s, ${moduleRatio.toFixed(2)}x the analysis without it${moduleRuns.length > 1 ? ` (median of the rounds: ${moduleRuns.map((m, i) => (m / analyseRuns[i]!).toFixed(2)).join(', ')})` : ''}; ${withModule.findings.length} findings (${withModule.findings.length - result.findings.length >= 0 ? '+' : ''}${withModule.findings.length - result.findings.length})`);
  if (parallel) console.log(`analysis with ${workers} worker thread(s), as the CLI runs it: ${(parallelMs / 1000).toFixed(2)} s (${(mb / (parallelMs / 1000)).toFixed(2)} MB/s, ${(parallelMs / parseMs).toFixed(2)}x the single-thread bare parse; ${parallel.findings.length} findings)`);
  console.log(`peak RSS (main thread, before workers): ${rssMb.toFixed(0)} MB`);
  console.log(`findings: ${result.findings.length}; problems: ${result.problems.length}`);
  for (const [id, n] of [...perRule].sort()) console.log(`  ${id}: ${n}`);
}

/** A full collection before a timed run, when node exposes it (`npm run bench` runs node with --expose-gc). */
function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function median(list: number[]): number {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

main().catch((e: unknown) => {
  console.error(`bench: ${(e as Error).message}`);
  process.exit(1);
});

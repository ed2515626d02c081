// `npm run bench`: analyses the Go standard library ($(go env GOROOT)/src) with
// every rule and prints files, MB, wall time, MB/s, peak RSS, and the time of a
// bare parse of the same files (the floor for this design), so the ratio shows.
import { spawnSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeSources, parseSources } from '../src/engine/index.js';
import { allRules } from '../rules/index.js';
import { findGoFiles, readSources } from '../src/cli/files.js';
import { analyze } from '../src/review/index.js';
import { workerCount } from '../src/review/parallel.js';
import { DEFAULT_CONFIG } from '../src/config/index.js';
import { moduleLayoutFor, fsPackageReader } from '../src/review/module-disk.js';

// `npm run bench -- [tree] [--rules id,id]`: --rules times only those rules (to measure what a set
// of rules adds, run it with and without them, back to back).
const args = process.argv.slice(2);
const rulesAt = args.indexOf('--rules');
const ruleIds = rulesAt >= 0 ? (args[rulesAt + 1] ?? '').split(',').filter(Boolean) : undefined;
const treeArg = args.find((a, i) => !a.startsWith('--') && (rulesAt < 0 || i !== rulesAt + 1));

function goroot(): string {
  if (treeArg) return treeArg;
  const r = spawnSync('go', ['env', 'GOROOT'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error('go env GOROOT failed: is Go installed?');
  return join(r.stdout.trim(), 'src');
}

async function main(): Promise<void> {
  const root = goroot();
  const found = findGoFiles([root]);
  const { files } = readSources(found.paths, root);
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const mb = bytes / 1024 / 1024;

  // Warm the parser (wasm load) so neither timing includes it.
  await parseSources([{ path: 'warm.go', text: 'package warm\n' }]).then((r) => r.files.forEach((f) => f.tree.delete()));

  let t = performance.now();
  for (const f of files) {
    const r = await parseSources([f]);
    for (const p of r.files) p.tree.delete();
  }
  const parseMs = performance.now() - t;

  t = performance.now();
  const rules = ruleIds ? allRules.filter((r) => ruleIds.includes(r.meta.id)) : allRules;
  if (ruleIds && rules.length !== ruleIds.length) throw new Error(`unknown rule in --rules: ${ruleIds.filter((id) => !allRules.some((r) => r.meta.id === id)).join(', ')}`);
  const result = await analyzeSources(files, { rules });
  const analyseMs = performance.now() - t;
  // The same with the module view (other packages' declarations read as evidence), as the CLI runs it.
  const layout = moduleLayoutFor([root], root);
  t = performance.now();
  const withModule = layout.modules.length ? await analyzeSources(files, { rules, module: { layout, reader: fsPackageReader(root) } }) : undefined;
  const moduleMs = performance.now() - t;
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
  console.log(`bare parse: ${(parseMs / 1000).toFixed(2)} s (${(mb / (parseMs / 1000)).toFixed(2)} MB/s)`);
  console.log(`analysis (parse + model + rules): ${(analyseMs / 1000).toFixed(2)} s (${(mb / (analyseMs / 1000)).toFixed(2)} MB/s)`);
  console.log(`ratio analysis / bare parse: ${(analyseMs / parseMs).toFixed(2)}x`);
  if (withModule) console.log(`analysis with the module view (${layout.modules.map((m) => m.path).join(', ')}): ${(moduleMs / 1000).toFixed(2)} s, ${(moduleMs / analyseMs).toFixed(2)}x the analysis without it; ${withModule.findings.length} findings (${withModule.findings.length - result.findings.length >= 0 ? '+' : ''}${withModule.findings.length - result.findings.length})`);
  if (parallel) console.log(`analysis with ${workers} worker thread(s), as the CLI runs it: ${(parallelMs / 1000).toFixed(2)} s (${(mb / (parallelMs / 1000)).toFixed(2)} MB/s, ${(parallelMs / parseMs).toFixed(2)}x the single-thread bare parse; ${parallel.findings.length} findings)`);
  console.log(`peak RSS (main thread, before workers): ${rssMb.toFixed(0)} MB`);
  console.log(`findings: ${result.findings.length}; problems: ${result.problems.length}`);
  for (const [id, n] of [...perRule].sort()) console.log(`  ${id}: ${n}`);
}

main().catch((e: unknown) => {
  console.error(`bench: ${(e as Error).message}`);
  process.exit(1);
});

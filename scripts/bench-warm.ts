// `npm run bench -- <tree> --warm <file>`: what a re-run costs with the kept results and trees
// (result-cache.ts, tree-cache.ts), as `mapguard check <tree>` runs it (worker threads, module
// view). Each round, on an empty cache directory: a cold run; a warm run with nothing changed (a
// `touch`: the cache is content-addressed); then <file> edited on disk (a comment line added at its
// end; put back afterwards) and a warm run again, compared with a cold run of the edited tree,
// finding for finding. Prints each time, the warm / cold ratios and their medians.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { findGoFiles, readSources } from '../src/cli/files.js';
import { DEFAULT_CONFIG } from '../src/config/index.js';
import { analyze, DiskResultCache, moduleLayoutFor, type ReviewResult } from '../src/review/index.js';

async function run(root: string, cacheDir: string): Promise<{ ms: number; result: ReviewResult }> {
  const t = performance.now();
  // Read as the CLI reads: every .go file under the tree, the module around it.
  const collected = readSources(findGoFiles([root]).paths, root);
  const workspace = { files: collected.files, goMods: collected.goMods, module: { layout: moduleLayoutFor([root], root), fsRoot: root } };
  const result = await analyze({ workspace, config: DEFAULT_CONFIG, treeCacheDir: cacheDir, resultCache: new DiskResultCache(cacheDir) });
  return { ms: performance.now() - t, result };
}

/** The output a user sees, without the run's own time and the cache's count. */
function outcome(r: ReviewResult): string {
  return JSON.stringify({ findings: r.findings, problems: r.problems, files: r.stats.files, packages: r.stats.packages });
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[list.length >> 1]!;

export async function benchWarm(root: string, file: string, rounds: number): Promise<void> {
  const path = join(root, file);
  const original = readFileSync(path, 'utf8');
  const rows: { cold: number; same: number; edited: number; kept: number; identical: boolean }[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const cache = mkdtempSync(join(tmpdir(), 'mapguard-bench-warm-'));
      const fresh = mkdtempSync(join(tmpdir(), 'mapguard-bench-cold-'));
      try {
        const cold = await run(root, cache);
        const same = await run(root, cache);
        if (outcome(same.result) !== outcome(cold.result)) throw new Error('a warm run with nothing changed differs from the cold run');
        writeFileSync(path, `${original}\n// edited\n`);
        const edited = await run(root, cache);
        const reference = await run(root, fresh);
        rows.push({ cold: cold.ms, same: same.ms, edited: edited.ms, kept: edited.result.stats.keptDirectories ?? 0, identical: outcome(edited.result) === outcome(reference.result) });
        writeFileSync(path, original);
        const r = rows[rows.length - 1]!;
        console.log(`round ${round + 1}: cold ${(r.cold / 1000).toFixed(2)} s; unchanged ${(r.same / 1000).toFixed(2)} s (${(r.same / r.cold).toFixed(3)}); ${file} edited ${(r.edited / 1000).toFixed(2)} s (${(r.edited / r.cold).toFixed(3)}, ${r.kept} directories kept); ${r.identical ? 'identical to a cold run' : 'DIFFERENT from a cold run'}`);
      } finally {
        rmSync(cache, { recursive: true, force: true });
        rmSync(fresh, { recursive: true, force: true });
      }
    }
  } finally {
    writeFileSync(path, original);
  }
  console.log(`warm / cold, median of ${rows.length}: unchanged (a touch) ${median(rows.map((r) => r.same / r.cold)).toFixed(3)}; after editing ${file} ${median(rows.map((r) => r.edited / r.cold)).toFixed(3)}; findings identical to a cold run in ${rows.filter((r) => r.identical).length} of ${rows.length}`);
  if (rows.some((r) => !r.identical)) process.exitCode = 1;
}

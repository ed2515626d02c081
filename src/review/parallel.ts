// Parallel analysis over worker threads: directories are independent units
// (a package never spans directories), so workers take them from a shared queue,
// largest first, and the results are merged and sorted as a single run would be.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { compareFindings, groupByDirectory, type AnalysisResult, type RuleSeverity, type SourceInput } from '../engine/index.js';
import type { WorkerJob } from './worker.js';

/** Below this many files a single thread is faster than starting workers. */
export const PARALLEL_MIN_FILES = 200;

const workerUrl = new URL('./worker.js', import.meta.url);

/** How many workers to use: MAPGUARD_WORKERS, else the cores (at most 4); 1 means no workers. */
export function workerCount(fileCount: number): number {
  const env = Number(process.env.MAPGUARD_WORKERS);
  const wanted = Number.isInteger(env) && env > 0 ? env : Math.min(availableParallelism(), 4);
  // Workers need the compiled worker module; under ts-jest the sources are .ts.
  if (!existsSync(fileURLToPath(workerUrl))) return 1;
  if (fileCount < PARALLEL_MIN_FILES && !process.env.MAPGUARD_WORKERS) return 1;
  return wanted;
}

export async function analyzeInWorkers(
  inputs: SourceInput[],
  goMods: { dir: string; text: string }[],
  severities: Record<string, RuleSeverity>,
  workers: number,
  module?: WorkerJob['module'],
): Promise<AnalysisResult> {
  const byDir = groupByDirectory(inputs);
  const size = (fs: SourceInput[]) => fs.reduce((n, f) => n + f.text.length, 0);
  const queue = [...byDir.values()].sort((a, b) => size(b) - size(a));
  const merged: AnalysisResult = { findings: [], problems: [], files: 0, packages: 0 };
  let nextId = 0;

  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(workerUrl);
      let first = true;
      const feed = () => {
        const files = queue.shift();
        if (!files) {
          void worker.terminate().then(() => resolve());
          return;
        }
        const job: WorkerJob = { id: nextId++, files, goMods, severities, ...(first && module ? { module } : {}) };
        first = false;
        worker.postMessage(job);
      };
      worker.on('message', (msg: { id: number; result?: AnalysisResult; error?: string }) => {
        if (msg.error || !msg.result) {
          void worker.terminate();
          reject(new Error(`analysis worker failed: ${msg.error ?? 'no result'}`));
          return;
        }
        merged.findings.push(...msg.result.findings);
        merged.problems.push(...msg.result.problems);
        merged.files += msg.result.files;
        merged.packages += msg.result.packages;
        feed();
      });
      worker.on('error', reject);
      feed();
    });

  await Promise.all(Array.from({ length: Math.min(workers, queue.length) }, runWorker));
  merged.findings.sort(compareFindings);
  return merged;
}

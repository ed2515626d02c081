// Parallel analysis over worker threads. Directories are independent units (a package never
// spans directories), so workers take them from a shared queue, largest first, and the results
// are merged and sorted as a single run would be.
//
// One directory can be most of the tree (nats-server's `server/` is 90% of its bytes): analysed
// by one worker, it would leave the others idle. So a big directory is parsed first by every
// worker in slices (parse and the copy into mapguard's tree are per file), the trees come back
// as transferred buffers, and one worker then analyses the directory from them while the others
// go on with the rest. The package-level analysis itself still runs on one thread.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { compareFindings, groupByDirectory, type AnalysisResult, type RuleSeverity, type SourceInput } from '../engine/index.js';
import type { ParseJob, ShippedTree, WorkerJob, WorkerReply } from './worker.js';

/** Below this many files a single thread is faster than starting workers. */
export const PARALLEL_MIN_FILES = 200;

/** A directory holding at least this share of the tree's bytes (and BIG_DIR_MIN_FILES files) is parsed by all workers. */
export const BIG_DIR_SHARE = 0.25;
const BIG_DIR_MIN_FILES = 40;

const workerUrl = new URL('./worker.js', import.meta.url);

/** Whether worker threads can run here (the compiled worker module exists; under ts-jest it does not). */
export function workersAvailable(): boolean {
  return existsSync(fileURLToPath(workerUrl));
}

/** How many workers to use: MAPGUARD_WORKERS, else the cores (at most 4); 1 means no workers. */
export function workerCount(fileCount: number): number {
  const env = Number(process.env.MAPGUARD_WORKERS);
  const wanted = Number.isInteger(env) && env > 0 ? env : Math.min(availableParallelism(), 4);
  // Workers need the compiled worker module; under ts-jest the sources are .ts.
  if (!existsSync(fileURLToPath(workerUrl))) return 1;
  if (fileCount < PARALLEL_MIN_FILES && !process.env.MAPGUARD_WORKERS) return 1;
  return wanted;
}

const sizeOf = (fs: SourceInput[]) => fs.reduce((n, f) => n + f.text.length, 0);

/** A directory's files cut into `n` slices of about equal size (largest files dealt first). */
export function slices(files: SourceInput[], n: number): SourceInput[][] {
  const out: { files: SourceInput[]; size: number }[] = Array.from({ length: n }, () => ({ files: [], size: 0 }));
  for (const f of [...files].sort((a, b) => b.text.length - a.text.length)) {
    const smallest = out.reduce((a, b) => (b.size < a.size ? b : a));
    smallest.files.push(f);
    smallest.size += f.text.length;
  }
  return out.filter((s) => s.files.length).map((s) => s.files);
}

/** The directories to parse in slices before analysing them: big ones, when there are workers to share them. */
export function bigDirectories(dirs: SourceInput[][], workers: number): Set<SourceInput[]> {
  const total = dirs.reduce((n, d) => n + sizeOf(d), 0);
  if (workers < 2 || total === 0) return new Set();
  return new Set(dirs.filter((d) => d.length >= BIG_DIR_MIN_FILES && sizeOf(d) >= total * BIG_DIR_SHARE));
}

interface PendingBig {
  files: SourceInput[];
  waiting: number;
  trees: ShippedTree[];
}

export async function analyzeInWorkers(
  inputs: SourceInput[],
  goMods: { dir: string; text: string }[],
  severities: Record<string, RuleSeverity>,
  workers: number,
  module?: WorkerJob['module'],
  treeCacheDir?: string,
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal,
  /** Also return each directory's result and what it read (for a result cache). */
  units = false,
): Promise<AnalysisResult> {
  signal?.throwIfAborted();
  const dirs = [...groupByDirectory(inputs).values()].sort((a, b) => sizeOf(b) - sizeOf(a));
  const big = bigDirectories(dirs, workers);
  // Work in the order it is taken: big directories' parse slices, then (as each big directory's
  // slices are all back) its analysis, then the other directories, largest first.
  const parseQueue: { files: SourceInput[]; big: PendingBig }[] = [];
  const ready: PendingBig[] = [];
  for (const d of dirs) {
    if (!big.has(d)) continue;
    const parts = slices(d, workers);
    const pending: PendingBig = { files: d, waiting: parts.length, trees: [] };
    for (const files of parts) parseQueue.push({ files, big: pending });
  }
  const analyseQueue = dirs.filter((d) => !big.has(d));
  let bigLeft = big.size;
  let dirsDone = 0;
  const merged: AnalysisResult = { findings: [], problems: [], files: 0, packages: 0, ...(units ? { units: [] } : {}) };
  let nextId = 0;

  let idle: (() => void)[] = [];
  const wake = () => {
    const waiting = idle;
    idle = [];
    for (const w of waiting) w();
  };

  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(workerUrl);
      // Stopped from outside (the App's job budget): the thread is terminated, not left to finish.
      const onAbort = () => {
        void worker.terminate();
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.once('exit', () => signal?.removeEventListener('abort', onAbort));
      let sentModule = false;
      const onParsed = new Map<number, PendingBig>();
      const analyse = (files: SourceInput[], trees?: ShippedTree[]) => {
        const job: WorkerJob = { kind: 'analyze', id: nextId++, files, goMods, severities, ...(!sentModule && module ? { module } : {}), ...(trees ? { trees } : {}), ...(treeCacheDir ? { treeCacheDir } : {}), ...(units ? { units } : {}) };
        sentModule = true;
        worker.postMessage(job, trees?.map((t) => t.buffer) ?? []);
      };
      const feed = () => {
        const readyBig = ready.shift();
        if (readyBig) {
          bigLeft--;
          return analyse(readyBig.files, readyBig.trees);
        }
        const slice = parseQueue.shift();
        if (slice) {
          const job: ParseJob = { kind: 'parse', id: nextId++, files: slice.files, ...(treeCacheDir ? { treeCacheDir } : {}) };
          onParsed.set(job.id, slice.big);
          return worker.postMessage(job);
        }
        const files = analyseQueue.shift();
        if (files) return analyse(files);
        // A big directory still being parsed elsewhere will need a worker: wait for it.
        if (bigLeft > ready.length) {
          idle.push(feed);
          return;
        }
        void worker.terminate().then(() => resolve());
      };
      worker.on('message', (msg: WorkerReply) => {
        if (msg.error || (!msg.result && !msg.trees)) {
          void worker.terminate();
          reject(new Error(`analysis worker failed: ${msg.error ?? 'no result'}`));
          return;
        }
        if (msg.trees) {
          const pending = onParsed.get(msg.id)!;
          onParsed.delete(msg.id);
          pending.trees.push(...msg.trees);
          if (--pending.waiting === 0) {
            ready.push(pending);
            wake();
          }
        } else if (msg.result) {
          merged.findings.push(...msg.result.findings);
          merged.problems.push(...msg.result.problems);
          merged.files += msg.result.files;
          merged.packages += msg.result.packages;
          if (msg.result.units) merged.units?.push(...msg.result.units);
          onProgress?.(++dirsDone, dirs.length);
        }
        feed();
      });
      worker.on('error', reject);
      feed();
    });

  await Promise.all(Array.from({ length: Math.min(workers, Math.max(1, dirs.length + parseQueue.length)) }, runWorker));
  merged.findings.sort(compareFindings);
  return merged;
}

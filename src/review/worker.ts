// Worker thread body for parallel analysis. Two kinds of job: analyse one directory's sources
// (running the engine with the registry's rules), or parse a slice of a big directory's files
// and hand the trees back (their arrays are transferred, not copied) so that another job can
// analyse that directory without parsing it again (see parallel.ts).
import { parentPort } from 'node:worker_threads';
import { analyzeSources, goParser, treeArrays, DEFAULT_MAX_CHARS, type AnalysisResult, type AnalyzeOptions, type RuleSeverity, type SourceInput, type TreeArrays } from '../engine/index.js';
import { allRules } from '../../rules/index.js';
import { ruleCatalogue } from './catalogue.js';
import { readerFor, type ModuleSource } from './module-source.js';
import { DiskTreeCache } from './tree-cache.js';

/** A parsed file's tree as it crosses threads: the node count and the buffer holding its arrays. */
export interface ShippedTree {
  path: string;
  count: number;
  buffer: ArrayBuffer;
}

export interface WorkerJob {
  kind: 'analyze';
  id: number;
  files: SourceInput[];
  goMods: { dir: string; text: string }[];
  severities: Record<string, RuleSeverity>;
  /** Sent with the first analysis job only: the worker keeps one module view for all its jobs. */
  module?: { source: ModuleSource; files: SourceInput[] };
  /** Trees other workers parsed for these files. */
  trees?: ShippedTree[];
  /** The directory of parsed trees kept across runs (tree-cache.ts). */
  treeCacheDir?: string;
  /** Return the directory's result with what it read (the main thread keeps it: result-cache.ts). */
  units?: boolean;
}

export interface ParseJob {
  kind: 'parse';
  id: number;
  files: SourceInput[];
  treeCacheDir?: string;
}

/** What a worker posts back for a job: an analysis result, the parsed trees, or an error. */
export interface WorkerReply {
  id: number;
  result?: AnalysisResult;
  trees?: ShippedTree[];
  error?: string;
}

if (parentPort) {
  const port = parentPort;
  let module: AnalyzeOptions['module'];
  let cache: DiskTreeCache | undefined;
  const cacheFor = (dir: string | undefined) => (dir ? (cache && cache.root === dir ? cache : (cache = new DiskTreeCache(dir))) : undefined);
  port.on('message', (job: WorkerJob | ParseJob) => {
    const treeCache = cacheFor(job.treeCacheDir);
    if (job.kind === 'parse') {
      void goParser()
        .then((parser) => {
          const trees: ShippedTree[] = [];
          for (const f of job.files) {
            // Files the analysing side skips before parsing (run.ts) are not parsed here either.
            if (f.text.length > DEFAULT_MAX_CHARS || f.text.includes('\0')) continue;
            try {
              const { count, buffer } = parser.parse(f.text, treeCache).data;
              trees.push({ path: f.path, count, buffer });
            } catch {
              // Left to the analysing side, which reports it.
            }
          }
          port.postMessage({ id: job.id, trees }, trees.map((t) => t.buffer));
        })
        .catch((e: unknown) => port.postMessage({ id: job.id, error: (e as Error).message }));
      return;
    }
    if (job.module) module = { layout: job.module.source.layout, reader: readerFor(job.module.source, job.module.files), keep: true };
    const trees = job.trees ? new Map<string, TreeArrays>(job.trees.map((t) => [t.path, treeArrays(t.count, t.buffer)])) : undefined;
    analyzeSources(job.files, {
      rules: allRules,
      knownRuleIds: ruleCatalogue().map((r) => r.id),
      goMods: job.goMods,
      severityOf: (r) => job.severities[r.meta.id] ?? r.meta.severity,
      ...(module ? { module } : {}),
      ...(trees ? { trees } : {}),
      ...(treeCache ? { treeCache } : {}),
      ...(job.units ? { units: true } : {}),
    })
      .then((result) => port.postMessage({ id: job.id, result }))
      .catch((e: unknown) => port.postMessage({ id: job.id, error: (e as Error).message }));
  });
}

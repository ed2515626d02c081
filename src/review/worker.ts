// Worker thread body for parallel analysis: receives one directory's sources
// at a time, runs the engine with the registry's rules, posts the result back.
import { parentPort } from 'node:worker_threads';
import { analyzeSources, type AnalyzeOptions, type RuleSeverity, type SourceInput } from '../engine/index.js';
import { allRules } from '../../rules/index.js';
import { ruleCatalogue } from './catalogue.js';
import { readerFor, type ModuleSource } from './module-source.js';

export interface WorkerJob {
  id: number;
  files: SourceInput[];
  goMods: { dir: string; text: string }[];
  severities: Record<string, RuleSeverity>;
  /** Sent with the first job only: the worker keeps one module view for all its jobs. */
  module?: { source: ModuleSource; files: SourceInput[] };
}

if (parentPort) {
  const port = parentPort;
  let module: AnalyzeOptions['module'];
  port.on('message', (job: WorkerJob) => {
    if (job.module) module = { layout: job.module.source.layout, reader: readerFor(job.module.source, job.module.files), keep: true };
    analyzeSources(job.files, { rules: allRules, knownRuleIds: ruleCatalogue().map((r) => r.id), goMods: job.goMods, severityOf: (r) => job.severities[r.meta.id] ?? r.meta.severity, ...(module ? { module } : {}) })
      .then((result) => port.postMessage({ id: job.id, result }))
      .catch((e: unknown) => port.postMessage({ id: job.id, error: (e as Error).message }));
  });
}
